import VietSearchSQLite

/// A query as the pruned ranker evaluates it (`PrunedRanker`): per query word, the phrases that
/// score it, as index terms; the phrases whose rows are left out; and the weights
/// (`VietnameseRankingPlan`, whose words these follow one for one).
///
/// The planner builds it beside the FTS5 expression of the same query, phrase for phrase, so
/// that the two describe the same matches.
struct RankingQuery {
    /// One token of a phrase: a term of the index (`folded:accent` bytes), or every term that
    /// starts with `bytes` (`dang:`, every accent form of a syllable; `thuy`, a prefix typed).
    struct Token: Hashable {
        var bytes: [UInt8]
        var isPrefix: Bool
        /// The token in FTS5's query syntax, as the planner writes it (`"đảng"`, `"dang\u{2}"*`),
        /// which the tokenizer turns into `bytes`.
        var written: String
    }

    /// A phrase of one or more tokens (in a row, in one column), and what a match counts as.
    struct Phrase: Hashable {
        var tokens: [Token]
        var countsAsAny: Bool
        var countsAsExact: Bool
        /// Added by the search, not typed (an abbreviation's other side): each match counts the
        /// plan's `expansionWeight` of one.
        var isExpansion = false
    }

    struct Word {
        var phrases: [Phrase]
        /// A row with this word matches the query: false for common words (and question words),
        /// which only add to the scores of rows that other words bring. When no word routes,
        /// every word does.
        var routes: Bool
        /// Only its phrases that count as the typed form bring rows (an accented word: its other
        /// forms only score).
        var routesTypedOnly: Bool
        /// Documents with the word in any form / in the typed form, estimated from the term
        /// statistics (for the order in which lists are read; never for what is returned).
        var documents: Int
        var typedDocuments: Int
    }

    var words: [Word]
    /// Weights and bonuses; `plan.words[i]` is `words[i]`'s.
    var plan: VietnameseRankingPlan
    /// A row with any of these is left out.
    var excluded: [Phrase]
}

extension RankingQuery.Word {
    /// Whether a row with this phrase matches the query.
    func routes(_ phrase: RankingQuery.Phrase) -> Bool { routes && (phrase.countsAsExact || !routesTypedOnly) }
}

extension RankingQuery {
    /// Whether every word that brings rows can bring them through a phrase of several tokens (a
    /// quoted phrase; an abbreviation with its expansion, `UBND OR "ủy ban nhân dân"`), words
    /// that only score aside: FTS5 finds a phrase's rows itself, position by position in C, while
    /// the pruned ranker can bound a phrase only by its rarest token. Such a query is ranked
    /// through FTS5 unless its phrases' syllables are common (their stored pairs give the rows,
    /// where FTS5 walks long doclists) or it brings very many rows (docs/ENGINE.md, "Quoted
    /// phrases").
    var routesThroughPhrases: Bool {
        let routing = words.filter(\.routes)
        return !routing.isEmpty && routing.allSatisfy { word in word.phrases.contains { word.routes($0) && $0.tokens.count > 1 } }
    }
}

extension RankingQuery {
    /// The same query for FTS5 and `vietsearch_rank`: a MATCH expression of the rows with a
    /// routing word, less the excluded ones, and the plan that scores them (one plan phrase per
    /// expression phrase, in order). What is searched when the index cannot be read directly,
    /// and the reference the pruned ranker is tested against (every match scored).
    var expression: (match: String, plan: VietnameseRankingPlan) {
        var plan = self.plan
        plan.phrases = []
        func written(_ phrase: Phrase) -> String { phrase.tokens.map(\.written).joined(separator: " + ") }
        var scoring: [String] = []
        for (number, word) in words.enumerated() {
            for phrase in word.phrases {
                scoring.append(written(phrase))
                plan.phrases.append(
                    .init(word: number, countsAsAny: phrase.countsAsAny, countsAsExact: phrase.countsAsExact, isExpansion: phrase.isExpansion))
            }
        }
        var match = "(" + scoring.joined(separator: " OR ") + ")"
        if words.contains(where: { word in word.phrases.contains { !word.routes($0) } }) {
            // Copies of the routing words' phrases pick the rows; they do not score.
            var picks: [String] = []
            var copies: [VietnameseRankingPlan.Phrase] = []
            for word in words where word.routes {
                for phrase in word.phrases where word.routes(phrase) {
                    picks.append(written(phrase))
                    copies.append(.ignored)
                }
            }
            match = "(" + picks.joined(separator: " OR ") + ") AND " + match
            plan.phrases = copies + plan.phrases
        }
        if !excluded.isEmpty {
            match = "(" + match + ") NOT (" + excluded.map(written).joined(separator: " OR ") + ")"
            plan.phrases += excluded.map { _ in .ignored }
        }
        return (match, plan)
    }
}
