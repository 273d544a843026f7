import Foundation
import VietSearch
import VietnameseCorpus
import VietnameseText

// Ranking quality on ViNewsQA: every question is searched in several forms and the rank of its
// answer passage is recorded: recall@1, recall@10, MRR@10, and latency. The forms (`--forms`,
// comma-separated; the first three by default):
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
// among the first N of each form that were not searched as written.
//
// The index must hold the passages as files named `<answer_doc_id>.txt` (what `unpack.py`
// writes), usually next to the 35k news articles as distractors:
//
//   python3 ../shared/corpus/unpack.py ../shared/corpus/vinewsqa-passages.jsonl.gz /tmp/qa
//   python3 ../shared/corpus/unpack.py ../shared/corpus/vinews-baomoi.jsonl.gz /tmp/news
//   vnsearch index /tmp/qa /tmp/news --db /tmp/qa.db
//   swift run -c release --package-path Benchmarks ranking-eval /tmp/qa.db ../shared/corpus/vinewsqa-qa-dev.jsonl.gz

struct Form {
    var name: String
    var restore = true
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
        return Form(name: "one typo in one word") { text, number in
            var rng = SplitMix64(seed: seed &+ UInt64(number))
            return TypoMaker.withOneTypo(text, rng: &rng)
        }
    default: return nil
    }
}

var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let at = arguments.firstIndex(of: name), at + 1 < arguments.count else { return nil }
    defer { arguments.removeSubrange(at...(at + 1)) }
    return arguments[at + 1]
}
let every = max(1, Int(option("--every") ?? "1") ?? 1)
let seed = UInt64(option("--seed") ?? "1") ?? 1
let formNames = (option("--forms") ?? "written,stripped,every-form").split(separator: ",").map(String.init)
let show = Int(option("--show") ?? "0") ?? 0
let literal = arguments.contains("--literal")
arguments.removeAll { $0 == "--literal" }
guard arguments.count == 2, let forms = Optional(formNames.compactMap { form(named: $0, seed: seed) }), forms.count == formNames.count else {
    print("usage: ranking-eval INDEX.db QUESTIONS.jsonl.gz [--every N] [--forms written,stripped,every-form,telex,telex-vowel,vni,vni-vowel,typo] [--seed N] [--literal] [--show N]")
    exit(2)
}

do {
    let index = try SearchIndex(path: arguments[0], mode: .readOnly)
    let all = try QuestionSet.load(path: arguments[1]).questions
    let numbered = stride(from: 0, to: all.count, by: every).map { ($0, all[$0]) }
    print("| questions | n | recall@1 | recall@10 | MRR@10 | median ms | p99 ms | rewritten | words as written | whole |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    let analyzer = VietnameseAnalyzer()
    /// Whether the index has `word` in the form typed (exact accents, nothing rewritten).
    func indexHas(_ word: String) throws -> Bool {
        try index.search(word, options: SearchOptions(limit: 0, exact: true, literal: true)).total > 0
    }
    for form in forms {
        var realWord = (questions: 0, hits: 0, written: 0)
        var otherTypo = (questions: 0, hits: 0, written: 0)
        var hits1 = 0
        var hits10 = 0
        var reciprocal = 0.0
        var times: [Double] = []
        var rewritten = 0
        var wordsRight = 0
        var words = 0
        var whole = 0
        for (number, question) in numbered {
            let text = form.transform(question.question, number)
            let start = DispatchTime.now().uptimeNanoseconds
            let results = try index.search(
                text, options: SearchOptions(limit: 10, snippetWords: 1, restoreAccents: form.restore, literal: literal))
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            if results.searchedAs == nil, text != question.question, number / every < show {
                FileHandle.standardError.write(Data("\(form.name), searched as typed: \(text)\n  written: \(question.question)\n".utf8))
            }
            if let searched = results.searchedAs {
                rewritten += 1
                let written = analyzer.tokens(in: question.question).map(\.accent)
                let guessed = analyzer.tokens(in: searched).map(\.accent)
                if written == guessed {
                    whole += 1
                } else if rewritten <= show {
                    FileHandle.standardError.write(Data("\(form.name): \(text)\n  searched as: \(searched)\n  written:     \(question.question)\n".utf8))
                }
                if written.count == guessed.count {
                    words += written.count
                    wordsRight += zip(written, guessed).filter { $0 == $1 }.count
                }
            }
            let target = "/\(question.answerDocumentID).txt"
            let found = results.results.contains { $0.path.hasSuffix(target) }
            if form.name == "one typo in one word" {
                var rng = SplitMix64(seed: seed &+ UInt64(number))
                let typo = TypoMaker.oneTypo(in: question.question, rng: &rng).word
                let written = try index.search(question.question, options: SearchOptions(limit: 10, snippetWords: 1, literal: literal))
                let writtenHit = written.results.contains { $0.path.hasSuffix(target) } ? 1 : 0
                if SyllableSpelling.isValid(typo), try indexHas(typo) {
                    realWord.questions += 1
                    realWord.hits += found ? 1 : 0
                    realWord.written += writtenHit
                } else {
                    otherTypo.questions += 1
                    otherTypo.hits += found ? 1 : 0
                    otherTypo.written += writtenHit
                }
            }
            if let rank = results.results.firstIndex(where: { $0.path.hasSuffix(target) }) {
                hits10 += 1
                if rank == 0 { hits1 += 1 }
                reciprocal += 1.0 / Double(rank + 1)
            }
        }
        times.sort()
        let n = Double(numbered.count)
        let share = { (part: Int, of: Int) in of == 0 ? "–" : String(format: "%.1f %%", 100 * Double(part) / Double(of)) }
        print(
            String(
                format: "| %@ | %d | %.3f | %.3f | %.3f | %.1f | %.1f | %d | %@ | %@ |", form.name as NSString, numbered.count,
                Double(hits1) / n, Double(hits10) / n, reciprocal / n, times[times.count / 2],
                times[min(times.count - 1, times.count * 99 / 100)], rewritten, share(wordsRight, words) as NSString,
                share(whole, rewritten) as NSString))
        if realWord.questions + otherTypo.questions > 0 {
            print(
                String(
                    format: "| (typo made a known valid syllable: %d questions, recall@10 %.3f, as written %.3f; other typos: %d, %.3f, as written %.3f) |",
                    realWord.questions, Double(realWord.hits) / Double(max(realWord.questions, 1)),
                    Double(realWord.written) / Double(max(realWord.questions, 1)), otherTypo.questions,
                    Double(otherTypo.hits) / Double(max(otherTypo.questions, 1)), Double(otherTypo.written) / Double(max(otherTypo.questions, 1))))
        }
    }
} catch {
    FileHandle.standardError.write(Data("ranking-eval: \(error)\n".utf8))
    exit(1)
}
