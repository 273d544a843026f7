import Foundation
import VietSearchSQLite
import VietnameseCorpus
import VietnameseText

// Analyzer throughput against SQLite's own unicode61 tokenizer, in one run on one corpus:
// (a) VietnameseAnalyzer directly, (b) the `vietnamese` FTS5 tokenizer and (c) `unicode61
// remove_diacritics 2`, both driven through the same xTokenize harness with a counting callback.
// The passes alternate for several rounds; medians are reported, since this machine is noisy.
//
//   swift run -c release --package-path Benchmarks analyzer-throughput [--corpus PATH]
//       [--rounds N] [--generated-mb M]

struct Options {
    var corpus: String?
    var rounds = 5
    var generatedMegabytes = 50.0

    init(_ arguments: [String]) throws {
        var index = 0
        func value() throws -> String {
            index += 1
            guard index < arguments.count else { throw CorpusLoader.LoadError(description: "\(arguments[index - 1]) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--corpus": corpus = try value()
            case "--rounds": rounds = max(1, Int(try value()) ?? 5)
            case "--generated-mb": generatedMegabytes = Double(try value()) ?? 50
            case "--help", "-h":
                print("usage: analyzer-throughput [--corpus FOLDER|FILE.jsonl.gz] [--rounds N] [--generated-mb M]")
                exit(0)
            default: throw CorpusLoader.LoadError(description: "unknown argument \(arguments[index]) (try --help)")
            }
            index += 1
        }
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func machine() -> String {
    let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
        .split(separator: "\n").first { $0.hasPrefix("model name") }?
        .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
    return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu), SQLite \(SQLiteConnection.libraryVersion)"
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let documents: [[UInt8]]
    let description: String
    if let path = options.corpus {
        documents = try CorpusLoader.load(path: path)
        description = path
    } else {
        let generator = VietnameseCorpusGenerator()
        documents = generator.documents(totalBytes: Int(options.generatedMegabytes * 1_000_000)).map { Array($0.utf8) }
        description = "generated (seed \(generator.seed))"
    }
    let bytes = documents.reduce(0) { $0 + $1.count }
    print("corpus: \(description): \(documents.count) documents, \(String(format: "%.1f", Double(bytes) / 1e6)) MB")
    print("machine: \(machine())")

    let connection = try SQLiteConnection(path: ":memory:")
    try connection.registerVietnameseTokenizer()
    let vietnamese = try FTS5TokenizerHandle(connection: connection, name: "vietnamese")
    let stock = try FTS5TokenizerHandle(connection: connection, name: "unicode61", arguments: ["remove_diacritics", "2"])
    let analyzer = VietnameseAnalyzer()

    var list = TokenList()
    let passes: [(String, () throws -> Int)] = [
        ("VietnameseAnalyzer.analyze", {
            var tokens = 0
            for document in documents {
                analyzer.analyze(document, into: &list)
                tokens += list.count
            }
            return tokens
        }),
        ("vietnamese (FTS5 xTokenize)", { try documents.reduce(0) { $0 + (try vietnamese.countTokens(in: $1)) } }),
        ("unicode61 remove_diacritics 2 (FTS5 xTokenize)", { try documents.reduce(0) { $0 + (try stock.countTokens(in: $1)) } }),
    ]
    var seconds = Array(repeating: [Double](), count: passes.count)
    var tokens = Array(repeating: 0, count: passes.count)
    for round in 1...options.rounds {
        for (index, pass) in passes.enumerated() {
            let start = DispatchTime.now().uptimeNanoseconds
            tokens[index] = try pass.1()
            seconds[index].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let line = passes.indices.map { String(format: "%.1f", Double(bytes) / seconds[$0].last! / 1e6) }
        print("round \(round): MB/s \(line.joined(separator: " / "))")
    }

    let stockMedian = median(seconds[passes.count - 1])
    print("")
    print("| pass | median MB/s | min–max MB/s | tokens | M tokens/s | vs unicode61 |")
    print("|---|---:|---:|---:|---:|---:|")
    for (index, pass) in passes.enumerated() {
        let m = median(seconds[index])
        let fastest = seconds[index].min()!
        let slowest = seconds[index].max()!
        print(
            String(
                format: "| %@ | %.1f | %.1f–%.1f | %d | %.1f | %.2f× |", pass.0 as NSString, Double(bytes) / m / 1e6,
                Double(bytes) / slowest / 1e6, Double(bytes) / fastest / 1e6, tokens[index],
                Double(tokens[index]) / m / 1e6, stockMedian / m))
    }
} catch {
    FileHandle.standardError.write(Data("analyzer-throughput: \(error)\n".utf8))
    exit(1)
}
