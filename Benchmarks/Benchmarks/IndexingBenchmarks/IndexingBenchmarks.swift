import Benchmark
import Foundation
import VietSearch
import VietnameseCorpus

// package-benchmark suite: folder indexing and query latency.
// `cd Benchmarks && swift package benchmark --target IndexingBenchmarks`
// Corpus: 10 MB generated (deterministic) by default; VIETSEARCH_FOLDER names a real folder
// instead (e.g. the unpacked news corpus, or a scale folder), indexed as `vnsearch index` would.
// Indexing reports, per iteration, MB/s (10^6 bytes of the files read) and documents/s besides
// wall clock and peak memory.

let benchmarks: @Sendable () -> Void = {
    let fileManager = FileManager.default
    let workspace = fileManager.temporaryDirectory.appendingPathComponent("vietsearch-bench-\(getpid())")
    var folder = ProcessInfo.processInfo.environment["VIETSEARCH_FOLDER"] ?? ""
    if folder.isEmpty {
        folder = workspace.appendingPathComponent("corpus").path
        let documents = VietnameseCorpusGenerator().documents(totalBytes: 10_000_000)
        for (number, text) in documents.enumerated() {
            let subfolder = URL(fileURLWithPath: folder).appendingPathComponent(String(number / 1000))
            try? fileManager.createDirectory(at: subfolder, withIntermediateDirectories: true)
            try? Data(text.utf8).write(to: subfolder.appendingPathComponent("doc-\(number).txt"))
        }
    }
    let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
    let documentsPerSecond = BenchmarkMetric.custom("documents/s", polarity: .prefersLarger, useScalingFactor: false)
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident, megabytesPerSecond, documentsPerSecond], maxDuration: .seconds(20),
        maxIterations: 5)

    Benchmark("index a folder (fresh index)") { benchmark in
        for iteration in benchmark.scaledIterations {
            let path = workspace.appendingPathComponent("index-\(iteration).db").path
            let index = try SearchIndex(path: path, mode: .readWrite)
            let started = ContinuousClock.now
            benchmark.startMeasurement()
            let report = try FolderIndexer(index: index).run(folders: [folder])
            benchmark.stopMeasurement()
            let elapsed = started.duration(to: .now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            benchmark.measurement(megabytesPerSecond, Int((Double(report.bytesRead) / 1e6 / seconds).rounded()))
            benchmark.measurement(documentsPerSecond, Int((Double(report.added + report.updated) / seconds).rounded()))
            for suffix in ["", "-wal", "-shm", ".lock"] { try? fileManager.removeItem(atPath: path + suffix) }
        }
    }

    // Query latency over one index: keyword and question-like queries written for this project.
    let queryIndexPath = workspace.appendingPathComponent("query.db").path
    let queries = [
        "xay dung dang", "đảng", "hoa binh", "benh vien", "tai nan giao thong", "viet nam", "\"xây dựng\"",
        "giáo dục đại học", "nguoi dan dang lam gi de bao ve moi truong", "Chính phủ có chính sách gì cho nông dân?",
    ]
    Benchmark(
        "search, \(queries.count) queries",
        configuration: .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(10), maxIterations: 200)
    ) { benchmark in
        if !fileManager.fileExists(atPath: queryIndexPath) {
            _ = try FolderIndexer(index: try SearchIndex(path: queryIndexPath, mode: .readWrite)).run(folders: [folder])
        }
        let index = try SearchIndex(path: queryIndexPath, mode: .readOnly)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for query in queries { blackHole(try index.search(query)) }
        }
        benchmark.stopMeasurement()
    }
}
