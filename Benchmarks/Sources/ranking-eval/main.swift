import Foundation
import VietSearch
import VietSearchSQLite
import VietnameseCorpus
import VietnameseText

// Ranking quality on ViNewsQA: every question is searched in several forms and the rank of its
// answer passage is recorded: recall@1, recall@10, recall@`--depth` (20 by default), MRR@10, and
// latency. The forms (`--forms`, comma-separated; the first three by default):
//
//   written      as written
//   stripped     diacritics stripped (đ → d), searched with the default accent restoration
//   every-form   diacritics stripped, every accent form searched (`restoreAccents: false`)
//   telex        typed in Telex with no input method, tone key at the end of each word
//                (`Chaats boor`), `KeystrokeEncoder`
//   telex-vowel  Telex, tone key right after its vowel (`Chasst bor`)
//   vni          VNI digits, tone at the end of each word (`Cha6t1 bo63`)
//   vni-vowel    VNI, tone digit right after its vowel
//   typo         as written with one random typo in one word (`TypoMaker`; seeded per question
//                by `--seed`, default 1, plus its number, so any `--every` subset has the same typos);
//                a second line gives recall@10 where the typo made a valid syllable the index has
//                in that form (`chứng` → `cứng`: a real word, which the search never corrects)
//                and where it did not, each with the recall of the same questions as written
//
// For each form whose searches were rewritten (accents restored, keys decoded, typos corrected,
// abbreviations expanded: `SearchResults.searchedAs`), the table says how many, and the share of
// words (and of whole questions) searched as written (after tone placement and i/y spelling are
// unified). `--literal` searches every form with all rewriting off (`SearchOptions.literal`),
// the baseline for the rewritten forms. `--show N` prints (to stderr) the rewritten questions
// among the first N of each form that were not searched as written. Short lists: the questions
// with fewer results than the depth, and whether the index has more documents with a distinctive
// word of the question (it should not).
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

struct Form {
    var name: String
    var restore = true
    var isTypo = false
    var transform: (String, Int) -> String
}

func form(named name: String, seed: UInt64) -> Form? {
    switch name {
    case "written": return Form(name: "as written") { text, _ in text }
    case "stripped": return Form(name: "without diacritics") { text, _ in QuestionSet.withoutDiacritics(text) }
    case "every-form":
        return Form(name: "without diacritics, every form (no restoration)", restore: false) { text, _ in QuestionSet.withoutDiacritics(text) }
    case "telex": return Form(name: "Telex, tone at the end") { text, _ in KeystrokeEncoder.encode(text, method: .telex, tone: .endOfWord) }
    case "telex-vowel":
        return Form(name: "Telex, tone after the vowel") { text, _ in KeystrokeEncoder.encode(text, method: .telex, tone: .afterVowel) }
    case "vni": return Form(name: "VNI, tone at the end") { text, _ in KeystrokeEncoder.encode(text, method: .vni, tone: .endOfWord) }
    case "vni-vowel":
        return Form(name: "VNI, tone after the vowel") { text, _ in KeystrokeEncoder.encode(text, method: .vni, tone: .afterVowel) }
    case "typo":
        return Form(name: "one typo in one word", isTypo: true) { text, number in
            var rng = SplitMix64(seed: seed &+ UInt64(number))
            return TypoMaker.withOneTypo(text, rng: &rng)
        }
    default: return nil
    }
}

let usage =
    "usage: ranking-eval INDEX.db QUESTIONS.jsonl.gz [--every N] [--depth D] [--bm25] "
    + "[--forms written,stripped,every-form,telex,telex-vowel,vni,vni-vowel,typo] [--seed N] [--literal] [--show N]"
var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else {
    print(usage)
    exit(2)
}
let indexPath = arguments.removeFirst()
let questionsPath = arguments.removeFirst()
var every = 1
var depth = 20
var bm25 = false
var seed: UInt64 = 1
var formNames = ["written", "stripped", "every-form"]
var show = 0
var literal = false
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--every" where !arguments.isEmpty: every = max(1, Int(arguments.removeFirst()) ?? 1)
    case "--depth" where !arguments.isEmpty: depth = max(10, Int(arguments.removeFirst()) ?? 20)
    case "--seed" where !arguments.isEmpty: seed = UInt64(arguments.removeFirst()) ?? 1
    case "--forms" where !arguments.isEmpty: formNames = arguments.removeFirst().split(separator: ",").map(String.init)
    case "--show" where !arguments.isEmpty: show = Int(arguments.removeFirst()) ?? 0
    case "--bm25": bm25 = true
    case "--literal": literal = true
    default:
        print("ranking-eval: unknown argument \(argument)\n\(usage)")
        exit(2)
    }
}
let forms = formNames.compactMap { form(named: $0, seed: seed) }
guard forms.count == formNames.count else {
    print("ranking-eval: unknown form in \(formNames.joined(separator: ","))\n\(usage)")
    exit(2)
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
    /// Questions searched other than as typed; their words, those searched as written, and the
    /// questions searched exactly as written.
    var rewritten = 0
    var words = 0
    var wordsRight = 0
    var whole = 0

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
        let share = { (part: Int, of: Int) in of == 0 ? "–" : String(format: "%.1f %%", 100 * Double(part) / Double(of)) }
        return String(
            format: "| %@ | %d | %.3f | %.3f | %.3f | %.3f | %.1f | %.1f | %d | %d | %@ | %@ |", name as NSString, count, Double(hits1) / n,
            Double(hits10) / n, Double(hitsDeep) / n, reciprocal / n, median, p99, short, rewritten,
            share(wordsRight, words) as NSString, share(whole, rewritten) as NSString)
    }
}

/// Recall@10 of the typo form split by what the typo made, beside the same questions as written.
struct TypoSplit {
    var realWord = (questions: 0, hits: 0, written: 0)
    var other = (questions: 0, hits: 0, written: 0)

    var line: String {
        func rate(_ part: Int, _ of: Int) -> Double { Double(part) / Double(max(of, 1)) }
        return String(
            format: "| (typo made a known valid syllable: %d questions, recall@10 %.3f, as written %.3f; other typos: %d, %.3f, as written %.3f) |",
            realWord.questions, rate(realWord.hits, realWord.questions), rate(realWord.written, realWord.questions), other.questions,
            rate(other.hits, other.questions), rate(other.written, other.questions))
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

/// Counts a rewritten question's words searched as written (and prints the first `show` misses).
@MainActor func recordRewrite(_ searched: String, written question: String, typed text: String, form: Form, into tally: inout Tally) {
    let analyzer = VietnameseAnalyzer()
    tally.rewritten += 1
    let written = analyzer.tokens(in: question).map(\.accent)
    let guessed = analyzer.tokens(in: searched).map(\.accent)
    if written == guessed {
        tally.whole += 1
    } else if tally.rewritten <= show {
        FileHandle.standardError.write(Data("\(form.name): \(text)\n  searched as: \(searched)\n  written:     \(question)\n".utf8))
    }
    if written.count == guessed.count {
        tally.words += written.count
        tally.wordsRight += zip(written, guessed).filter { $0 == $1 }.count
    }
}

do {
    let index = try SearchIndex(path: indexPath, mode: .readOnly)
    let all = try QuestionSet.load(path: questionsPath).questions
    let numbered = stride(from: 0, to: all.count, by: every).map { ($0, all[$0]) }
    print(
        "| questions | n | recall@1 | recall@10 | recall@\(depth) | MRR@10 | median ms | p99 ms | fewer than \(depth) results "
            + "| rewritten | words as written | whole |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    let analyzer = VietnameseAnalyzer()
    /// Whether the index has `word` in the form typed (exact accents, nothing rewritten).
    func indexHas(_ word: String) throws -> Bool {
        try index.search(word, options: SearchOptions(limit: 0, exact: true, literal: true)).total > 0
    }
    var reference: SQLiteConnection?
    if bm25 {
        reference = try SQLiteConnection(path: indexPath, mode: .readOnly)
        try reference?.registerVietnameseTokenizer()
    }
    let bm25Query = try reference?.prepare(
        "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1 ORDER BY bm25(documents_fts), rowid LIMIT ?2")
    let pathOf = try reference?.prepare("SELECT path FROM documents WHERE id = ?1")
    for form in forms {
        var tally = Tally(depth: depth)
        var plain = Tally(depth: depth)
        var typos = TypoSplit()
        for (number, question) in numbered {
            let text = form.transform(question.question, number)
            let start = DispatchTime.now().uptimeNanoseconds
            let results = try index.search(
                text, options: SearchOptions(limit: depth, snippetWords: 1, restoreAccents: form.restore, literal: literal))
            tally.times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            if results.searchedAs == nil, text != question.question, number / every < show {
                FileHandle.standardError.write(Data("\(form.name), searched as typed: \(text)\n  written: \(question.question)\n".utf8))
            }
            if let searched = results.searchedAs { recordRewrite(searched, written: question.question, typed: text, form: form, into: &tally) }
            let target = "/\(question.answerDocumentID).txt"
            let rank = results.results.firstIndex { $0.path.hasSuffix(target) }
            tally.add(rank: rank)
            if form.isTypo {
                var rng = SplitMix64(seed: seed &+ UInt64(number))
                let typo = TypoMaker.oneTypo(in: question.question, rng: &rng).word
                let written = try index.search(question.question, options: SearchOptions(limit: 10, snippetWords: 1, literal: literal))
                let writtenHit = written.results.contains { $0.path.hasSuffix(target) } ? 1 : 0
                let hit = (rank ?? 10) < 10 ? 1 : 0
                if SyllableSpelling.isValid(typo), try indexHas(typo) {
                    typos.realWord = (typos.realWord.questions + 1, typos.realWord.hits + hit, typos.realWord.written + writtenHit)
                } else {
                    typos.other = (typos.other.questions + 1, typos.other.hits + hit, typos.other.written + writtenHit)
                }
            }
            if results.results.count < depth {
                tally.short += 1
                // Short only because fewer documents have a distinctive word of the question.
                if results.totalIsEstimate || results.total > results.results.count {
                    tally.shortUnexplained.append("\(text): \(results.results.count) results, total \(results.total)")
                }
            }
            if let bm25Query, let pathOf, form.restore, let expression = bm25Expression(results.searchedAs ?? text, analyzer: analyzer) {
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
        print(tally.row(form.name, numbered.count))
        if form.isTypo { print(typos.line) }
        if !plain.times.isEmpty { print(plain.row(form.name + ": plain BM25 (reference)", numbered.count)) }
        for line in tally.shortUnexplained.prefix(10) { print("  short and unexplained: \(line)") }
    }
} catch {
    FileHandle.standardError.write(Data("ranking-eval: \(error)\n".utf8))
    exit(1)
}
