import Foundation
import VietSearch
import VietSearchSQLite
import VietnameseCorpus
import VietnameseText

// Ranking quality on ViNewsQA: every question is searched as written and with diacritics
// stripped (đ → d), the latter both with the default accent restoration and with every accent
// form (`restoreAccents: false`), and the rank of its answer passage is recorded: recall@1,
// recall@10, recall@`--depth` (20 by default), MRR@10, and latency. For the restored questions,
// also the share of words whose restored accents are those written (after tone placement and i/y
// spelling are unified). Short lists: the questions with fewer results than the depth, and
// whether the index has more documents with a distinctive word of the question (it should not).
//
// `--bm25` adds a reference: plain BM25 over the same words (FTS5's `bm25()`, every match
// scored, an OR of the question's words: a word typed with accents as its form, one without in
// every form), the same recalls.
//
// The index must hold the passages as files named `<answer_doc_id>.txt` (what `unpack.py`
// writes), usually next to the 35k news articles as distractors:
//
//   python3 ../shared/corpus/unpack.py ../shared/corpus/vinewsqa-passages.jsonl.gz /tmp/qa
//   python3 ../shared/corpus/unpack.py ../shared/corpus/vinews-baomoi.jsonl.gz /tmp/news
//   vnsearch index /tmp/qa /tmp/news --db /tmp/qa.db
//   swift run -c release --package-path Benchmarks ranking-eval /tmp/qa.db ../shared/corpus/vinewsqa-qa-dev.jsonl.gz
//
// The passages alone (no distractors): `vnsearch index /tmp/qa --db /tmp/qa-only.db`, then
// `ranking-eval /tmp/qa-only.db … --depth 20 --bm25`.

var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else {
    print("usage: ranking-eval INDEX.db QUESTIONS.jsonl.gz [--every N] [--depth D] [--bm25]")
    exit(2)
}
let indexPath = arguments.removeFirst()
let questionsPath = arguments.removeFirst()
var every = 1
var depth = 20
var bm25 = false
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--every" where !arguments.isEmpty: every = max(1, Int(arguments.removeFirst()) ?? 1)
    case "--depth" where !arguments.isEmpty: depth = max(10, Int(arguments.removeFirst()) ?? 20)
    case "--bm25": bm25 = true
    default: print("ranking-eval: unknown argument \(argument)"); exit(2)
    }
}

/// Recalls of one way of searching.
struct Tally {
    let depth: Int
    var hits1 = 0
    var hits10 = 0
    var hitsDeep = 0
    var reciprocal = 0.0
    var times: [Double] = []
    /// Questions with fewer results than the depth, and those among them with more matching
    /// documents than were returned.
    var short = 0
    var shortUnexplained: [String] = []

    mutating func add(rank: Int?) {
        guard let rank else { return }
        if rank < depth { hitsDeep += 1 }
        if rank < 10 {
            hits10 += 1
            reciprocal += 1.0 / Double(rank + 1)
        }
        if rank == 0 { hits1 += 1 }
    }

    func row(_ name: String, _ count: Int) -> String {
        let n = Double(max(count, 1))
        let sorted = times.sorted()
        let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        let p99 = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
        return String(
            format: "| %@ | %d | %.3f | %.3f | %.3f | %.3f | %.1f | %.1f | %d |", name as NSString, count, Double(hits1) / n,
            Double(hits10) / n, Double(hitsDeep) / n, reciprocal / n, median, p99, short)
    }
}

/// The FTS5 expression of plain BM25's reference: the question's words OR'd, each as typed.
func bm25Expression(_ text: String, analyzer: VietnameseAnalyzer) -> String? {
    var seen = Set<String>()
    let terms = analyzer.tokens(in: text).compactMap { token -> String? in
        let term = token.hasDiacritics ? "\"\(token.accent)\"" : "\"\(token.folded)\u{2}\"*"
        return seen.insert(term).inserted ? term : nil
    }
    return terms.isEmpty ? nil : terms.joined(separator: " OR ")
}

do {
    let index = try SearchIndex(path: indexPath, mode: .readOnly)
    let questions = try QuestionSet.load(path: questionsPath).every(every)
    print("| questions | n | recall@1 | recall@10 | recall@\(depth) | MRR@10 | median ms | p99 ms | fewer than \(depth) results |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    let analyzer = VietnameseAnalyzer()
    var restoredWords = 0
    var restoredRight = 0
    var restoredQuestions = 0
    var restoredWhole = 0
    let forms: [(String, (String) -> String, Bool)] = [
        ("as written", { $0 }, true), ("without diacritics", QuestionSet.withoutDiacritics, true),
        ("without diacritics, every form (no restoration)", QuestionSet.withoutDiacritics, false),
    ]
    var reference: SQLiteConnection?
    if bm25 {
        reference = try SQLiteConnection(path: indexPath, mode: .readOnly)
        try reference?.registerVietnameseTokenizer()
    }
    let bm25Query = try reference?.prepare(
        "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1 ORDER BY bm25(documents_fts), rowid LIMIT ?2")
    let pathOf = try reference?.prepare("SELECT path FROM documents WHERE id = ?1")
    for (name, form, restore) in forms {
        var tally = Tally(depth: depth)
        var plain = Tally(depth: depth)
        for question in questions {
            let text = form(question.question)
            let start = DispatchTime.now().uptimeNanoseconds
            let results = try index.search(text, options: SearchOptions(limit: depth, snippetWords: 1, restoreAccents: restore))
            tally.times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            if restore, let restored = results.searchedAs {
                let written = analyzer.tokens(in: question.question).map(\.accent)
                let guessed = analyzer.tokens(in: restored).map(\.accent)
                restoredQuestions += 1
                if written == guessed { restoredWhole += 1 }
                if written.count == guessed.count {
                    restoredWords += written.count
                    restoredRight += zip(written, guessed).filter { $0 == $1 }.count
                }
            }
            let target = "/\(question.answerDocumentID).txt"
            tally.add(rank: results.results.firstIndex { $0.path.hasSuffix(target) })
            if results.results.count < depth {
                tally.short += 1
                // Short only because fewer documents have a distinctive word of the question.
                if results.totalIsEstimate || results.total > results.results.count {
                    tally.shortUnexplained.append("\(text): \(results.results.count) results, total \(results.total)")
                }
            }
            if let bm25Query, let pathOf, restore, let expression = bm25Expression(results.searchedAs ?? text, analyzer: analyzer) {
                let begin = DispatchTime.now().uptimeNanoseconds
                bm25Query.reset()
                try bm25Query.bind([.text(expression), .integer(Int64(depth))])
                var paths: [String] = []
                while try bm25Query.step() {
                    pathOf.reset()
                    try pathOf.bind([.integer(bm25Query.int64(at: 0))])
                    if try pathOf.step() { paths.append(pathOf.text(at: 0)) }
                }
                plain.times.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
                plain.add(rank: paths.firstIndex { $0.hasSuffix(target) })
                if paths.count < depth { plain.short += 1 }
            }
        }
        print(tally.row(name, questions.count))
        if !plain.times.isEmpty { print(plain.row(name + ": plain BM25 (reference)", questions.count)) }
        for line in tally.shortUnexplained.prefix(10) { print("  short and unexplained: \(line)") }
    }
    print(
        String(
            format: "\nRestored %d questions: %.1f %% of their words and %.1f %% of the questions as written.", restoredQuestions,
            100 * Double(restoredRight) / Double(max(restoredWords, 1)), 100 * Double(restoredWhole) / Double(max(restoredQuestions, 1))))
} catch {
    FileHandle.standardError.write(Data("ranking-eval: \(error)\n".utf8))
    exit(1)
}
