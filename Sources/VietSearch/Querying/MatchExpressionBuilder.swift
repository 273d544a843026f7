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
    func expression(for query: SearchQuery, exact: Bool, combination: Combination) -> String? {
        let positives = query.positiveClauses.compactMap { clause(for: $0, exact: exact) }
        guard !positives.isEmpty else { return nil }
        var expression = positives.count == 1
            ? positives[0]
            : positives.map { "(\($0))" }.joined(separator: combination == .all ? " AND " : " OR ")
        for excluded in query.excludedClauses {
            guard let part = clause(for: excluded, exact: exact) else { continue }
            expression = "(\(expression)) NOT (\(part))"
        }
        return expression
    }

    /// Analyzer tokens of each positive term, in query order (for ranking and restoration).
    func tokens(of term: SearchQuery.Term) -> [Token] {
        switch term {
        case .word(let text, _): return analyzer.tokens(in: text)
        case .phrase(let text): return analyzer.tokens(in: text)
        }
    }

    private func clause(for clause: SearchQuery.Clause, exact: Bool) -> String? {
        let parts = clause.alternatives.compactMap { unit(for: $0, exact: exact) }
        guard !parts.isEmpty else { return nil }
        return parts.count == 1 ? parts[0] : parts.map { "(\($0))" }.joined(separator: " OR ")
    }

    private func unit(for term: SearchQuery.Term, exact: Bool) -> String? {
        let tokens = tokens(of: term)
        guard !tokens.isEmpty else { return nil }
        var prefix = false
        if case .word(_, let isPrefix) = term { prefix = isPrefix }

        if exact {
            return phrase(tokens.enumerated().map { offset, token in
                if prefix && offset == tokens.count - 1 { return userPrefix(token) }
                return quoted(token.hasDiacritics ? token.accent : token.folded)
            })
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
