import Foundation
import VietSearchSQLite
import VietnameseText

extension SearchIndex {
    /// Searches the index. Never fails on the query text: anything a person types is either query
    /// syntax (see `SearchQuery`) or literal words.
    ///
    /// One ranking for every query (`vietsearch_rank`, see `QueryPlanner`): BM25 per word, the
    /// typed accent form weighted above other forms, plus adjacency of consecutive words. Keyword
    /// queries (up to four words) put documents with every word first, and among those, the ones
    /// with every word in the form typed.
    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws(VietSearchError) -> SearchResults {
        var query = SearchQuery(parsing: text)
        return try wrapping {
            var statistics: TermStatistics?
            var searchedAs: String?
            var rewrites: [QueryRewrite] = []
            if let terms = try termStatisticsReader() {
                try terms.read(query, planner: planner)
                (query, searchedAs, rewrites) = try rewritten(query, options: options, terms: terms)
                try terms.read(query, planner: planner)
                statistics = terms.statistics
            }
            func results(total: Int, _ rows: [SearchResult]) -> SearchResults {
                SearchResults(query: text, total: total, results: rows, searchedAs: searchedAs, rewrites: rewrites)
            }
            guard let plan = planner.plan(for: query, exact: options.exact, statistics: statistics) else {
                return results(total: 0, [])
            }
            let wanted = options.offset + options.limit
            // Row lengths in memory: a `%_docsize` lookup per scored row would be a large share of
            // a question's time (see `DocumentLengths`).
            try documentLengths.refresh(from: connection, table: "documents_fts")
            // Each tier is ranked only when the one above it has too few documents. Ranking
            // scores every row of a tier, so its row count comes with it: the total needs no
            // second walk (see `RankingSession`).
            if let exactForms = plan.exactForms {
                let ranked = try top(exactForms, offset: options.offset, limit: options.limit)
                if ranked.count >= wanted {
                    let total = try count(plan.allWords?.expression ?? plan.countExpression)
                    return results(total: total, try self.results(ranked.rows, snippets: plan.snippets, options: options))
                }
            }
            var allCount = 0
            if let all = plan.allWords, all.ranking.allWordsBonus > 0 {
                let ranked = try top(all, offset: options.offset, limit: options.limit)
                allCount = ranked.count
                if allCount >= wanted {
                    return results(total: allCount, try self.results(ranked.rows, snippets: plan.snippets, options: options))
                }
            }
            let ranked = try top(plan.candidates, offset: options.offset, limit: options.limit)
            let total = allCount > 0 ? allCount : ranked.count
            return results(total: total, try self.results(ranked.rows, snippets: plan.snippets, options: options))
        }
    }

    /// The query as it will be searched: its words read as meant (`QueryRewriter`: accents
    /// restored, keys decoded, typos corrected), then its abbreviations expanded
    /// (`AbbreviationExpander`); with what was searched (nil: as typed) and each change.
    func rewritten(_ query: SearchQuery, options: SearchOptions, terms: TermStatisticsReader) throws
        -> (query: SearchQuery, searchedAs: String?, rewrites: [QueryRewrite])
    {
        var query = query
        var searchedAs: String?
        var rewrites: [QueryRewrite] = []
        let restore = options.restoreAccents && !options.exact && !options.literal
        if restore || !options.literal {
            let abbreviations = self.abbreviations
            let rewriter = QueryRewriter(
                planner: planner, terms: terms, pairs: { try self.termPairs() }, restoreAccents: restore,
                correctWords: !options.literal, isAbbreviation: { !abbreviations.entries(abbreviatedAs: $0).isEmpty })
            let rewritten = try rewriter.rewrite(query)
            if rewritten.restored || !rewritten.rewrites.isEmpty {
                query = rewritten.query
                rewrites = rewritten.rewrites
                searchedAs = query.written
            }
        }
        if !options.literal {
            let expanded = try abbreviationExpander(terms).expand(query)
            if !expanded.rewrites.isEmpty {
                query = expanded.query
                rewrites += expanded.rewrites
                searchedAs = query.written
            }
        }
        return (query, searchedAs, rewrites)
    }

    /// A reader of the index's term statistics, or nil for an index whose statistics were never
    /// computed or lag behind its documents (the planner then falls back to prefix queries and
    /// nothing is rewritten).
    func termStatisticsReader() throws -> TermStatisticsReader? {
        guard try !statisticsAreStale, let count = try meta(.documentCount).flatMap({ Int($0) }) else { return nil }
        return try TermStatisticsReader(connection: connection, documentCount: count)
    }

    /// The statistics of the query's words, or nil for an index whose statistics were never
    /// computed (the planner then falls back to prefix queries and no planning).
    func termStatistics(for query: SearchQuery) throws -> TermStatistics? {
        guard let terms = try termStatisticsReader() else { return nil }
        try terms.read(query, planner: planner)
        return terms.statistics
    }

    /// The expander for one search: the index's dictionary, and the definitions its documents
    /// make (when the index keeps them).
    func abbreviationExpander(_ terms: TermStatisticsReader) throws -> AbbreviationExpander {
        if abbreviationLookup == nil {
            let kept = try connection.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'abbreviations'") == 1
            abbreviationLookup = .some(kept ? try LearnedAbbreviations.lookup(connection) : nil)
        }
        var learned: ((String, inout AbbreviationDictionary) throws -> Void)?
        if let statement = abbreviationLookup ?? nil {
            learned = { try LearnedAbbreviations.add(startingWith: $0, using: statement, to: &$1) }
        }
        return AbbreviationExpander(planner: planner, dictionary: abbreviations, terms: terms, learned: learned)
    }

    /// The index's pair counts, read again only when another connection has committed.
    func termPairs() throws -> TermPairTable? {
        let version = try connection.scalarInt("PRAGMA data_version") ?? 0
        if let cache = termPairsCache, cache.version == version { return cache.table }
        var table: TermPairTable?
        if try connection.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'term_pairs'") == 1 {
            let statement = try connection.prepare("SELECT data FROM term_pairs WHERE id = 1")
            if try statement.step() { table = TermPairTable(bytes: statement.blob(at: 0)) }
        }
        termPairsCache = (version, table)
        return table
    }

    /// True while the statistics lag behind the documents (see `IndexWriter.markStatisticsStale`).
    var statisticsAreStale: Bool {
        get throws { try meta(.termStatsStale) != nil }
    }

    /// True when the statistics describe the documents as they are: not marked stale, and
    /// computed over as many documents as there are (a new index: none over none).
    var statisticsAreCurrent: Bool {
        get throws {
            guard try !statisticsAreStale else { return false }
            let counted = Int(try meta(.documentCount) ?? "0")
            return counted == Int(try connection.scalarInt("SELECT count(*) FROM documents") ?? 0)
        }
    }

    func count(_ expression: String) throws -> Int {
        Int(try connection.scalarInt("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?1", [.text(expression)]) ?? 0)
    }

    /// The best rows by `vietsearch_rank`, and how many rows matched. Ordering by the function
    /// (not by `rank`) lets SQLite's sorter keep only `offset + limit` rows; nothing else is
    /// computed per candidate.
    ///
    /// A read-only index ranks the two halves of the rowids at once, this connection the lower
    /// and a partner connection the upper on another thread, and merges them: walking doclists
    /// and scoring rows is most of a search's time, and each half has about half the rows.
    func top(_ ranked: QueryPlanner.Ranked, offset: Int, limit: Int) throws -> (rows: [(id: Int64, score: Double)], count: Int) {
        // Without a row to return, SQLite would skip scoring (and counting) the matches.
        guard limit > 0 else { return ([], try count(ranked.expression)) }
        let wanted = offset + limit
        guard rankInParallel, documentLengths.isLoaded, documentLengths.lengths.count > Self.rowsToSplit, let partner = searchPartner() else {
            let ranked = try rank(ranked, rowids: nil, limit: limit, offset: offset)
            return (ranked.rows, ranked.count)
        }
        let split = Int64(documentLengths.lengths.count / 2)
        let job = PartnerRanking(partner: partner, ranked: ranked, rowids: split...Int64.max, limit: wanted)
        // A thread of its own, not a shared pool: a caller that searches from every thread of a
        // pool would otherwise wait on jobs queued behind its own searches.
        let thread = Thread { job.run() }
        thread.stackSize = 1 << 22
        thread.start()
        let lower = Result { try rank(ranked, rowids: Int64.min...(split - 1), limit: wanted, offset: 0) }
        job.done.wait()
        let mine = try lower.get()
        // Whatever failed on the partner's connection alone, this one ranks that half itself.
        let partnerRows = try? job.result?.get()
        if partnerRows != nil { partnerRankings += 1 }
        let theirs = try partnerRows ?? rank(ranked, rowids: split...Int64.max, limit: wanted, offset: 0)
        // Best first; equal scores by rowid, so the order does not depend on which half was faster.
        let rows = (mine.rows + theirs.rows).sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        return (Array(rows.dropFirst(offset).prefix(limit)), mine.count + theirs.count)
    }

    /// One ranking query, over the rows with rowids in `rowids` (all when nil).
    func rank(_ ranked: QueryPlanner.Ranked, rowids: ClosedRange<Int64>?, limit: Int, offset: Int) throws
        -> (rows: [(id: Int64, score: Double)], count: Int)
    {
        let statement = try connection.prepare(
            """
            SELECT rowid, vietsearch_rank(documents_fts, ?2) AS score FROM documents_fts
            WHERE documents_fts MATCH ?1\(rowids == nil ? "" : " AND rowid BETWEEN ?5 AND ?6") ORDER BY score DESC LIMIT ?3 OFFSET ?4
            """)
        var values: [SQLiteValue] = [.text(ranked.expression), .text(ranked.ranking.encoded), .integer(Int64(limit)), .integer(Int64(offset))]
        if let rowids { values += [.integer(rowids.lowerBound), .integer(rowids.upperBound)] }
        try statement.bind(values)
        ranking.resetCount()
        var rows: [(id: Int64, score: Double)] = []
        while try statement.step() { rows.append((Int64(statement.int(at: 0)), statement.double(at: 1))) }
        return (rows, ranking.rowsScored)
    }

    /// Fewer rows than this are ranked in one piece: handing half to another thread would cost
    /// more than it saves.
    static let rowsToSplit = 1_000

    /// The partner connection of a read-only index (nil for a writable one, whose own
    /// uncommitted writes another connection would not see, or when it cannot be opened).
    func searchPartner() -> SearchIndex? {
        if let partner { return partner }
        let opened = mode == .readOnly ? try? SearchIndex(path: path, mode: .readOnly, ranking: RankingSession(lengths: documentLengths)) : nil
        partner = .some(opened)
        return opened
    }

    /// Path, title and snippet of the rows found, in their order.
    func results(_ rows: [(id: Int64, score: Double)], snippets: SnippetBuilder, options: SearchOptions) throws -> [SearchResult] {
        guard !rows.isEmpty else { return [] }
        let statement = try connection.prepare("SELECT path, title, body FROM documents WHERE id = ?1")
        let words = min(max(options.snippetWords, 1), 64)
        return try rows.compactMap { row -> SearchResult? in
            statement.reset()
            try statement.bind([.integer(row.id)])
            guard try statement.step() else { return nil }
            let title = statement.text(at: 1)
            let body = statement.text(at: 2)
            let (snippet, hasAllWords) = snippets.describe(
                title: title, body: body, words: words, start: options.highlightStart, end: options.highlightEnd)
            return SearchResult(
                path: statement.text(at: 0), title: title, score: row.score, snippet: snippet, matchesAllWords: hasAllWords)
        }
    }
}
