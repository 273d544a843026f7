import Foundation
import VietSearchSQLite
import VietnameseCorpus

// Insert throughput and index size of the `vietnamese` tokenizer's modes against stock
// `unicode61 remove_diacritics 2`, in one process, alternating, on one corpus:
// fts5(body, tokenize=…), content stored, one transaction, journal_mode=OFF, synchronous=OFF,
// one INSERT per document.
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
    let modes = ["unicode61 remove_diacritics 2", "vietnamese", "vietnamese accent 1", "vietnamese accent 2"]
    var seconds = [String: [Double]]()
    var sizes = [String: (data: Int64, file: Int64)]()
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("insert-throughput-\(getpid()).db").path
    for round in 1...rounds {
        for mode in modes {
            try? FileManager.default.removeItem(atPath: path)
            let db = try SQLiteConnection(path: path)
            try db.registerVietnameseTokenizer()
            try db.execute("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
            try db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize=\"\(mode)\")")
            let start = DispatchTime.now().uptimeNanoseconds
            try db.execute("BEGIN")
            let insert = try db.prepare("INSERT INTO t(body) VALUES (?1)")
            for document in corpus.documents {
                insert.reset()
                try insert.bind(utf8: document, at: 1)
                try insert.step()
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
