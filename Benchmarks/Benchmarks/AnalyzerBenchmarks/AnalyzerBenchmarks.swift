import Benchmark
import Foundation
import VietSearchSQLite
import VietnameseCorpus
import VietnameseText

// package-benchmark suite: `cd Benchmarks && swift package benchmark [--filter unicode61]`.
// Corpus: 10 MB of generated text by default; set VIETSEARCH_CORPUS to a folder of .txt files or
// a .jsonl.gz file (e.g. /path/to/shared/corpus/vinews-baomoi.jsonl.gz) for a real one.
// One iteration tokenizes the whole corpus, one document at a time. "Bytes/s" is corpus bytes ÷
// that iteration's wall time (shown in M, so it reads as MB/s); `analyzer-throughput` gives the
// same figures with same-round ratios against unicode61.

let benchmarks: @Sendable () -> Void = {
    let corpus = benchmarkCorpus()
    let bytesPerSecond = BenchmarkMetric.custom("Bytes/s", polarity: .prefersLarger, useScalingFactor: false)
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, bytesPerSecond],
        tags: ["corpus": corpusTag(corpus)],
        units: [bytesPerSecond: .mega],
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 20
    )
    let clock = ContinuousClock()
    func record(_ benchmark: Benchmark, _ elapsed: Duration) {
        let (seconds, attoseconds) = elapsed.components
        let time = Double(seconds) + Double(attoseconds) / 1e18
        benchmark.measurement(bytesPerSecond, Int(Double(corpus.byteCount) / time))
    }

    let analyzer = VietnameseAnalyzer()
    var list = TokenList()
    func analyzeAll() -> Int {
        var tokens = 0
        for document in corpus.documents {
            analyzer.analyze(document, into: &list)
            tokens += list.count
        }
        return tokens
    }
    // Token counts are checked on every iteration, so a broken build cannot look fast.
    let analyzerTokens = analyzeAll()
    Benchmark("VietnameseAnalyzer.analyze") { benchmark in
        for _ in benchmark.scaledIterations {
            var tokens = 0
            record(benchmark, clock.measure { tokens = analyzeAll() })
            precondition(tokens == analyzerTokens, "analyzer token count changed: \(tokens) vs \(analyzerTokens)")
        }
    }

    let connection: SQLiteConnection
    let tokenizers: [(label: String, handle: FTS5TokenizerHandle)]
    do {
        connection = try SQLiteConnection(path: ":memory:")
        try connection.registerVietnameseTokenizer()
        tokenizers = [
            ("vietnamese via FTS5 xTokenize", try FTS5TokenizerHandle(connection: connection, name: "vietnamese")),
            (
                "unicode61 remove_diacritics 2 via FTS5 xTokenize",
                try FTS5TokenizerHandle(connection: connection, name: "unicode61", arguments: ["remove_diacritics", "2"])
            ),
        ]
    } catch {
        stop("cannot set up the FTS5 tokenizers: \(error)")
    }
    for (label, handle) in tokenizers {
        func tokenizeAll() throws -> Int {
            var tokens = 0
            for document in corpus.documents { tokens += try handle.countTokens(in: document) }
            return tokens
        }
        let expected: Int
        do { expected = try tokenizeAll() } catch { stop("\(label) failed: \(error)") }
        Benchmark(label) { benchmark in
            for _ in benchmark.scaledIterations {
                var tokens = 0
                record(benchmark, try clock.measure { tokens = try tokenizeAll() })
                precondition(tokens == expected, "\(label) token count changed: \(tokens) vs \(expected)")
            }
        }
    }
}

/// The real corpus named by VIETSEARCH_CORPUS, or 10 MB of generated text. A bad path stops the
/// run rather than silently measuring something else.
func benchmarkCorpus() -> Corpus {
    guard let path = ProcessInfo.processInfo.environment["VIETSEARCH_CORPUS"], !path.isEmpty else {
        return Corpus.generated(megabytes: 10)
    }
    do {
        return try Corpus.load(path: path)
    } catch {
        stop("VIETSEARCH_CORPUS: \(error)")
    }
}

/// A short label for benchmark names: the corpus file or folder name (or "generated") and size.
func corpusTag(_ corpus: Corpus) -> String {
    let source = ProcessInfo.processInfo.environment["VIETSEARCH_CORPUS"].map { URL(fileURLWithPath: $0).lastPathComponent }
    return "\(source ?? "generated") \(corpus.byteCount / 1_000_000) MB"
}

/// Ends the run with a message (a setup problem, not a bug: no crash report).
func stop(_ message: String) -> Never {
    FileHandle.standardError.write(Data("AnalyzerBenchmarks: \(message)\n".utf8))
    exit(1)
}
