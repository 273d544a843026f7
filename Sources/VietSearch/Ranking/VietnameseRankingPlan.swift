/// What `vietsearch_rank` needs to score a row: the query's words with their weights, and for
/// each phrase of the MATCH expression (numbered in order of appearance, as FTS5 numbers them)
/// the word it belongs to and what a match of it counts as.
///
/// Built by the query planner, passed to SQL as one text argument (`encoded`), parsed once per
/// query by the function.
package struct VietnameseRankingPlan: Sendable, Hashable {
    package struct Word: Sendable, Hashable {
        /// Weight of a match in any accent form (the word's IDF, scaled).
        package var anyWeight: Double
        /// Weight of a match in the form typed (zero for unaccented words).
        package var exactWeight: Double
        /// Weight of this word following the previous word of the query in the text (zero: no
        /// proximity scoring for this pair).
        package var pairWeight: Double
        /// A document lacking this word is not an all-words match.
        package var isRequired: Bool
        /// Whether the word was typed with accents (the exact tier asks these in their form).
        package var isAccented: Bool
        /// Tokens in the word (a phrase or `37-NQ/TW` has several), for adjacency.
        package var length: Int

        package init(anyWeight: Double, exactWeight: Double, pairWeight: Double, isRequired: Bool, isAccented: Bool, length: Int) {
            self.anyWeight = anyWeight
            self.exactWeight = exactWeight
            self.pairWeight = pairWeight
            self.isRequired = isRequired
            self.isAccented = isAccented
            self.length = length
        }
    }

    package struct Phrase: Sendable, Hashable {
        /// Index into `words`; -1 for phrases that do not score (exclusions, candidate copies).
        package var word: Int
        package var countsAsAny: Bool
        package var countsAsExact: Bool
        /// Added by the search, not typed (an abbreviation's other side): each match counts
        /// `expansionWeight` of one.
        package var isExpansion: Bool

        package init(word: Int, countsAsAny: Bool, countsAsExact: Bool, isExpansion: Bool = false) {
            self.word = word
            self.countsAsAny = countsAsAny
            self.countsAsExact = countsAsExact
            self.isExpansion = isExpansion
        }

        package static let ignored = Phrase(word: -1, countsAsAny: false, countsAsExact: false)
    }

    package var words: [Word] = []
    package var phrases: [Phrase] = []
    /// BM25 term-frequency saturation and length normalization.
    package var k1 = 1.2
    package var b = 0.75
    /// A title token counts as this many body tokens.
    package var titleWeight = 4.0
    /// Added when every required word matches in some form.
    package var allWordsBonus = 0.0
    /// Added when, besides, every accented word matches in the form typed.
    package var exactFormsBonus = 0.0
    /// What a match of a phrase the search added counts, against 1 for one typed: a document
    /// with the abbreviation typed ranks a little above one with only its expansion, all else
    /// equal (a term-frequency weight: with k1 1.2, one match scores ~0.88 of a typed one).
    package var expansionWeight = 0.8

    package init() {}

    package var encoded: String {
        var parts = [
            "v2", "\(words.count)", "\(phrases.count)", "\(k1)", "\(b)", "\(titleWeight)", "\(allWordsBonus)", "\(exactFormsBonus)",
            "\(expansionWeight)",
        ]
        for word in words {
            parts += [
                "\(word.anyWeight)", "\(word.exactWeight)", "\(word.pairWeight)", word.isRequired ? "1" : "0",
                word.isAccented ? "1" : "0", "\(word.length)",
            ]
        }
        for phrase in phrases {
            parts += ["\(phrase.word)", "\((phrase.countsAsAny ? 1 : 0) | (phrase.countsAsExact ? 2 : 0) | (phrase.isExpansion ? 4 : 0))"]
        }
        return parts.joined(separator: " ")
    }

    /// Parses `encoded`; nil when the text is not a plan.
    package init?(decoding text: String) {
        let parts = text.split(separator: " ")
        guard parts.count >= 9, parts[0] == "v2", let wordCount = Int(parts[1]), let phraseCount = Int(parts[2]),
            wordCount >= 0, phraseCount >= 0, parts.count == 9 + wordCount * 6 + phraseCount * 2
        else { return nil }
        let numbers = parts[3..<9].compactMap { Double($0) }
        guard numbers.count == 6 else { return nil }
        (k1, b, titleWeight, allWordsBonus, exactFormsBonus, expansionWeight) =
            (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5])
        var index = 9
        for _ in 0..<wordCount {
            guard let any = Double(parts[index]), let exact = Double(parts[index + 1]), let pair = Double(parts[index + 2]),
                let length = Int(parts[index + 5]), length > 0
            else { return nil }
            words.append(
                Word(anyWeight: any, exactWeight: exact, pairWeight: pair, isRequired: parts[index + 3] == "1",
                     isAccented: parts[index + 4] == "1", length: length))
            index += 6
        }
        for _ in 0..<phraseCount {
            guard let word = Int(parts[index]), word >= -1, word < wordCount, let kind = Int(parts[index + 1]) else { return nil }
            phrases.append(Phrase(word: word, countsAsAny: kind & 1 != 0, countsAsExact: kind & 2 != 0, isExpansion: kind & 4 != 0))
            index += 2
        }
    }
}
