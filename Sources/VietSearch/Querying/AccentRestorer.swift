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
    /// Nil for an index without pair counts: each word's readings are then weighed alone.
    let pairs: (any PairCounts)?
    /// λ: weight of the pair evidence against the form's own frequency; high, since the pair is
    /// what tells the forms apart (chosen on the dev questions: docs/ENGINE.md).
    var pairWeight = 0.95
    /// Forms considered per word, the most frequent first. Rare forms stay in: the pair decides
    /// (`vỏ nho`, grapes, against the far more frequent `nhỏ`); fewer forms, or leaving out
    /// forms under 2 % of the word's documents as the planner does, lose recall (docs/ENGINE.md).
    var maxForms = 12

    /// One reading of a word: a form of a syllable the index has, and how many documents have it.
    struct Candidate {
        var folded: String
        /// Accent key ("": the unaccented form).
        var form: String
        var documents: Double
        var hash: UInt32
        /// Log-probability that the person meant this reading, before the index has a say
        /// (the query rewriter's error model; 0 when every reading is as likely).
        var prior = 0.0

        init(folded: String, form: String, documents: Int) {
            self.folded = folded
            self.form = form
            self.documents = Double(max(documents, 1))
            hash = DocumentFrequencyCounter.hash(of: Array("\(folded):\(form)".utf8))
        }

        /// A word the index lacks: no pairs, the smallest count. Its hash is 0, which no term
        /// has, and `best` looks up no pair of it: a fingerprint made from it could still equal
        /// a stored pair's, and a count divided by this candidate's single document would
        /// outweigh every real pair of the question.
        static func unknown(_ folded: String) -> Candidate {
            var candidate = Candidate(folded: folded, form: "", documents: 1)
            candidate.hash = 0
            return candidate
        }
    }

    /// The readings of a word: its `maxForms` most frequent forms, or the word as it is when the
    /// statistics lack it.
    func forms(of folded: String, statistics: TermStatistics) -> [Candidate] {
        guard let entry = statistics.entries[folded], !entry.variants.isEmpty else { return [.unknown(folded)] }
        let kept = entry.variants.sorted { $0.documentFrequency > $1.documentFrequency }.prefix(maxForms)
        return kept.map { Candidate(folded: folded, form: $0.form, documents: $0.documentFrequency) }
    }

    /// The most likely reading of each word, by index into its candidates (none may be empty):
    /// Viterbi over the bigram model.
    func best(_ candidates: [[Candidate]]) throws -> [Int] {
        guard !candidates.isEmpty else { return [] }
        let total = Double(max(pairs?.termDocumentCount ?? 1, 1))
        // The best log-probability of a path ending in each reading, and where it came from.
        var scores = candidates[0].map { log($0.documents / total) + $0.prior }
        var back: [[Int]] = [Array(repeating: 0, count: candidates[0].count)]
        // Every pair the path may take, looked up at once (`TermPairTable.counts(of:)`), in the
        // order the loops below read them.
        // Fingerprint 0 (none has it): a pair with a word the index lacks, counted 0.
        var fingerprints: [UInt32] = []
        for position in 1..<candidates.count {
            for candidate in candidates[position] {
                for before in candidates[position - 1] {
                    let known = before.hash != 0 && candidate.hash != 0
                    fingerprints.append(known ? TermPairCounter.fingerprint(before.hash, candidate.hash) : 0)
                }
            }
        }
        let counts = try pairs?.counts(of: fingerprints) ?? Array(repeating: 0, count: fingerprints.count)
        var pair = 0
        for position in 1..<candidates.count {
            let previous = candidates[position - 1]
            var next: [Double] = []
            var from: [Int] = []
            for candidate in candidates[position] {
                let unigram = (1 - pairWeight) * candidate.documents / total
                // A pair never seen adds the unigram alone (the same value the formula gives).
                let alone = log(unigram)
                var best = -Double.infinity
                var bestIndex = 0
                for (index, before) in previous.enumerated() {
                    let together = fingerprints[pair] == 0 ? 0 : Double(counts[pair])
                    pair += 1
                    let score = scores[index] + (together == 0 ? alone : log(pairWeight * together / before.documents + unigram))
                    if score > best {
                        best = score
                        bestIndex = index
                    }
                }
                next.append(best + candidate.prior)
                from.append(bestIndex)
            }
            scores = next
            back.append(from)
        }
        var index = scores.indices.max { scores[$0] < scores[$1] } ?? 0
        var chosen = Array(repeating: 0, count: candidates.count)
        for position in stride(from: candidates.count - 1, through: 0, by: -1) {
            chosen[position] = index
            index = back[position][index]
        }
        return chosen
    }
}
