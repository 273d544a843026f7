import Foundation
import VietSearchSQLite

/// Restores the accents of words typed without them, from the index's own statistics: which
/// accent forms each syllable has (`term_stats`) and which forms follow which (`term_pairs`).
/// `chat bo trong vo nho co tac dung gi` becomes `chất bổ trong vỏ nho có tác dụng gì`.
///
/// A bigram model, decoded with Viterbi: the probability of a form after the previous word's
/// form is `λ · pairs(previous, form) / df(previous) + (1 − λ) · df(form) / Σ df`. The pairs
/// restore far more words as written than the most frequent form alone would (docs/ENGINE.md,
/// "Restoring the accents of questions typed without them").
struct AccentRestorer {
    let pairs: TermPairTable
    /// λ: weight of the pair evidence against the form's own frequency; high, since the pair is
    /// what tells the forms apart (chosen on the dev questions: docs/ENGINE.md).
    var pairWeight = 0.95
    /// Forms considered per word, the most frequent first. Rare forms stay in: the pair decides
    /// (`vỏ nho`, grapes, against the far more frequent `nhỏ`); fewer forms, or leaving out
    /// forms under 2 % of the word's documents as the planner does, lose recall (docs/ENGINE.md).
    var maxForms = 12

    /// For each word (a folded syllable), the accent key of its most likely form ("" for the
    /// unaccented one), in order. A word the statistics lack stays as it is ("").
    func restore(_ words: [String], statistics: TermStatistics) -> [String] {
        guard !words.isEmpty else { return [] }
        let total = Double(max(pairs.termDocumentCount, 1))
        struct Candidate {
            var form: String
            var documents: Double
            var hash: UInt32
        }
        let candidates: [[Candidate]] = words.map { folded in
            guard let entry = statistics.entries[folded], !entry.variants.isEmpty else {
                return [Candidate(form: "", documents: 1, hash: 0)]
            }
            let kept = entry.variants.sorted { $0.documentFrequency > $1.documentFrequency }.prefix(maxForms)
            return kept.map { variant in
                Candidate(
                    form: variant.form, documents: Double(max(variant.documentFrequency, 1)),
                    hash: DocumentFrequencyCounter.hash(of: Array("\(folded):\(variant.form)".utf8)))
            }
        }
        // Viterbi: the best log-probability of a path ending in each form, and where it came from.
        var scores = candidates[0].map { log($0.documents / total) }
        var back: [[Int]] = [Array(repeating: 0, count: candidates[0].count)]
        for position in 1..<words.count {
            let previous = candidates[position - 1]
            var next: [Double] = []
            var from: [Int] = []
            for candidate in candidates[position] {
                let unigram = (1 - pairWeight) * candidate.documents / total
                var best = -Double.infinity
                var bestIndex = 0
                for (index, before) in previous.enumerated() {
                    let together = Double(pairs.count(of: TermPairCounter.fingerprint(before.hash, candidate.hash)))
                    let score = scores[index] + log(pairWeight * together / before.documents + unigram)
                    if score > best {
                        best = score
                        bestIndex = index
                    }
                }
                next.append(best)
                from.append(bestIndex)
            }
            scores = next
            back.append(from)
        }
        var index = scores.indices.max { scores[$0] < scores[$1] } ?? 0
        var forms = Array(repeating: "", count: words.count)
        for position in stride(from: words.count - 1, through: 0, by: -1) {
            forms[position] = candidates[position][index].form
            index = back[position][index]
        }
        return forms
    }
}
