import Foundation
import VietSearchSQLite

extension SearchIndex {
    /// Searches the index. Never fails on the query text: anything a person types is either query
    /// syntax (see `SearchQuery`) or literal words.
    ///
    /// One ranking for every query (`vietsearch_rank`, see `QueryPlanner`): BM25 per word, the
    /// typed accent form weighted above other forms, plus adjacency of consecutive words. Keyword
    /// queries (up to four words) put documents with every word first, and among those, the ones
    /// with every word in the form typed.
    ///
    /// Fails with `.queryRejected` when the query is over `options.limits`.
    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws(VietSearchError) -> SearchResults {
        var query = SearchQuery(parsing: text)
        if let reason = options.limits.violation(of: query, tokens: planner.tokens(of:)) { throw .queryRejected(reason: reason) }
        var options = options
        (options.offset, options.limit) = (max(options.offset, 0), max(options.limit, 0))
        return try wrapping {
            let statistics = try termStatistics(for: query)
            var searchedAs: String?
            if options.restoreAccents, !options.exact, let statistics, let restored = try restoringAccents(of: query, statistics: statistics) {
                query = restored
                searchedAs = restored.written
            }
            guard let plan = planner.plan(for: query, exact: options.exact, statistics: statistics) else {
                return SearchResults(query: text, total: 0, results: [], searchedAs: searchedAs)
            }
            let wanted = options.rowsWanted
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
                    return SearchResults(query: text, total: total, results: try results(ranked.rows, snippets: plan.snippets, options: options), searchedAs: searchedAs)
                }
            }
            var allCount = 0
            if let all = plan.allWords, all.ranking.allWordsBonus > 0 {
                let ranked = try top(all, offset: options.offset, limit: options.limit)
                allCount = ranked.count
                if allCount >= wanted {
                    return SearchResults(query: text, total: allCount, results: try results(ranked.rows, snippets: plan.snippets, options: options), searchedAs: searchedAs)
                }
            }
            let ranked = try top(plan.candidates, offset: options.offset, limit: options.limit)
            let total = allCount > 0 ? allCount : ranked.count
            return SearchResults(query: text, total: total, results: try results(ranked.rows, snippets: plan.snippets, options: options), searchedAs: searchedAs)
        }
    }

    /// The statistics of the query's words, or nil for an index whose statistics were never
    /// computed (the planner then falls back to prefix queries and no planning).
    func termStatistics(for query: SearchQuery) throws -> TermStatistics? {
        guard try !statisticsAreStale, let count = try meta(.documentCount).flatMap({ Int($0) }) else { return nil }
        var statistics = TermStatistics(documentCount: count, entries: [:])
        let lookup = try connection.prepare("SELECT df, variants FROM term_stats WHERE folded = ?1")
        for clause in query.clauses {
            for term in clause.alternatives {
                for token in planner.tokens(of: term) where statistics.entries[token.folded] == nil {
                    lookup.reset()
                    try lookup.bind([.text(token.folded)])
                    guard try lookup.step() else { continue }
                    let variants = TermStatistics.parseVariants(lookup.text(at: 1))
                    statistics.entries[token.folded] = TermStatistics.Entry(
                        documentFrequency: TermStatistics.unionEstimate(variants.map(\.documentFrequency), documentCount: count),
                        variants: variants)
                }
            }
        }
        return statistics
    }

    /// A question (more than `strictTierMaxWords` words) typed without any accent, with each
    /// plain word's likely accents restored (`AccentRestorer`); nil for any other query, or an
    /// index without pair counts. Searched as typed, a restored question picks its candidates
    /// and scores its common words in one form each, as a question typed with accents does:
    /// far fewer doclists to walk, at about the same recall (docs/ENGINE.md, "Restoring the
    /// accents of questions typed without them").
    func restoringAccents(of query: SearchQuery, statistics: TermStatistics) throws -> SearchQuery? {
        let positive = query.positiveClauses
        guard positive.count > planner.weights.strictTierMaxWords else { return nil }
        // The chain of plain one-token words, by clause index; anything else breaks it.
        var chains: [[(clause: Int, folded: String)]] = [[]]
        for (index, clause) in query.clauses.enumerated() where !clause.isExcluded {
            var single: String?
            if clause.alternatives.count == 1, case .word(_, let prefix) = clause.alternatives[0], !prefix {
                let tokens = planner.tokens(of: clause.alternatives[0])
                if tokens.contains(where: \.hasDiacritics) { return nil }
                if tokens.count == 1 { single = tokens[0].folded }
            } else if clause.alternatives.contains(where: { planner.tokens(of: $0).contains(where: \.hasDiacritics) }) {
                return nil
            }
            if let single {
                chains[chains.count - 1].append((index, single))
            } else if !chains[chains.count - 1].isEmpty {
                chains.append([])
            }
        }
        guard let pairs = try termPairs() else { return nil }
        let restorer = AccentRestorer(pairs: pairs)
        var restored = query
        for chain in chains where !chain.isEmpty {
            let forms = restorer.restore(chain.map(\.folded), statistics: statistics)
            for (word, form) in zip(chain, forms) {
                restored.clauses[word.clause].alternatives = [.word(form.isEmpty ? word.folded : form, prefix: false)]
            }
        }
        return restored
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
        let wanted = SearchOptions(limit: limit, offset: offset).rowsWanted
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
        let statement = try connection.prepare("SELECT path, title FROM documents WHERE id = ?1")
        let words = min(max(options.snippetWords, 1), 64)
        return try rows.compactMap { row -> SearchResult? in
            statement.reset()
            try statement.bind([.integer(row.id)])
            guard try statement.step() else { return nil }
            let title = statement.text(at: 1)
            // Read while the statement holds its read transaction: the same row as its path.
            let (body, isCut) = try storedBody(of: row.id)
            var (snippet, hasAllWords) = snippets.describe(
                title: title, body: body, isCut: isCut, words: words, start: options.highlightStart, end: options.highlightEnd)
            if isCut && !hasAllWords, let expression = snippets.everyRequiredWord(variantMarker: planner.variantMarker) {
                hasAllWords = try connection.scalarInt(
                    "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?1 AND rowid = ?2",
                    [.text(expression), .integer(row.id)]) == 1
            }
            return SearchResult(
                path: statement.text(at: 0), title: title, score: row.score, snippet: snippet, matchesAllWords: hasAllWords)
        }
    }

    /// The part of a document's stored text that snippets read (`SnippetBuilder.window`), and
    /// whether that is less than all of it. Read in place: selecting the column loads all of it.
    func storedBody(of id: Int64) throws -> (bytes: [UInt8], isCut: Bool) {
        let blob = try connection.openBlob(table: "documents", column: "body", rowid: id)
        // A little past the limit, to see whether a token ends there.
        var bytes = try blob.read(0..<min(blob.count, snippetScanLimit + 1))
        let length = SnippetBuilder.window(of: bytes, total: blob.count, limit: snippetScanLimit)
        bytes.removeSubrange(length...)
        bodyBytesRead += bytes.count
        return (bytes, length < blob.count)
    }
}
