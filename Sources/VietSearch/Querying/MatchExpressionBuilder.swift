import VietnameseText

/// Turns a `SearchQuery` into an FTS5 MATCH expression for a table tokenized with
/// `vietnamese accent 2` (keyed terms: `folded:accent`).
///
/// User text never reaches the expression: only analyzer keys (letters and digits) inside
/// double quotes, joined by operators this type writes. So no input can produce an FTS5 syntax
/// error or inject syntax.
///
/// Per token, in default mode an unaccented word matches every accent variant (a variant prefix
/// `"dang\u{2}"*`, which the tokenizer turns into the prefix `dang:`), and an accented word
/// matches every variant too, with its exact form as an extra phrase so BM25 ranks exact-accent
/// matches first. In exact mode, words match their own accent key only.
struct MatchExpressionBuilder {
    /// Whether positive clauses are all required or any one suffices.
    enum Combination {
        case all
        case any
    }

    let analyzer: VietnameseAnalyzer
    /// Byte that asks the tokenizer for a variant prefix (see `VietnameseTokenizerOptions`).
    let variantMarker: Character

    /// The expression, or nil when the query has no searchable token (only punctuation, say).
    ///
    /// With `statistics`, unaccented words become an OR of their accent forms, and the clause
    /// set is planned: for `.all`, words in more than half the documents are not required; for
    /// `.any`, only rare words (≤ 5 % of documents; else the two rarest) find candidates.
    /// `accentsRequired` (for `.all`, with statistics): accented words must match their own form.
    func expression(
        for query: SearchQuery, exact: Bool, combination: Combination, statistics: TermStatistics? = nil,
        accentsRequired: Bool = false
    ) -> String? {
        var positives = query.positiveClauses.compactMap { clause -> (text: String, exactText: String, frequency: Int)? in
            guard
                let text = self.clause(
                    for: clause, exact: exact, accentsRequired: accentsRequired && statistics != nil, statistics: statistics),
                let exactText = self.clause(for: clause, exact: exact, accentsRequired: statistics != nil, statistics: statistics)
            else { return nil }
            return (text, exactText, frequency(of: clause, statistics))
        }
        guard !positives.isEmpty else { return nil }
        if let statistics, positives.count > 1 {
            let total = Double(max(statistics.documentCount, 1))
            let byRarity = positives.sorted { $0.frequency < $1.frequency }
            switch combination {
            case .all:
                let required = positives.filter { Double($0.frequency) <= TermStatistics.commonShare * total }
                positives = required.isEmpty ? [byRarity[0]] : required
            case .any:
                // MaxScore-like: rare words pick the candidates; the others (but the very common,
                // whose IDF is nil) only add to their scores, evaluated at candidate rows.
                var essential = positives.filter { Double($0.frequency) <= TermStatistics.essentialShare * total }
                if essential.isEmpty { essential = Array(byRarity.prefix(2)) }
                let scoring = positives.filter { clause in
                    Double(clause.frequency) <= TermStatistics.commonShare * total
                        && !essential.contains { $0.text == clause.text }
                }
                let candidates = essential.map { "(\($0.text))" }.joined(separator: " OR ")
                var expression = candidates
                if !scoring.isEmpty {
                    // Scoring words as typed (an accented word: its own form), which is cheaper to
                    // evaluate and says what the question meant.
                    let scores = essential.map { "(\($0.text))" } + scoring.map { "(\($0.exactText))" }
                    expression = "(\(candidates)) AND (\(scores.joined(separator: " OR ")))"
                }
                return excluding(query, from: expression, exact: exact, statistics: statistics)
            }
        }
        let expression = positives.count == 1
            ? positives[0].text
            : positives.map { "(\($0.text))" }.joined(separator: combination == .all ? " AND " : " OR ")
        return excluding(query, from: expression, exact: exact, statistics: statistics)
    }

    private func excluding(_ query: SearchQuery, from positive: String, exact: Bool, statistics: TermStatistics?) -> String {
        var expression = positive
        for excluded in query.excludedClauses {
            guard let part = clause(for: excluded, exact: exact, accentsRequired: false, statistics: statistics) else { continue }
            expression = "(\(expression)) NOT (\(part))"
        }
        return expression
    }

    /// Documents a clause stands for, estimated from the statistics (Int.max when unknown): the
    /// alternatives add up; a phrase is as rare as its rarest word; an accented word counts the
    /// documents with that form.
    private func frequency(of clause: SearchQuery.Clause, _ statistics: TermStatistics?) -> Int {
        guard let statistics else { return Int.max }
        return clause.alternatives.reduce(0) { sum, term in
            let rarest = tokens(of: term).map { token in
                // A word typed with accents says which form is meant: as common as that form.
                guard token.hasDiacritics, let entry = statistics.entries[token.folded] else {
                    return statistics.frequency(of: token.folded)
                }
                return entry.variants.first { $0.form == token.accent }?.documentFrequency ?? 0
            }.min() ?? 0
            return min(sum + rarest, statistics.documentCount)
        }
    }

    /// Analyzer tokens of each positive term, in query order (for ranking and restoration).
    func tokens(of term: SearchQuery.Term) -> [Token] {
        switch term {
        case .word(let text, _): return analyzer.tokens(in: text)
        case .phrase(let text): return analyzer.tokens(in: text)
        }
    }

    private func clause(
        for clause: SearchQuery.Clause, exact: Bool, accentsRequired: Bool, statistics: TermStatistics?
    ) -> String? {
        let parts = clause.alternatives.compactMap {
            unit(for: $0, exact: exact, accentsRequired: accentsRequired, statistics: statistics)
        }
        guard !parts.isEmpty else { return nil }
        return parts.count == 1 ? parts[0] : parts.map { "(\($0))" }.joined(separator: " OR ")
    }

    /// `accentsRequired`: the first pass of a planned search, where an accented word must match
    /// its own form (the documents with other forms follow in the partial pass).
    private func unit(
        for term: SearchQuery.Term, exact: Bool, accentsRequired: Bool, statistics: TermStatistics?
    ) -> String? {
        let tokens = tokens(of: term)
        guard !tokens.isEmpty else { return nil }
        var prefix = false
        if case .word(_, let isPrefix) = term { prefix = isPrefix }

        if exact {
            // The accent key: `ty` stays `ty` (not `ti`), `hoà` is `hòa`.
            return phrase(tokens.enumerated().map { offset, token in
                prefix && offset == tokens.count - 1 ? userPrefix(token) : quoted(token.accent)
            })
        }
        if accentsRequired, !prefix, tokens.contains(where: \.hasDiacritics) {
            return phrase(tokens.map { $0.hasDiacritics ? quoted($0.accent) : variantPrefix($0) })
        }
        if tokens.count == 1, !prefix, let token = tokens.first, let statistics {
            // One word: its accent forms as an OR of exact terms, the typed form once more so
            // BM25 ranks it first. A word the index lacks keeps the (empty) prefix form.
            // Rare words keep the prefix: one phrase, so one IDF for all accent forms (a form's
            // own IDF would rank the rarer spelling first), and their doclists are short.
            if let entry = statistics.entries[token.folded],
                Double(entry.documentFrequency) > TermStatistics.essentialShare * Double(statistics.documentCount)
            {
                let floor = Double(entry.documentFrequency) * TermStatistics.minimumVariantShare
                let common = entry.variants.filter { Double($0.documentFrequency) >= floor || $0.form == token.accent }
                if common.count <= TermStatistics.maxVariants {
                    var forms = common.map { quoted($0.form.isEmpty ? token.folded : $0.form) }
                    if token.hasDiacritics { forms.append(quoted(token.accent)) }
                    return forms.isEmpty ? variantPrefix(token) : forms.count == 1 ? forms[0] : forms.joined(separator: " OR ")
                }
            }
        }
        let variants = phrase(tokens.enumerated().map { offset, token in
            prefix && offset == tokens.count - 1 ? userPrefix(token) : variantPrefix(token)
        })
        guard tokens.contains(where: \.hasDiacritics) else { return variants }
        // The same phrase with the accented tokens exact: matches a subset, adds to the score.
        let exactForm = phrase(tokens.enumerated().map { offset, token in
            if prefix && offset == tokens.count - 1 { return userPrefix(token) }
            return token.hasDiacritics ? quoted(token.accent) : variantPrefix(token)
        })
        return "\(variants) OR \(exactForm)"
    }

    private func phrase(_ parts: [String]) -> String { parts.joined(separator: " + ") }

    private func quoted(_ key: String) -> String { "\"\(key)\"" }

    private func variantPrefix(_ token: Token) -> String { "\"\(token.folded)\(variantMarker)\"*" }

    private func userPrefix(_ token: Token) -> String { "\"\(token.folded)\"*" }
}
