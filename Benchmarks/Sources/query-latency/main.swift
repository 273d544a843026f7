import Foundation
import VietSearch
import VietnameseCorpus

// Query latency of `SearchIndex.search` (limit 10) over an existing index: median, p90, p99.
// Queries come from text files (one per line) and/or from the ViNewsQA questions file, taken as
// written and with diacritics stripped (đ → d), as many users type them.
//
//   swift run -c release --package-path Benchmarks query-latency INDEX.db \
//       [--questions ../shared/corpus/vinewsqa-qa-dev.jsonl.gz] [--every N] [QUERIES.txt...]

var arguments = Array(CommandLine.arguments.dropFirst())
guard let indexPath = arguments.first, !indexPath.hasPrefix("-") else {
    print("usage: query-latency INDEX.db [--questions FILE.jsonl.gz] [--every N] [QUERIES.txt...]")
    exit(2)
}
arguments.removeFirst()
var questionsPath: String?
var every = 5
var files: [String] = []
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--questions" where !arguments.isEmpty: questionsPath = arguments.removeFirst()
    case "--every" where !arguments.isEmpty: every = max(1, Int(arguments.removeFirst()) ?? 5)
    default: files.append(argument)
    }
}

do {
    let index = try SearchIndex(path: indexPath, mode: .readOnly)
    var sets: [(String, [String])] = try files.map { file in
        ((file as NSString).lastPathComponent, try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init))
    }
    if let questionsPath {
        let sample = try QuestionSet.load(path: questionsPath).every(every).map(\.question)
        sets.append(("questions as written (every \(every)th)", sample))
        sets.append(("questions without diacritics", sample.map(QuestionSet.withoutDiacritics)))
    }
    print("| queries | n | median ms | p90 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|")
    for (name, queries) in sets {
        var times: [Double] = []
        for query in queries {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try index.search(query, options: SearchOptions(limit: 10))
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        times.sort()
        guard !times.isEmpty else { continue }
        print(
            String(
                format: "| %@ | %d | %.1f | %.1f | %.1f |", name as NSString, times.count, times[times.count / 2],
                times[times.count * 9 / 10], times[min(times.count - 1, times.count * 99 / 100)]))
    }
} catch {
    FileHandle.standardError.write(Data("query-latency: \(error)\n".utf8))
    exit(1)
}
