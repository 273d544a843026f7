import Foundation
import VietSearch
import VietSearchSQLite
import VietnameseCorpus
import VietnameseText

// Exactness of the pruned ranking: every query is searched twice on the same index, as a user's
// search does (`PrunedRanker`: postings read directly, documents that provably cannot reach the
// page skipped) and with `SearchOptions.exhaustive` (every matching document scored by
// `vietsearch_rank` through FTS5, ordered by score then rowid), and the pages compared: the same
// documents in the same order with the same scores, or a difference to explain.
//
// Queries: the ViNewsQA dev questions as written and without diacritics (`--questions`, every
// `--every`-th), the lines of query files, and `--random N` queries drawn from the index's own
// vocabulary (`term_stats`): 1–6 words, accented or not, with prefixes, exclusions, phrases and
// OR, some asking for more results than match. `--rewrites` adds queries the search rewrites:
// the sampled questions typed in Telex, in VNI and with one typo (`TypoMaker`), and each
// built-in abbreviation and its expansion, alone and followed by a common word (both sides
// searched, the added one weighted `expansionWeight`). Queries whose routing words are all
// phrases are searched by the pruned ranker too, unless `--as-routed`: then as a search routes
// them (with block maxima, pruned with bounds from their phrases; else through FTS5).
//
//   swift run -c release --package-path Benchmarks ranking-exactness INDEX.db \
//       --questions ../shared/corpus/vinewsqa-qa-dev.jsonl.gz --every 5 --random 600 Benchmarks/Queries/keywords.txt

var arguments = Array(CommandLine.arguments.dropFirst())
guard let indexPath = arguments.first, !indexPath.hasPrefix("-") else {
    print("usage: ranking-exactness INDEX.db [--questions FILE.jsonl.gz] [--every N] [--random N] [--seed S] [--limit K] [--rewrites] [--as-routed] [QUERIES.txt...]")
    exit(2)
}
arguments.removeFirst()
var questionsPath: String?
var every = 5
var random = 0
var seed: UInt64 = 1
var limit = 10
var files: [String] = []
var rewrites = false
var asRouted = false
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--questions" where !arguments.isEmpty: questionsPath = arguments.removeFirst()
    case "--every" where !arguments.isEmpty: every = max(1, Int(arguments.removeFirst()) ?? 5)
    case "--random" where !arguments.isEmpty: random = max(0, Int(arguments.removeFirst()) ?? 0)
    case "--seed" where !arguments.isEmpty: seed = UInt64(arguments.removeFirst()) ?? 1
    case "--limit" where !arguments.isEmpty: limit = max(1, Int(arguments.removeFirst()) ?? 10)
    case "--rewrites": rewrites = true
    case "--as-routed": asRouted = true
    default: files.append(argument)
    }
}

/// Deterministic pseudo-random numbers (SplitMix64).
struct Numbers: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Words of the index: each folded syllable with its accent forms, by document frequency band.
func vocabulary(_ path: String) throws -> [(folded: String, forms: [String], documents: Int)] {
    let connection = try SQLiteConnection(path: path, mode: .readOnly)
    let statement = try connection.prepare("SELECT folded, df, variants FROM term_stats WHERE length(folded) BETWEEN 1 AND 12")
    var words: [(String, [String], Int)] = []
    while try statement.step() {
        let forms = statement.text(at: 2).split(separator: " ").compactMap { pair -> String? in
            let form = pair.split(separator: "=", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return form.isEmpty ? nil : form
        }
        words.append((statement.text(at: 0), forms, statement.int(at: 1)))
    }
    return words
}

/// A random query of 1–6 words: common and rare words alike (drawn by rank, not by frequency).
func randomQuery(_ words: [(folded: String, forms: [String], documents: Int)], limit: Int, _ numbers: inout Numbers) -> (String, Int) {
    let accented = Bool.random(using: &numbers)
    func pick() -> String {
        let word = words[Int.random(in: 0..<words.count, using: &numbers)]
        return accented ? (word.forms.randomElement(using: &numbers) ?? word.folded) : word.folded
    }
    var parts: [String] = []
    for _ in 0..<Int.random(in: 1...6, using: &numbers) {
        let word = pick()
        switch Int.random(in: 0..<20, using: &numbers) {
        // A prefix keeps at least 3 letters (shorter ones are refused: docs/ENGINE.md, "Hostile queries").
        case 0: parts.append(word.count > 3 ? String(word.prefix(word.count - 1)) + "*" : word)
        case 1: parts.append("-" + pick())
        case 2: parts.append("\"\(word) \(pick())\"")
        case 3: parts.append("\(word) OR \(pick())")
        default: parts.append(word)
        }
    }
    // Some ask for more results than match.
    return (parts.joined(separator: " "), Int.random(in: 0..<8, using: &numbers) == 0 ? 200 : limit)
}

do {
    let index = try SearchIndex(path: indexPath, mode: .readOnly)
    // The pruned ranker for every query: phrase queries, which searches rank through FTS5 (or,
    // with block maxima, prune with bounds from their phrases), too; `--as-routed` leaves them
    // to the search's own route.
    index.phrasesThroughFTS5 = asRouted
    var sets: [(String, [(String, Int)], Bool)] = try files.map { file in
        ((file as NSString).lastPathComponent, try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map { (String($0), limit) }, true)
    }
    if let questionsPath {
        let sample = try QuestionSet.load(path: questionsPath).every(every).map(\.question)
        sets.append(("questions as written", sample.map { ($0, limit) }, true))
        sets.append(("questions without diacritics (accents restored)", sample.map { (QuestionSet.withoutDiacritics($0), limit) }, true))
        sets.append(("questions without diacritics, every form", sample.map { (QuestionSet.withoutDiacritics($0), limit) }, false))
        if rewrites {
            sets.append(("questions in Telex", sample.map { (KeystrokeEncoder.encode($0, method: .telex, tone: .endOfWord), limit) }, true))
            sets.append(("questions in VNI, tone after the vowel", sample.map { (KeystrokeEncoder.encode($0, method: .vni, tone: .afterVowel), limit) }, true))
            sets.append(
                ("questions with one typo", sample.enumerated().map { number, question in
                    var rng = SplitMix64(seed: seed &+ UInt64(number))
                    return (TypoMaker.withOneTypo(question, rng: &rng), limit)
                }, true))
        }
    }
    if rewrites {
        let entries = AbbreviationDictionary.builtin.entries
        let sides = entries.flatMap { [$0.abbreviation, $0.expansion] }
        sets.append(("built-in abbreviations and expansions", sides.map { ($0, limit) }, true))
        sets.append(("the same, then a common word", sides.map { ($0 + " mới", limit) }, true))
    }
    if random > 0 {
        var numbers = Numbers(state: seed)
        let words = try vocabulary(indexPath)
        sets.append(("random from the vocabulary", (0..<random).map { _ in randomQuery(words, limit: limit, &numbers) }, true))
    }
    print("| queries | n | identical | different | pruned median ms | exhaustive median ms |")
    print("|---|---:|---:|---:|---:|---:|")
    var differences: [String] = []
    for (name, queries, restore) in sets where !queries.isEmpty {
        var identical = 0
        var prunedTimes: [Double] = []
        var exhaustiveTimes: [Double] = []
        for (query, limit) in queries {
            let options = SearchOptions(limit: limit, snippetWords: 1, restoreAccents: restore)
            var exhaustive = options
            exhaustive.exhaustive = true
            let start = DispatchTime.now().uptimeNanoseconds
            let pruned = try index.search(query, options: options)
            let middle = DispatchTime.now().uptimeNanoseconds
            let reference = try index.search(query, options: exhaustive)
            let end = DispatchTime.now().uptimeNanoseconds
            prunedTimes.append(Double(middle - start) / 1e6)
            exhaustiveTimes.append(Double(end - middle) / 1e6)
            let mine = pruned.results.map { "\($0.path) \($0.score)" }
            let theirs = reference.results.map { "\($0.path) \($0.score)" }
            if mine == theirs {
                identical += 1
            } else {
                let first = zip(mine, theirs).enumerated().first { $0.element.0 != $0.element.1 }
                differences.append(
                    "\(name): \(query) (limit \(limit)): \(mine.count) against \(theirs.count) results"
                        + (first.map { ", first at \($0.offset + 1): \($0.element.0) against \($0.element.1)" } ?? ""))
            }
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        print(
            String(
                format: "| %@ | %d | %d | %d | %.1f | %.1f |", name as NSString, queries.count, identical, queries.count - identical,
                median(prunedTimes), median(exhaustiveTimes)))
    }
    if !differences.isEmpty {
        print("\nDifferences:")
        for line in differences.prefix(50) { print("- " + line) }
    }
} catch {
    FileHandle.standardError.write(Data("ranking-exactness: \(error)\n".utf8))
    exit(1)
}
