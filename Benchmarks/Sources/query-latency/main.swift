import Foundation
import VietSearch
import VietSearchSQLite
import VietnameseCorpus
import VietnameseText

// Query latency of `SearchIndex.search` (limit 10) over an existing index: median, p90, p99.
// Queries come from text files (one per line) and/or from the ViNewsQA questions file, taken as
// written and with diacritics stripped (đ → d), as many users type them: the stripped ones both
// with accents restored (the default) and with every form (`restoreAccents: false`; no stock
// column, the stock queries being those of the row above).
//
// `--stock STOCK.db` runs the same queries in the same run against a stock FTS5 table `t` over
// the same documents, as an OR of the query's words ranked by `ORDER BY rank` (the way a plain
// FTS5 application answers a question), and prints the ratio of medians. The stock table, as
// `Benchmarks/compare-indexing.sh` builds it:
//
//   sqlite3 /tmp/stock.db "CREATE VIRTUAL TABLE t USING fts5(path, body, tokenize='unicode61 remove_diacritics 2');" \
//       "INSERT INTO t(path, body) SELECT name, readfile(name) FROM fsdir('/tmp/news-folder') WHERE name LIKE '%.txt';"
//
//   swift run -c release --package-path Benchmarks query-latency INDEX.db \
//       [--questions ../shared/corpus/vinewsqa-qa-dev.jsonl.gz] [--every N] [--stock STOCK.db] [--each] [QUERIES.txt...]
//
// `--one-thread` ranks on one thread (`SearchIndex.rankInParallel = false`): the baseline for
// the two-thread split (docs/ENGINE.md, "Two threads per search").
//
// `--cpu` adds the process's CPU time per query (both threads): on a busy machine wall times
// mostly measure waiting for a core, CPU times much less so.
//
// `--literal` also searches every query with all rewriting off (`SearchOptions.literal`: no
// Telex/VNI decoding, typo correction, abbreviation expansion or accent restoration), right before
// or after the same query rewritten (alternately), and prints that row below: the cost of
// rewriting, in one run.
// `--telex` adds the questions typed in Telex without an input method (tone key at the end).
//
// `--each` also lists every query of the files with its median time over `--repeat N` runs
// (default 5) and its total: which queries are slow, and why (how many documents match).
//
// One search runs before any is timed, and its time is printed above the table: the first
// search of a process loads the row lengths and opens the second connection, which would
// otherwise be counted in whichever query comes first (a p99 of 250 questions is their third
// slowest).
//
// `--slowest N` lists, below each row, its N slowest queries with their wall and CPU times: the
// tail that p99 measures.
//
// `--exhaustive` scores every matching document through FTS5 (`SearchOptions.exhaustive`), the
// way indexes the postings reader does not know are searched: the fallback's worst case.

var arguments = Array(CommandLine.arguments.dropFirst())
guard let indexPath = arguments.first, !indexPath.hasPrefix("-") else {
    print("usage: query-latency INDEX.db [--questions FILE.jsonl.gz] [--every N] [--cpu] [--literal] [--telex] [--slowest N] [QUERIES.txt...]")
    exit(2)
}
arguments.removeFirst()
var questionsPath: String?
var stockPath: String?
var every = 5
var files: [String] = []
var each = false
var repeats = 5
var oneThread = false
var cpu = false
var literalToo = false
var telex = false
var exhaustive = false
var slowest = 0
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--questions" where !arguments.isEmpty: questionsPath = arguments.removeFirst()
    case "--stock" where !arguments.isEmpty: stockPath = arguments.removeFirst()
    case "--every" where !arguments.isEmpty: every = max(1, Int(arguments.removeFirst()) ?? 5)
    case "--each": each = true
    case "--repeat" where !arguments.isEmpty: repeats = max(1, Int(arguments.removeFirst()) ?? 5)
    case "--one-thread": oneThread = true
    case "--cpu": cpu = true
    case "--literal": literalToo = true
    case "--telex": telex = true
    case "--exhaustive": exhaustive = true
    case "--slowest" where !arguments.isEmpty: slowest = max(0, Int(arguments.removeFirst()) ?? 0)
    default: files.append(argument)
    }
}

do {
    let index = try SearchIndex(path: indexPath, mode: .readOnly)
    index.rankInParallel = !oneThread
    // (name, queries, restore accents)
    var sets: [(String, [String], Bool)] = try files.map { file in
        ((file as NSString).lastPathComponent, try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init), true)
    }
    if let questionsPath {
        let sample = try QuestionSet.load(path: questionsPath).every(every).map(\.question)
        sets.append(("questions as written (every \(every)th)", sample, true))
        sets.append(("questions without diacritics (accents restored)", sample.map(QuestionSet.withoutDiacritics), true))
        sets.append(("questions without diacritics, every form", sample.map(QuestionSet.withoutDiacritics), false))
        if telex {
            sets.append(("questions in Telex", sample.map { KeystrokeEncoder.encode($0, method: .telex, tone: .endOfWord) }, true))
        }
    }
    let stock = try stockPath.map { path in try SQLiteConnection(path: path, mode: .readOnly) }
    let stockQuery = try stock?.prepare("SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rank LIMIT 10")
    func percentiles(_ times: [Double]) -> (Double, Double, Double) {
        let sorted = times.sorted()
        return (sorted[sorted.count / 2], sorted[sorted.count * 9 / 10], sorted[min(sorted.count - 1, sorted.count * 99 / 100)])
    }
    func cpuNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
    let warmStart = DispatchTime.now().uptimeNanoseconds
    _ = try index.search("tin tức mới nhất hôm nay", options: SearchOptions(limit: 10, exhaustive: exhaustive))
    print(String(format: "first search (not in the table): %.1f ms\n", Double(DispatchTime.now().uptimeNanoseconds - warmStart) / 1e6))
    if each {
        print("| query | median ms |" + (cpu ? " CPU median ms |" : "") + " total |")
        print("|---|---:|" + (cpu ? "---:|" : "") + "---:|")
        for query in sets.prefix(files.count).flatMap(\.1) {
            var times: [Double] = []
            var cpuTimes: [Double] = []
            var total = 0
            for _ in 0..<repeats {
                let cpuStart = cpuNanoseconds()
                let start = DispatchTime.now().uptimeNanoseconds
                total = try index.search(query, options: SearchOptions(limit: 10, exhaustive: exhaustive)).total
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                cpuTimes.append(Double(cpuNanoseconds() - cpuStart) / 1e6)
            }
            let shown = query.count > 90 ? String(query.prefix(90)) + "…" : query
            print(
                String(format: "| %@ | %.1f |", shown as NSString, percentiles(times).0)
                    + (cpu ? String(format: " %.1f |", percentiles(cpuTimes).0) : "") + " \(total) |")
        }
        print("")
    }
    print("| queries | n | median ms | p90 ms | p99 ms |" + (cpu ? " CPU median ms | CPU p99 ms |" : "") + (stock == nil ? "" : " stock median | stock p99 | median ratio |"))
    print("|---|---:|---:|---:|---:|" + (cpu ? "---:|---:|" : "") + (stock == nil ? "" : "---:|---:|---:|"))
    /// Wall and CPU milliseconds of one search.
    func measure(_ query: String, _ options: SearchOptions) throws -> (wall: Double, cpu: Double) {
        let cpuStart = cpuNanoseconds()
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try index.search(query, options: options)
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, Double(cpuNanoseconds() - cpuStart) / 1e6)
    }
    func row(_ name: String, _ times: [Double], _ cpuTimes: [Double], _ stockTimes: [Double]) -> String {
        let (median, p90, p99) = percentiles(times)
        var line = String(format: "| %@ | %d | %.1f | %.1f | %.1f |", name as NSString, times.count, median, p90, p99)
        if cpu {
            let (cpuMedian, _, cpuP99) = percentiles(cpuTimes)
            line += String(format: " %.1f | %.1f |", cpuMedian, cpuP99)
        }
        if !stockTimes.isEmpty {
            let (stockMedian, _, stockP99) = percentiles(stockTimes)
            line += String(format: " %.1f | %.1f | %.2f× |", stockMedian, stockP99, stockMedian / median)
        }
        return line
    }
    for (name, queries, restore) in sets where !queries.isEmpty {
        var times: [Double] = []
        var stockTimes: [Double] = []
        var cpuTimes: [Double] = []
        var literalTimes: [Double] = []
        var literalCPU: [Double] = []
        for (number, query) in queries.enumerated() {
            // With `--literal`, every other query is searched literally first: neither way
            // always finds the pages the other read.
            let literalFirst = literalToo && number % 2 == 1
            func searchLiterally() throws {
                let literal = try measure(query, SearchOptions(limit: 10, restoreAccents: restore, exhaustive: exhaustive, literal: true))
                literalTimes.append(literal.wall)
                literalCPU.append(literal.cpu)
            }
            if literalFirst { try searchLiterally() }
            let measured = try measure(query, SearchOptions(limit: 10, restoreAccents: restore, exhaustive: exhaustive))
            times.append(measured.wall)
            cpuTimes.append(measured.cpu)
            if literalToo && !literalFirst { try searchLiterally() }
            if let stockQuery, restore {
                // Every word quoted (no query syntax), joined by OR.
                let words = query.split { !$0.isLetter && !$0.isNumber }.map { "\"\($0)\"" }
                guard !words.isEmpty else { continue }
                let begin = DispatchTime.now().uptimeNanoseconds
                stockQuery.reset()
                try stockQuery.bind([.text(words.joined(separator: " OR "))])
                while try stockQuery.step() {}
                stockTimes.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
            }
        }
        print(row(name, times, cpuTimes, stockTimes))
        for number in times.indices.sorted(by: { times[$0] > times[$1] }).prefix(slowest) {
            print(String(format: "  %7.1f ms wall %7.1f ms CPU  ", times[number], cpuTimes[number]) + queries[number])
        }
        if literalToo { print(row(name + ", --literal", literalTimes, literalCPU, [])) }
    }
} catch {
    FileHandle.standardError.write(Data("query-latency: \(error)\n".utf8))
    exit(1)
}
