import VietnameseText

/// What one search accepts, so that its time and memory are bounded whatever is typed or pasted.
/// A query over a limit is refused with the reason (`VietSearchError.queryRejected`), never
/// searched in part: a shortened query would find other documents without saying so.
///
/// The defaults keep the dearest accepted queries on the news index under a second of CPU, for
/// the pruned ranking and the exhaustive one (docs/ENGINE.md, "Hostile queries and documents").
public struct QueryLimits: Sendable, Hashable {
    /// Characters (Unicode scalars) of the text typed: a long question is under 200.
    public var maxCharacters: Int
    /// Words of every clause together (each alternative, each excluded word; a code such as
    /// `37-NQ/TW` counting each of its words), weighted by what searching them reads
    /// (`weight(ofTokens:isPrefix:)`): a word counts once (its postings, in every accent form
    /// when typed without accents), a word of a phrase or code three times (its positions too, in
    /// every form), a prefix six times (the postings of every word it starts, merged before the
    /// first row is ranked). The longest question of the ViNewsQA dev set has 35 words.
    public var maxWords: Int
    /// `prefix*` terms.
    public var maxPrefixes: Int
    /// Letters a prefix needs before its `*`: `t*` stands for a fifth of all the words of a text,
    /// and a Vietnamese prefix of two letters is mostly a syllable's onset (`th*`, `ng*`), which
    /// thousands of words share.
    public var minimumPrefixLength: Int

    public init(maxCharacters: Int = 1_000, maxWords: Int = 48, maxPrefixes: Int = 4, minimumPrefixLength: Int = 3) {
        self.maxCharacters = maxCharacters
        self.maxWords = maxWords
        self.maxPrefixes = maxPrefixes
        self.minimumPrefixLength = minimumPrefixLength
    }

    /// Why `query` is over a limit, or nil when it is within them all. `tokens`: the analyzer's
    /// tokens of a term, as the planner will search them.
    func violation(of query: SearchQuery, tokens: (SearchQuery.Term) -> [Token]) -> String? {
        let characters = query.text.unicodeScalars.count
        if characters > maxCharacters {
            return "the query is too long: \(characters) characters (at most \(maxCharacters))"
        }
        var words = 0
        var prefixes = 0
        for clause in query.clauses {
            for term in clause.alternatives {
                let termTokens = tokens(term)
                words += Self.weight(ofTokens: termTokens.count, isPrefix: term.isPrefix)
                guard term.isPrefix, let last = termTokens.last else { continue }
                prefixes += 1
                if last.folded.count < minimumPrefixLength {
                    return "the prefix \(last.folded)* is too short: a prefix needs at least \(minimumPrefixLength) letters"
                }
            }
        }
        if words > maxWords {
            return "the query has too many words: \(words) (at most \(maxWords); a word of a phrase counts three times, a prefix six times)"
        }
        if prefixes > maxPrefixes {
            return "the query has too many prefix searches: \(prefixes) (at most \(maxPrefixes))"
        }
        return nil
    }

    /// What a term of `count` tokens counts for in `maxWords`: 1 for a lone word, 3 for each
    /// word of a phrase or code, 6 for the word a prefix ends with.
    static func weight(ofTokens count: Int, isPrefix: Bool) -> Int {
        guard count > 0 else { return 0 }
        let words = count > 1 ? 3 * count : 1
        return isPrefix ? words - (count > 1 ? 3 : 1) + 6 : words
    }
}
