import Foundation
import VietSearch
import VietnameseCorpus
import VietnameseText

// Ranking quality on ViNewsQA: every question is searched as written and with diacritics
// stripped (đ → d), the latter both with the default accent restoration and with every accent
// form (`restoreAccents: false`), and the rank of its answer passage is recorded: recall@1,
// recall@10, MRR@10, and latency. For the restored questions, also the share of words whose
// restored accents are those written (after tone placement and i/y spelling are unified). The index must hold the passages as files named `<answer_doc_id>.txt` (what
// `unpack.py` writes), usually next to the 35k news articles as distractors:
//
//   python3 ../shared/corpus/unpack.py ../shared/corpus/vinewsqa-passages.jsonl.gz /tmp/qa
//   python3 ../shared/corpus/unpack.py ../shared/corpus/vinews-baomoi.jsonl.gz /tmp/news
//   vnsearch index /tmp/qa /tmp/news --db /tmp/qa.db
//   swift run -c release --package-path Benchmarks ranking-eval /tmp/qa.db ../shared/corpus/vinewsqa-qa-dev.jsonl.gz

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else {
    print("usage: ranking-eval INDEX.db QUESTIONS.jsonl.gz [--every N]")
    exit(2)
}
let every = arguments.count >= 4 && arguments[2] == "--every" ? max(1, Int(arguments[3]) ?? 1) : 1

do {
    let index = try SearchIndex(path: arguments[0], mode: .readOnly)
    let questions = try QuestionSet.load(path: arguments[1]).every(every)
    print("| questions | n | recall@1 | recall@10 | MRR@10 | median ms | p99 ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    let analyzer = VietnameseAnalyzer()
    var restoredWords = 0
    var restoredRight = 0
    var restoredQuestions = 0
    var restoredWhole = 0
    let forms: [(String, (String) -> String, Bool)] = [
        ("as written", { $0 }, true), ("without diacritics", QuestionSet.withoutDiacritics, true),
        ("without diacritics, every form (no restoration)", QuestionSet.withoutDiacritics, false),
    ]
    for (name, form, restore) in forms {
        var hits1 = 0
        var hits10 = 0
        var reciprocal = 0.0
        var times: [Double] = []
        for question in questions {
            let start = DispatchTime.now().uptimeNanoseconds
            let results = try index.search(form(question.question), options: SearchOptions(limit: 10, snippetWords: 1, restoreAccents: restore))
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            if let restored = results.searchedAs {
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
            if let rank = results.results.firstIndex(where: { $0.path.hasSuffix(target) }) {
                hits10 += 1
                if rank == 0 { hits1 += 1 }
                reciprocal += 1.0 / Double(rank + 1)
            }
        }
        times.sort()
        let n = Double(questions.count)
        print(
            String(
                format: "| %@ | %d | %.3f | %.3f | %.3f | %.1f | %.1f |", name as NSString, questions.count, Double(hits1) / n,
                Double(hits10) / n, reciprocal / n, times[times.count / 2], times[min(times.count - 1, times.count * 99 / 100)]))
    }
    print(
        String(
            format: "\nRestored %d questions: %.1f %% of their words and %.1f %% of the questions as written.", restoredQuestions,
            100 * Double(restoredRight) / Double(max(restoredWords, 1)), 100 * Double(restoredWhole) / Double(max(restoredQuestions, 1))))
} catch {
    FileHandle.standardError.write(Data("ranking-eval: \(error)\n".utf8))
    exit(1)
}
