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
    /// with every word in the form typed. The page holds the best documents by that score among
    /// every document with a distinctive query word (`PrunedRanker`; ties by rowid). A file stored
    /// in sections is one result: its best section's score and snippet, counted once.
    ///
    /// Fails with `.queryRejected` when the query is over `options.limits`.
    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws(VietSearchError) -> SearchResults {
        let parsed = SearchQuery(parsing: text)
        if let reason = options.limits.violation(of: parsed, tokens: planner.tokens(of:)) { throw .queryRejected(reason: reason) }
        var options = options
        (options.offset, options.limit) = (max(options.offset, 0), max(options.limit, 0))
        return try wrapping {
            // One snapshot for the whole search (its statistics, ranking, total and page), and one
            // read lock taken instead of one per statement; within a caller's transaction
            // (`reading`, or a write), that one.
            guard !connection.isInTransaction else { return try search(parsed, text: text, options: options) }
            return try reading { try search(parsed, text: text, options: options) }
        }
    }

    /// `search(_:options:)` of a parsed query, within a transaction.
    private func search(_ parsed: SearchQuery, text: String, options: SearchOptions) throws -> SearchResults {
        let (query, statistics, searchedAs, rewrites) = try interpret(parsed, options: options)
        let filter = options.filter
        func results(total: Int, estimated: Bool = false, _ rows: [SearchResult]) -> SearchResults {
            SearchResults(
                query: text, total: total, results: rows, searchedAs: searchedAs, totalIsEstimate: estimated, rewrites: rewrites)
        }
        guard let plan = planner.plan(for: query, exact: options.exact, statistics: statistics) else {
            return results(total: 0, [])
        }
        // Row lengths in memory: a `%_docsize` lookup per scored row would be a large share of
        // a question's time (see `DocumentLengths`).
        try documentLengths.refresh(from: connection, table: "documents_fts")
        try sections.refresh(from: connection)
        let wanted = options.rowsWanted
        // The filter as the rows it allows (sorted), read once for the ranking.
        let allowed = try allowedRowids(for: filter)
        if let allowed, allowed.isEmpty { return results(total: 0, []) }
        // A page past every document (an offset near `Int.max`) has nothing to rank: without
        // a k-th best score to prune with, ranking it would score every match.
        let pastEnd = try options.offset > 0 && options.offset >= Int(connection.scalarInt("SELECT count(*) FROM documents") ?? 0)
        let ranked: RankedRows =
            pastEnd
            ? ([], nil)
            : try rankedRows(
                plan.query, wanted: wanted, exhaustive: options.exhaustive, filter: RowFilter(filter: filter, rowids: allowed))
        let page = Array(ranked.rows.dropFirst(options.offset).prefix(options.limit))
        let total = try self.total(of: plan, matches: ranked.count, filter: filter, allowed: allowed)
        let rows = try self.results(page, snippets: plan.snippets, options: options)
        return results(total: total.count, estimated: total.isEstimate, rows)
    }

    /// The query as it will be searched (`rewritten`), with the statistics of its words, what
    /// was searched when that differs from the text typed, and each change.
    func interpret(_ parsed: SearchQuery, options: SearchOptions) throws
        -> (query: SearchQuery, statistics: TermStatistics?, searchedAs: String?, rewrites: [QueryRewrite])
    {
        var query = parsed
        guard let terms = try termStatisticsReader() else { return (query.keptOnce, nil, nil, []) }
        try terms.read(query, planner: planner)
        let searchedAs: String?
        let rewrites: [QueryRewrite]
        (query, searchedAs, rewrites) = try rewritten(query, options: options, terms: terms)
        // Repeated words are dropped only now that they are read as meant.
        query = query.keptOnce
        try terms.read(query, planner: planner)
        return (query, terms.statistics, searchedAs, rewrites)
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
        // The rows earlier searches read are kept until another connection commits or this one
        // writes (`write`), with the document count they go with.
        let version = try connection.scalarInt("PRAGMA data_version") ?? 0
        if keptTermStatistics?.version != version || keptTermStatistics?.isFull ?? true {
            let count = try statisticsAreStale ? nil : meta(.documentCount).flatMap { Int($0) }
            keptTermStatistics = KeptTermStatistics(version: version, documentCount: count)
        }
        guard let kept = keptTermStatistics, let count = kept.documentCount else { return nil }
        return TermStatisticsReader(connection: connection, documentCount: count, kept: kept)
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
        var learned: ((String) throws -> AbbreviationDictionary)?
        if let statement = abbreviationLookup ?? nil {
            // Each token's definitions are kept, as a dictionary, until another connection
            // commits or this one writes: at 1 GB one lookup took 0.01–0.35 ms (a common syllable
            // begins hundreds of rows), building the dictionary again at every search was a third
            // of expanding a question's abbreviations, and questions share their words.
            let version = try connection.scalarInt("PRAGMA data_version") ?? 0
            if learnedByToken?.version != version || learnedByToken?.dictionaries.count ?? 0 > Self.learnedTokensKept {
                learnedByToken = (version, [:])
            }
            learned = { token in
                if let kept = self.learnedByToken?.dictionaries[token] { return kept }
                let dictionary = try LearnedAbbreviations.dictionary(startingWith: token, using: statement)
                self.learnedByToken?.dictionaries[token] = dictionary
                return dictionary
            }
        }
        return AbbreviationExpander(planner: planner, dictionary: abbreviations, terms: terms, learned: learned)
    }

    /// Query tokens whose learned definitions are kept at most (then they are read again).
    static let learnedTokensKept = 4096

    /// The index's pair counts, read again only when another connection has committed. From
    /// `term_pair_blocks`: for the connection's first question, only the blocks its pairs fall
    /// in (`TermPairBlockReader`: a command-line search restores one question); for a later one,
    /// every block joined into one table, kept for the questions after it. An index made before
    /// the blocks has its single row in `term_pairs`.
    func termPairs() throws -> (any PairCounts)? {
        let version = try connection.scalarInt("PRAGMA data_version") ?? 0
        if let cache = termPairsCache, cache.version == version {
            guard let reader = cache.counts as? TermPairBlockReader, reader.questions > 0 else { return cache.counts }
        }
        var counts: (any PairCounts)?
        let tables = try connection.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name IN ('term_pairs', 'term_pair_blocks')") ?? 0
        let blocks = TermPairBlocks(connection: connection)
        if tables == 2, let total = try blocks.termDocumentCount() {
            if termPairsCache?.version == version {
                counts = try blocks.load()
            } else {
                counts = try TermPairBlockReader(connection: connection, termDocumentCount: total)
            }
        }
        if counts == nil, tables >= 1, try connection.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'term_pairs'") == 1 {
            let statement = try connection.prepare("SELECT data FROM term_pairs WHERE id = 1")
            if try statement.step() { counts = TermPairTable(bytes: statement.blob(at: 0)) }
        }
        termPairsCache = (version, counts)
        return counts
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

    /// Files matching `expression` among the filter's rows (rows, when no file is stored in
    /// sections).
    func count(_ expression: String, filter: DocumentFilter = DocumentFilter()) throws -> Int {
        let allowed = filter.condition(firstParameter: 2)
        let sql = "FROM documents_fts WHERE documents_fts MATCH ?1" + Self.restriction(allowed)
        let values = [SQLiteValue.text(expression)] + (allowed?.values ?? [])
        guard !sections.isEmpty else { return Int(try connection.scalarInt("SELECT count(*) " + sql, values) ?? 0) }
        let statement = try connection.prepare("SELECT rowid " + sql)
        try statement.bind(values)
        var files = Set<Int64>()
        var rows = 0
        while try statement.step() {
            let row = statement.int64(at: 0)
            if sections.isSectioned(row) { files.insert(sections.file(of: row)) } else { rows += 1 }
        }
        return rows + files.count
    }

    /// The SQL that keeps a ranking or count to the filter's rows (empty without a filter). The
    /// `+` keeps SQLite from handing the IN list to FTS5 as `rowid = ?`, which would run the MATCH
    /// once per allowed row (a filter passing every document of the news index: 40 s); so the
    /// list is built once and each matching row is looked up in it.
    static func restriction(_ allowed: (sql: String, values: [SQLiteValue])?) -> String {
        allowed.map { " AND +rowid IN (SELECT id FROM documents WHERE \($0.sql))" } ?? ""
    }

    /// The best rows, best first (equal scores by rowid), one per file (its best section), and
    /// how many files matched when that was counted on the way (nil when the postings were read
    /// with pruning).
    typealias RankedRows = (rows: [(id: Int64, score: Double)], count: Int?)

    /// The documents a ranking may return: the filter, for FTS5's ranking (a condition on the
    /// rowid), and the rows it allows, ascending (nil: every row), for the pruned one.
    struct RowFilter {
        var filter = DocumentFilter()
        var rowids: [Int64]?
    }

    /// The best `wanted` files for the query, each as its best row. Read from the postings with pruning
    /// (`PrunedRanker`) unless `exhaustive`, or unless every word that brings rows has a phrase
    /// of several tokens (`phrasesThroughFTS5`) and the query brings at most `phraseScanLimit`
    /// documents and a routing phrase has no stored pairs, or it brings more and the block
    /// maxima are not current, the index is in a format the reader does not know, or this
    /// connection has uncommitted writes: then every match is scored through FTS5, with the same
    /// results.
    ///
    /// A read-only index ranks the two halves of the rowids at once, this connection the lower
    /// and a partner connection the upper on another thread, and merges them; the two prune with
    /// the k-th best score either has found (`SharedThreshold`).
    func rankedRows(_ query: RankingQuery, wanted: Int, exhaustive: Bool, filter: RowFilter = RowFilter()) throws -> RankedRows {
        guard wanted > 0 else { return ([], nil) }
        var ranking = Ranking.pruned
        if exhaustive || connection.isWriting {
            ranking = .exhaustive
        } else if phrasesThroughFTS5 && query.routesThroughPhrases {
            // As `total` estimates them (a word's count may be Int.max: unknown).
            let documents = query.words.filter(\.routes).map { Double($0.routesTypedOnly ? $0.typedDocuments : $0.documents) }.reduce(0, +)
            if documents > Double(phraseScanLimit) {
                ranking = .phrases
            } else if try !PairPostings.coverRoutingPhrases(of: query, connection: connection) {
                // Phrases of rarer syllables: FTS5 finds them from short doclists. Those of
                // common syllables are found faster from their stored pairs (`phraseRows`).
                ranking = .exhaustive
            }
        }
        let shared = SharedThreshold(k: wanted)
        func half(_ index: SearchIndex, _ rowids: ClosedRange<Int64>) throws -> RankedRows {
            try index.rank(query, rowids: rowids, wanted: wanted, ranking: ranking, shared: shared, filter: filter)
        }
        guard rankInParallel, documentLengths.isLoaded, documentLengths.lengths.count > Self.rowsToSplit, let partner = searchPartner() else {
            return try half(self, Int64.min...Int64.max)
        }
        let split = Int64(documentLengths.lengths.count / 2)
        // The row lengths are the owner's, refreshed before the split.
        let job = PartnerJob(partner: partner) { partner in try half(partner, split...Int64.max) }
        job.start(on: startedPartnerThread())
        let lower = Result { try half(self, Int64.min...(split - 1)) }
        let partnerRows = job.wait()
        let mine = try lower.get()
        // Whatever failed on the partner's connection alone, this one ranks that half itself.
        if partnerRows != nil { partnerRankings += 1 }
        let theirs = try partnerRows ?? half(self, split...Int64.max)
        // Best first; equal scores by rowid, so the order does not depend on which half was faster.
        // A file with sections in both halves is in both: its better row stays.
        let rows = sections.bestRowPerFile((mine.rows + theirs.rows).sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id })
        // Such a file is counted in both halves' totals too: with sections, the total is counted anew.
        let count = sections.isEmpty ? mine.count.flatMap { mine in theirs.count.map { mine + $0 } } : nil
        return (Array(rows.prefix(wanted)), count)
    }

    /// How a half is ranked: pruned; pruned with bounds from the phrases of a query whose every
    /// routing word has a phrase of several tokens (`phrases`: through FTS5 without block maxima);
    /// or every match through FTS5.
    enum Ranking {
        case pruned, phrases, exhaustive
    }

    /// The best `wanted` files (as their best rows) with rowids in `rowids`: pruned, or through
    /// FTS5 when asked or when the reader cannot be used.
    func rank(
        _ query: RankingQuery, rowids: ClosedRange<Int64>, wanted: Int, ranking: Ranking, shared: SharedThreshold?, filter: RowFilter
    ) throws -> RankedRows {
        if ranking == .pruned {
            do {
                return (try prunedRows(query, rowids: rowids, wanted: wanted, shared: shared, allowed: filter.rowids) ?? [], nil)
            } catch let failure as FTS5Records.Failure {
                // An index in a format this reader does not know (or does not expect): FTS5 reads it.
                _ = failure
            }
        }
        if ranking == .phrases {
            do {
                if let rows = try prunedRows(query, rowids: rowids, wanted: wanted, shared: shared, allowed: filter.rowids, phraseBlocks: true) {
                    return (rows, nil)
                }
            } catch is FTS5Records.Failure {
                // As above: FTS5 reads it.
            }
        }
        let (expression, plan) = query.expression
        let ranked = try rankFiles(QueryPlanner.Ranked(expression: expression, ranking: plan), rowids: rowids, wanted: wanted, filter: filter.filter)
        return (ranked.rows, ranked.count)
    }

    /// The best `wanted` files through FTS5, each as its best row. Without sections, the best
    /// `wanted` rows. With them, rows are ranked and kept one per file: a page of files needs at
    /// most as many rows more as there are later sections; fewer are asked first, more only when
    /// sections took places on the page.
    func rankFiles(_ ranked: QueryPlanner.Ranked, rowids: ClosedRange<Int64>?, wanted: Int, filter: DocumentFilter) throws
        -> (rows: [(id: Int64, score: Double)], count: Int)
    {
        guard !sections.isEmpty else { return try rank(ranked, rowids: rowids, limit: wanted, offset: 0, filter: filter) }
        var extra = min(sections.extraRows, 4 * wanted)
        while true {
            let rows = try rank(ranked, rowids: rowids, limit: wanted + extra, offset: 0, filter: filter)
            let files = sections.bestRowPerFile(rows.rows)
            if files.count >= wanted || rows.rows.count < wanted + extra || extra >= sections.extraRows {
                return (Array(files.prefix(wanted)), rows.count)
            }
            extra = min(extra * 4 + wanted, sections.extraRows)
        }
    }

    /// The pruned ranking of one range, in one read transaction (the structure record and the
    /// pages it names are one snapshot). With `phraseBlocks`, for a query whose routing words
    /// are phrases, which the ranker reads fast only when it can skip blocks of rows: their
    /// bounds from the words' phrases (`BlockBounds.phraseWords`), and nil without block maxima.
    func prunedRows(
        _ query: RankingQuery, rowids: ClosedRange<Int64>, wanted: Int, shared: SharedThreshold?, allowed: [Int64]?,
        phraseBlocks: Bool = false
    ) throws -> [(id: Int64, score: Double)]? {
        // Within a caller's read transaction (`reading`), that one is the snapshot.
        let ownTransaction = !connection.isInTransaction
        if ownTransaction { try connection.execute("BEGIN") }
        defer { if ownTransaction { try? connection.execute("COMMIT") } }
        let records = try FTS5Records(connection: connection, table: "documents_fts")
        defer { records.close() }  // before the COMMIT
        let layout = try records.layout()
        let averageLength = RankingFormula.averageLength(rows: layout.rowCount, tokens: layout.columnTokens.reduce(0, +))
        var phraseWords: (shift: Int, words: [BlockBounds.Word])?
        if phraseBlocks {
            phraseWords = try BlockBounds.phraseWords(
                for: query, formula: RankingFormula(plan: query.plan, averageLength: averageLength), lengths: documentLengths.lengths,
                records: records, layout: layout, connection: connection)
            guard phraseWords?.words.contains(where: { $0.any != nil }) == true else { return nil }
        }
        let sizes = try connection.prepare("SELECT sz FROM documents_fts_docsize WHERE id = ?1")
        let ranker = try PrunedRanker(
            query: query, records: records, index: layout, lengths: documentLengths.lengths, range: rowids, k: wanted, shared: shared,
            allowed: allowed, files: sections.files, pairRows: try PairPostings.rows(for: query, in: rowids, connection: connection),
            blockMaxima: phraseBlocks ? nil : try BlockMaxima.words(for: query, averageLength: averageLength, connection: connection),
            phraseBlocks: phraseWords, phraseRows: try PairPostings.phraseRows(for: query, in: rowids, connection: connection)
        ) { rowid in
            sizes.reset()
            try sizes.bind([.integer(rowid)])
            guard try sizes.step() else { return 0 }
            return Int32(clamping: sizes.withBlob(at: 0) { DocumentLengths.sum(ofVarints: $0) })
        }
        return try ranker.run().rows
    }

    /// One ranking query through FTS5, over the rows with rowids in `rowids` (all when nil), and
    /// how many files matched. Only rows that pass `filter` are scored and counted.
    func rank(
        _ ranked: QueryPlanner.Ranked, rowids: ClosedRange<Int64>?, limit: Int, offset: Int, filter: DocumentFilter = DocumentFilter()
    ) throws -> (rows: [(id: Int64, score: Double)], count: Int) {
        let allowed = filter.condition(firstParameter: 7)
        let statement = try connection.prepare(
            """
            SELECT rowid, vietsearch_rank(documents_fts, ?2) AS score FROM documents_fts
            WHERE documents_fts MATCH ?1\(rowids == nil ? "" : " AND rowid BETWEEN ?5 AND ?6")\(Self.restriction(allowed)) \
            ORDER BY score DESC, rowid LIMIT ?3 OFFSET ?4
            """)
        var values: [SQLiteValue] = [.text(ranked.expression), .text(ranked.ranking.encoded), .integer(Int64(limit)), .integer(Int64(offset))]
        if let rowids { values += [.integer(rowids.lowerBound), .integer(rowids.upperBound)] }
        if let allowed { values += (rowids == nil ? [.null, .null] : []) + allowed.values }  // ?5 and ?6 unused
        try statement.bind(values)
        ranking.resetCount()
        var rows: [(id: Int64, score: Double)] = []
        while try statement.step() { rows.append((Int64(statement.int(at: 0)), statement.double(at: 1))) }
        return (rows, ranking.filesScored)
    }

    /// Documents counted at most this many (estimated from the statistics) are counted exactly;
    /// more, and `total` is an estimate: counting walks every routing word's postings, a cost the
    /// pruned ranking avoids.
    static let countedMatches = 30_000

    /// `SearchResults.total`: for a keyword query of several required words, the documents with
    /// every one when there are any; otherwise the documents that match (`matches` when the
    /// ranking counted them). Only documents the filter allows (`allowed`, its rows) count; an
    /// estimate assumes they match as often as any.
    func total(of plan: QueryPlanner.Plan, matches: Int?, filter: DocumentFilter = DocumentFilter(), allowed: [Int64]? = nil) throws
        -> (count: Int, isEstimate: Bool)
    {
        let query = plan.query
        let rows = Double(max(documentLengths.lengths.count, 1))
        let share = allowed.map { min(Double($0.count) / rows, 1) } ?? 1
        if plan.required.count > 1, query.plan.allWordsBonus > 0 {
            let documents = plan.required.map { Double(query.words[$0].documents) }
            if let fewest = documents.min(), fewest <= Double(Self.countedMatches) {
                let every = plan.required.map { query.words[$0].phrases }
                let all = try countFromPostings(every: every, excluding: query.excluded, filter: filter, allowed: allowed)
                    ?? count(allWordsExpression(plan), filter: filter)
                if all > 0 { return (all, false) }
            } else {
                // As if words occurred independently, and at most as often as the rarest.
                let estimate = min(documents.reduce(rows) { $0 * min($1 / rows, 1) }, documents.min() ?? 0) * share
                if estimate >= 1 { return (Int(estimate.rounded()), true) }
            }
        }
        if let matches { return (matches, false) }
        let routing = query.words.filter(\.routes).map { Double($0.routesTypedOnly ? $0.typedDocuments : $0.documents) }
        if routing.reduce(0, +) <= Double(Self.countedMatches) {
            let routes = query.words.filter(\.routes).flatMap { word in word.phrases.filter { word.routes($0) } }
            let matched = try countFromPostings(every: [routes], excluding: query.excluded, filter: filter, allowed: allowed)
            return (try matched ?? count(query.expression.match, filter: filter), false)
        }
        let none = routing.reduce(1.0) { $0 * (1 - min($1 / rows, 1)) }
        return (Int((max(rows * (1 - none), routing.max() ?? 0) * share).rounded()), true)
    }

    /// The files with a phrase of every group and none of `excluded`, counted from the postings
    /// (`MatchCount`) as `count` counts them through FTS5; nil when FTS5 must count: uncommitted
    /// writes (FTS5 holds them in memory), an index format the reader does not know, or a prefix
    /// of very many terms.
    func countFromPostings(every groups: [[RankingQuery.Phrase]], excluding excluded: [RankingQuery.Phrase], filter: DocumentFilter, allowed: [Int64]?)
        throws -> Int?
    {
        let phrases = groups.flatMap { $0 } + excluded
        guard !connection.isWriting, filter.isEmpty || allowed != nil, phrases.allSatisfy({ !$0.tokens.isEmpty }) else { return nil }
        // One read transaction: the structure record and the pages it names are one snapshot.
        let ownTransaction = !connection.isInTransaction
        if ownTransaction { try connection.execute("BEGIN") }
        defer { if ownTransaction { try? connection.execute("COMMIT") } }
        var rows = 0
        var files = Set<Int64>()
        var next = 0
        do {
            let records = try FTS5Records(connection: connection, table: "documents_fts")
            defer { records.close() }  // before the COMMIT
            let counted = try MatchCount.rows(
                every: groups.map { $0.map(\.tokens) }, excluding: excluded.map(\.tokens), records: records,
                layout: try records.layout()
            ) { row in
                if let allowed {
                    while next < allowed.count, allowed[next] < row { next += 1 }
                    guard next < allowed.count, allowed[next] == row else { return }
                }
                if sections.isSectioned(row) { files.insert(sections.file(of: row)) } else { rows += 1 }
            }
            return counted ? rows + files.count : nil
        } catch is FTS5Records.Failure {
            return nil
        }
    }

    /// The documents with every required word, in some form, less the excluded ones.
    func allWordsExpression(_ plan: QueryPlanner.Plan) -> String {
        func written(_ phrase: RankingQuery.Phrase) -> String { phrase.tokens.map(\.written).joined(separator: " + ") }
        var expression = plan.required.map { index in
            "(" + plan.query.words[index].phrases.map(written).joined(separator: " OR ") + ")"
        }.joined(separator: " AND ")
        if !plan.query.excluded.isEmpty {
            expression = "(\(expression)) NOT (" + plan.query.excluded.map(written).joined(separator: " OR ") + ")"
        }
        return expression
    }

    /// Fewer rows than this are ranked in one piece: handing half to another thread would cost
    /// more than it saves.
    static let rowsToSplit = 1_000

    /// The thread kept for the partner's jobs, started by the first split.
    private func startedPartnerThread() -> PartnerThread {
        if let partnerThread { return partnerThread }
        let started = PartnerThread()
        partnerThread = started
        return started
    }

    /// The partner connection of a read-only index (nil for a writable one, whose own
    /// uncommitted writes another connection would not see, or when it cannot be opened).
    func searchPartner() -> SearchIndex? {
        if let partner { return partner }
        let opened = mode == .readOnly ? try? SearchIndex(path: path, mode: .readOnly, ranking: RankingSession(lengths: documentLengths, sections: sections)) : nil
        partner = .some(opened)
        return opened
    }

    /// Path, title and snippet of the rows found, in their order. A section's result names its
    /// file (path and title of the file's row), with a snippet of the section.
    ///
    /// A read-only index that ranks in two halves (`rankedRows`) makes the second half of a page
    /// on its partner connection meanwhile: a snippet reads and analyses the document's text, a
    /// sixth of a question's time at 36k documents, all on one thread otherwise. An index too
    /// small to split its ranking does not open the partner for this alone.
    func results(_ rows: [(id: Int64, score: Double)], snippets: SnippetBuilder, options: SearchOptions) throws -> [SearchResult] {
        guard rankInParallel, rows.count >= Self.resultsToSplit, documentLengths.isLoaded,
            documentLengths.lengths.count > Self.rowsToSplit, let partner = searchPartner()
        else {
            return try pageResults(rows, snippets: snippets, options: options)
        }
        let split = rows.count / 2
        partner.snippetScanLimit = snippetScanLimit
        let read = partner.bodyBytesRead
        let job = PartnerJob(partner: partner) { partner in
            try partner.pageResults(Array(rows[split...]), snippets: snippets, options: options)
        }
        job.start(on: startedPartnerThread())
        let first = Result { try pageResults(Array(rows[..<split]), snippets: snippets, options: options) }
        let partnerResults = job.wait()
        bodyBytesRead += partner.bodyBytesRead - read
        if partnerResults != nil { partnerPages += 1 }
        // Whatever failed on the partner's connection alone, this one makes that half itself.
        let second = try partnerResults ?? pageResults(Array(rows[split...]), snippets: snippets, options: options)
        return try first.get() + second
    }

    /// Fewer results than this are made on one connection.
    static let resultsToSplit = 4

    /// `results` on this connection alone.
    func pageResults(_ rows: [(id: Int64, score: Double)], snippets: SnippetBuilder, options: SearchOptions) throws -> [SearchResult] {
        guard !rows.isEmpty else { return [] }
        let statement = try connection.prepare("SELECT path, title, format, mtime_ns FROM documents WHERE id = ?1")
        let fileStatement = try connection.prepare("SELECT path, title, format, mtime_ns FROM documents WHERE id = ?1")
        let words = min(max(options.snippetWords, 1), 64)
        return try rows.compactMap { row -> SearchResult? in
            statement.reset()
            try statement.bind([.integer(row.id)])
            guard try statement.step() else { return nil }
            var (path, title) = (statement.text(at: 0), statement.text(at: 1))
            var (format, modificationTime) = (statement.text(at: 2), statement.int64(at: 3))
            // Read while the statement holds its read transaction: the same row as its path.
            let (body, isCut) = try storedBody(of: row.id)
            let file = sections.file(of: row.id)
            if file != row.id {
                fileStatement.reset()
                try fileStatement.bind([.integer(file)])
                guard try fileStatement.step() else { return nil }
                (path, title) = (fileStatement.text(at: 0), fileStatement.text(at: 1))
                (format, modificationTime) = (fileStatement.text(at: 2), fileStatement.int64(at: 3))
            }
            var (snippet, hasAllWords) = snippets.describe(
                title: title, body: body, isCut: isCut, words: words, start: options.highlightStart, end: options.highlightEnd)
            if isCut && !hasAllWords, let expression = snippets.everyRequiredWord(variantMarker: planner.variantMarker) {
                hasAllWords = try connection.scalarInt(
                    "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?1 AND rowid = ?2",
                    [.text(expression), .integer(row.id)]) == 1
            }
            var result = SearchResult(
                path: path, title: title, score: row.score, snippet: snippet, matchesAllWords: hasAllWords,
                id: file, format: format, modificationTime: modificationTime)
            result.titleHighlights = Self.scalarRanges(snippets.highlights(in: title), in: title)
            return result
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
