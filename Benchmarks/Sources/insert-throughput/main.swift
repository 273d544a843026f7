import Foundation
import VietSearchSQLite
import VietnameseCorpus

// Insert throughput and index size of the `vietnamese` tokenizer's modes against stock
// `unicode61 remove_diacritics 2`, in one process, alternating, on one corpus:
// fts5(body, tokenize=…), content stored, one transaction, journal_mode=OFF, synchronous=OFF,
// one INSERT per document.
// Two more rows show how `vnsearch index` inserts: "recorded" = the terms are recorded by
// `VietnamesePretokenizer` on a second thread while the inserting thread replays them
// (`withPretokenized`), timed end to end; "hash 8 MB" = FTS5 `hashsize` 8 MB (the default is
// 1 MB), for stock too.
//
//   swift run -c release --package-path Benchmarks insert-throughput [--corpus PATH] [--rounds N]

var corpusPath: String?
var rounds = 3
var arguments = Array(CommandLine.arguments.dropFirst())
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--corpus" where !arguments.isEmpty: corpusPath = arguments.removeFirst()
    case "--rounds" where !arguments.isEmpty: rounds = max(1, Int(arguments.removeFirst()) ?? 3)
    default:
        print("usage: insert-throughput [--corpus FOLDER|FILE.jsonl.gz] [--rounds N]")
        exit(argument == "--help" ? 0 : 2)
    }
}

do {
    let corpus = try corpusPath.map { try Corpus.load(path: $0) } ?? Corpus.generated(megabytes: 30)
    print("corpus: \(corpus.name): \(corpus.documents.count) documents, \(String(format: "%.1f", Double(corpus.byteCount) / 1e6)) MB")
    let stockName = "unicode61 remove_diacritics 2"
    let keyedRecorded = "vietnamese accent 2, recorded"
    let modes = [
        stockName, "vietnamese", "vietnamese accent 1", "vietnamese accent 2", keyedRecorded,
        stockName + ", hash 8 MB", keyedRecorded + ", hash 8 MB",
    ]
    var seconds = [String: [Double]]()
    var sizes = [String: (data: Int64, file: Int64)]()
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("insert-throughput-\(getpid()).db").path
    for round in 1...rounds {
        for mode in modes {
            try? FileManager.default.removeItem(atPath: path)
            let db = try SQLiteConnection(path: path)
            try db.registerVietnameseTokenizer()
            try db.execute("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
            let tokenizer = mode.hasPrefix(stockName) ? stockName : String(mode.prefix { $0 != "," })
            try db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize=\"\(tokenizer)\")")
            if mode.hasSuffix("hash 8 MB") { try db.execute("INSERT INTO t(t, rank) VALUES('hashsize', 8388608)") }
            let start = DispatchTime.now().uptimeNanoseconds
            try db.execute("BEGIN")
            let insert = try db.prepare("INSERT INTO t(body) VALUES (?1)")
            if mode.contains("recorded") {
                let recordings = RecordingPipeline(documents: corpus.documents, options: VietnameseTokenizerOptions(accent: .keyed))
                for document in corpus.documents {
                    let recording = recordings.next()
                    try db.withPretokenized([recording]) {
                        insert.reset()
                        try insert.bind(utf8: document, at: 1)
                        try insert.step()
                    }
                }
            } else {
                for document in corpus.documents {
                    insert.reset()
                    try insert.bind(utf8: document, at: 1)
                    try insert.step()
                }
            }
            try db.execute("COMMIT")
            seconds[mode, default: []].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            let data = try db.scalarInt("SELECT sum(length(block)) FROM t_data") ?? 0
            let file = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
            sizes[mode] = (data, file)
        }
        print("round \(round): " + modes.map { String(format: "%.2f s", seconds[$0]!.last!) }.joined(separator: " / "))
    }
    try? FileManager.default.removeItem(atPath: path)
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    let stock = median(seconds[modes[0]]!)
    print("\n| tokenizer | median s | MB/s | × stock throughput | FTS5 index data | × stock | file |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for mode in modes {
        let m = median(seconds[mode]!)
        let size = sizes[mode]!
        print(
            String(
                format: "| %@ | %.2f | %.1f | %.2f× | %.1f MB | %.2f× | %.1f MB |", mode as NSString, m,
                Double(corpus.byteCount) / m / 1e6, stock / m, Double(size.data) / 1e6,
                Double(size.data) / Double(sizes[modes[0]]!.data), Double(size.file) / 1e6))
    }
} catch {
    FileHandle.standardError.write(Data("insert-throughput: \(error)\n".utf8))
    exit(1)
}

/// Records documents' terms on a second thread, at most 256 ahead of the consumer, in order.
final class RecordingPipeline: @unchecked Sendable {
    private var ready: [PretokenizedText?]
    private let lock = NSLock()
    private let available = DispatchSemaphore(value: 0)
    private let space = DispatchSemaphore(value: 256)
    private var taken = 0

    init(documents: [[UInt8]], options: VietnameseTokenizerOptions) {
        ready = Array(repeating: nil, count: documents.count)
        let thread = Thread { [self] in
            let pretokenizer = VietnamesePretokenizer(options: options)
            for (index, document) in documents.enumerated() {
                space.wait()
                let recording = pretokenizer.record(String(decoding: document, as: UTF8.self))
                lock.withLock { ready[index] = recording }
                available.signal()
            }
        }
        thread.start()
    }

    func next() -> PretokenizedText {
        available.wait()
        let recording = lock.withLock {
            defer { ready[taken] = nil }
            return ready[taken]!
        }
        taken += 1
        space.signal()
        return recording
    }
}
