import VietSearchSQLite

extension SearchIndex {
    /// Relative weight of a match in the title against one in the body (BM25 column weights).
    static let titleWeight = 4.0
    /// Added to the scores of the first pass (every word), so that scores decrease down the
    /// result list; BM25 scores stay far below it.
    static let tierGap = 1000.0

    /// Searches the index. Never fails on the query text: anything a person types is either query
    /// syntax (see `SearchQuery`) or literal words.
    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws(VietSearchError) -> SearchResults {
        let query = SearchQuery(parsing: text)
        return try wrapping {
            let statistics = try termStatistics(for: query)
            guard let all = builder.expression(for: query, exact: options.exact, combination: .all, statistics: statistics)
            else {
                return SearchResults(query: text, total: 0, results: [])
            }
            let accented = query.positiveClauses.contains { clause in
                clause.alternatives.contains { builder.tokens(of: $0).contains(where: \.hasDiacritics) }
            }
            let any = builder.expression(for: query, exact: options.exact, combination: .any, statistics: statistics)
            if accented, !options.exact, statistics != nil,
                let typed = builder.expression(
                    for: query, exact: false, combination: .all, statistics: statistics, accentsRequired: true)
            {
                // Typed with accents: documents with every word in the typed forms first, then
                // everything else that matches (other accent forms, some of the words), ranked
                // together by BM25. Measured on ViNewsQA questions: recall@10 0.39 → 0.535 against
                // "every word in any form" first.
                let (first, firstCount) = try page(typed, options: options, limit: options.limit, offset: options.offset)
                var results = Self.firstTier(first)
                let typedCount = try firstCount ?? count(typed)
                let rest = "(\(query.positiveClauses.count > 1 ? any ?? all : all)) NOT (\(typed))"
                let (second, _) = try page(
                    rest, options: options, limit: options.limit - results.count, offset: max(0, options.offset - typedCount))
                results += second
                var total = try count(all)
                if total == 0, let any { total = try count(any) }
                return SearchResults(query: text, total: total, results: results)
            }

            // Documents with every word first, then (several words) the best partial matches.
            let (first, firstCount) = try page(all, options: options, limit: options.limit, offset: options.offset)
            var results = Self.firstTier(first)
            let allCount = try firstCount ?? count(all)
            var total = allCount
            if query.positiveClauses.count > 1, results.count < options.limit, let any {
                let partial = allCount == 0 ? any : "(\(any)) NOT (\(all))"
                let (second, secondCount) = try page(
                    partial, options: options, limit: options.limit - results.count, offset: max(0, options.offset - allCount))
                results += second
                if allCount == 0 { total = try secondCount ?? count(any) }
            }
            return SearchResults(query: text, total: total, results: results)
        }
    }

    /// Results of the first pass: they have every word, and score a tier above what follows.
    static func firstTier(_ results: [SearchResult]) -> [SearchResult] {
        results.map { result in
            var result = result
            result.matchesAllWords = true
            result.score += tierGap
            return result
        }
    }

    /// The statistics of the query's words, or nil for an index whose statistics were never
    /// computed (the builder then falls back to prefix queries and no planning).
    func termStatistics(for query: SearchQuery) throws -> TermStatistics? {
        guard try !statisticsAreStale, let count = try meta("document_count").flatMap({ Int($0) }) else { return nil }
        var statistics = TermStatistics(documentCount: count, entries: [:])
        let lookup = try connection.prepare("SELECT df, variants FROM term_stats WHERE folded = ?1")
        for clause in query.clauses {
            for term in clause.alternatives {
                for token in builder.tokens(of: term) where statistics.entries[token.folded] == nil {
                    lookup.reset()
                    try lookup.bind([.text(token.folded)])
                    guard try lookup.step() else { continue }
                    let variants = lookup.text(at: 1).split(separator: " ").map { pair in
                        let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
                        return (form: String(parts.first ?? ""), documentFrequency: Int(parts.last ?? "") ?? 0)
                    }
                    statistics.entries[token.folded] = TermStatistics.Entry(
                        documentFrequency: min(lookup.int(at: 0), count), variants: variants)
                }
            }
        }
        return statistics
    }

    /// True while the statistics lag behind the documents (see `IndexWriter.markStatisticsStale`).
    var statisticsAreStale: Bool {
        get throws { try meta("term_stats_stale") != nil }
    }

    func count(_ expression: String) throws -> Int {
        Int(try connection.scalarInt("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?1", [.text(expression)]) ?? 0)
    }

    /// A page of results ranked by BM25, and the number of matches when it is known without
    /// another query (nil: count separately).
    func page(_ expression: String, options: SearchOptions, limit: Int, offset: Int) throws -> ([SearchResult], Int?) {
        guard limit > 0 else { return ([], nil) }
        let statement = try connection.prepare(
            """
            SELECT d.path, d.title, bm25(documents_fts, \(Self.titleWeight), 1.0) AS rank,
                   snippet(documents_fts, 1, ?2, ?3, '…', ?4)
            FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
            WHERE documents_fts MATCH ?1
            ORDER BY rank LIMIT ?5 OFFSET ?6
            """)
        try statement.bind([
            .text(expression), .text(options.highlightStart), .text(options.highlightEnd),
            .integer(Int64(min(max(options.snippetWords, 1), 64))), .integer(Int64(limit)), .integer(Int64(offset)),
        ])
        var results: [SearchResult] = []
        while try statement.step() {
            results.append(
                SearchResult(
                    path: statement.text(at: 0), title: statement.text(at: 1), score: -statement.double(at: 2),
                    snippet: statement.text(at: 3), matchesAllWords: false))
        }
        // Fewer rows than asked from the start: that is all of them.
        let count = offset == 0 && results.count < limit ? results.count : nil
        return (results, count)
    }
}
