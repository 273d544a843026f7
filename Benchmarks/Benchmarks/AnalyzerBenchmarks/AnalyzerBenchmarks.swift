import Benchmark
import Foundation
import VietSearchSQLite
import VietnameseCorpus
import VietnameseText

// package-benchmark suite: `cd Benchmarks && swift package benchmark`.
// Corpus: generated (deterministic, ~10 MB) by default; a real one when VIETSEARCH_CORPUS names a
// folder of .txt files or a .jsonl.gz file (e.g. ../../shared/corpus/vinews-baomoi.jsonl.gz).
// Throughput is reported per pass over the whole corpus; bytes/s = corpus bytes × throughput.

let benchmarks: @Sendable () -> Void = {
    let documents: [[UInt8]]
    if let path = ProcessInfo.processInfo.environment["VIETSEARCH_CORPUS"], let loaded = try? CorpusLoader.load(path: path) {
        documents = loaded
    } else {
        documents = VietnameseCorpusGenerator().documents(totalBytes: 10_000_000).map { Array($0.utf8) }
    }
    let bytes = documents.reduce(0) { $0 + $1.count }
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(10),
        maxIterations: 20
    )
    let megabytes = String(format: "%.0f MB", Double(bytes) / 1e6)

    Benchmark("VietnameseAnalyzer.analyze, \(megabytes)") { benchmark in
        let analyzer = VietnameseAnalyzer()
        var list = TokenList()
        for _ in benchmark.scaledIterations {
            var tokens = 0
            for document in documents {
                analyzer.analyze(document, into: &list)
                tokens += list.count
            }
            blackHole(tokens)
        }
    }

    for (name, tokenizer, arguments) in [
        ("vietnamese via FTS5 xTokenize", "vietnamese", [String]()),
        ("unicode61 remove_diacritics 2 via FTS5 xTokenize", "unicode61", ["remove_diacritics", "2"]),
    ] {
        Benchmark("\(name), \(megabytes)") { benchmark in
            let connection = try SQLiteConnection(path: ":memory:")
            try connection.registerVietnameseTokenizer()
            let handle = try FTS5TokenizerHandle(connection: connection, name: tokenizer, arguments: arguments)
            for _ in benchmark.scaledIterations {
                var tokens = 0
                for document in documents { tokens += try handle.countTokens(in: document) }
                blackHole(tokens)
            }
        }
    }
}
