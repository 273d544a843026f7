import VietSearchSQLite
import VietnameseText

/// A VietSearch index: one SQLite file holding documents and their FTS5 index.
///
/// Open one per thread; SQLite's locking lets one process write while others read (WAL).
public final class SearchIndex {
    public enum Mode: Sendable {
        /// Search only; the file must exist and be an index.
        case readOnly
        /// Index and search; the file is created when missing.
        case readWrite
    }

    public let path: String
    let mode: Mode
    let connection: SQLiteConnection
    /// Whether a read-only index ranks with two threads, each over half of the rows (a second
    /// connection to the file ranks the upper half): a search uses the second core when it is
    /// idle (docs/ENGINE.md, "Two threads per search"). Set it to false where many searches
    /// already run at once, as in a server: there the second core is not idle.
    public var rankInParallel = true
    /// Rank queries whose every routing word has a phrase of several tokens through FTS5
    /// (`RankingQuery.routesThroughPhrases`; the same results, faster), unless they bring more
    /// documents than `phraseScanLimit` and the block maxima are current: then the pruned ranker
    /// skips blocks with bounds from their phrases; or unless each such phrase has syllables
    /// with stored pairs (`PairPostings.coverRoutingPhrases`): then the pruned ranker takes its
    /// rows from them. False keeps the pruned ranker for them all, without the phrases' block
    /// bounds: the exactness tests and `ranking-exactness` compare it with FTS5.
    public var phrasesThroughFTS5 = true
    /// Phrase queries bringing at most this many documents (estimated) are ranked through FTS5,
    /// unless their syllables have stored pairs: `total` counts them exactly anyway
    /// (`countedMatches`), and a scan counts them on the way. Tests lower it, to compare the
    /// route with block bounds on small indexes.
    var phraseScanLimit = SearchIndex.countedMatches
    /// That second connection, opened by the first search that splits (nil inside: it failed to
    /// open, or the index is writable, whose uncommitted writes it would not see). It shares this
    /// index's row lengths: loading them again would add to every `vnsearch search` process.
    var partner: SearchIndex??
    /// The thread that ranks on `partner`, started with it.
    var partnerThread: PartnerThread?
    /// Rankings whose upper half the partner ranked (tests check that splits happen).
    var partnerRankings = 0
    /// Pages whose second half of results the partner made.
    var partnerPages = 0
    /// Bytes of stored text read for snippets (tests check that it does not grow with documents).
    var bodyBytesRead = 0
    /// Bytes of a stored text that a snippet reads at most (tests lower it).
    var snippetScanLimit = SnippetBuilder.scanLimit
    /// Row lengths for `vietsearch_rank`, loaded by the first search (see `DocumentLengths`),
    /// and the count of rows it scores.
    let ranking: RankingSession
    var documentLengths: DocumentLengths { ranking.lengths }
    /// The rows of files stored in sections, for grouping rows by file (see `SectionMap`).
    var sections: SectionMap { ranking.sections }
    /// The pair counts as last read, and the `data_version` they were read at (see `termPairs()`).
    var termPairsCache: (version: Int64, counts: (any PairCounts)?)?
    /// The statement that looks up learned abbreviations, prepared by the first search (nil
    /// inside: the index keeps none, made before they were).
    var abbreviationLookup: SQLiteStatement??
    /// The definitions each query token looked up begins, as a dictionary of their own, and the
    /// `data_version` they were read at (see `abbreviationExpander(_:)`).
    var learnedByToken: (version: Int64, dictionaries: [String: AbbreviationDictionary])?
    /// The `term_stats` rows searches read, and the `data_version` they were read at (see
    /// `termStatisticsReader()`).
    var keptTermStatistics: KeptTermStatistics?
    /// The abbreviations a search expands (`UBND` also finds `ủy ban nhân dân`, and the reverse),
    /// besides those the index's documents define: the built-in dictionary, to which an
    /// application adds a user's (`AbbreviationDictionary(parsing:)`, `merging`).
    public var abbreviations = AbbreviationDictionary.builtin
    let planner = QueryPlanner(
        analyzer: VietnameseAnalyzer(), variantMarker: Character(Unicode.Scalar(VietnameseTokenizerOptions.variantMarker)))

    public convenience init(path: String, mode: Mode) throws(VietSearchError) {
        try self.init(path: path, mode: mode, ranking: RankingSession())
    }

    /// `ranking`: a partner shares its owner's row lengths (loaded once, read by both threads).
    init(path: String, mode: Mode, ranking: RankingSession) throws(VietSearchError) {
        self.path = path
        self.mode = mode
        self.ranking = ranking
        let exists = try IndexLocation.check(path, creating: mode == .readWrite)
        guard exists || mode == .readWrite else { throw .indexNotFound(path: path) }
        if !exists { try IndexLocation.create(at: path, initialize: Self.initialize) }
        connection = try Self.connect(path, mode: mode, ranking: ranking)
        try prepareSchema(writable: mode == .readWrite)
    }

    deinit {
        partnerThread?.stop()
    }

    /// A connection to the index file, its tokenizer and ranking registered. Read-only, where
    /// nothing can be written beside the file, it falls back to `immutable` (see `IndexLocation`).
    private static func connect(_ path: String, mode: Mode, ranking: RankingSession) throws(VietSearchError) -> SQLiteConnection {
        do throws(SQLiteError) {
            do throws(SQLiteError) {
                return try configured(SQLiteConnection(path: path, mode: mode == .readOnly ? .readOnly : .readWrite), mode: mode, ranking: ranking)
            } catch {
                // SQLITE_READONLY or SQLITE_CANTOPEN: WAL mode could not make its `-shm`.
                guard mode == .readOnly, error.resultCode == 8 || error.resultCode == 14, IndexLocation.folderIsReadOnly(path)
                else { throw error }
                return try configured(SQLiteConnection(path: path, mode: .immutable), mode: mode, ranking: ranking)
            }
        } catch {
            if error.resultCode == 14 /* SQLITE_CANTOPEN */ && mode == .readOnly { throw .indexNotFound(path: path) }
            if error.isNotADatabase { throw .notAnIndex(path: path) }
            if error.isBusy { throw .busy(path: path) }
            throw .database(error)
        }
    }

    private static func configured(_ connection: SQLiteConnection, mode: Mode, ranking: RankingSession) throws(SQLiteError) -> SQLiteConnection {
        connection.setBusyTimeout(milliseconds: 5_000)
        // A read of the schema now: where WAL cannot work (no `-shm` can be made) it fails here.
        _ = try connection.scalarInt("SELECT count(*) FROM sqlite_schema")
        // WAL with NORMAL sync: readers search while the indexer writes, and a crash can lose
        // only the last commit, never corrupt the file.
        if mode == .readWrite { try connection.execute("PRAGMA synchronous=NORMAL") }
        // Searches read FTS5 leaf pages scattered over the file: mapped, they cost no read()
        // and copy each (docs/ENGINE.md). As much of the file as SQLite maps (it lowers the size
        // asked for to its build's limit, 2 GB in Debian's): pages past the mapping are read
        // into a page cache of a few dozen pages. Readers only; SQLite remaps when a writer
        // grows the file.
        if mode == .readOnly { try connection.execute("PRAGMA mmap_size=\(Int64(1) << 40)") }
        try connection.registerVietnameseTokenizer()
        try connection.registerVietnameseRanking(session: ranking)
        return connection
    }

    /// Checks the schema (and for an empty file opened for writing, writes it).
    private func prepareSchema(writable: Bool) throws(VietSearchError) {
        do {
            let tables = try connection.scalarInt("SELECT count(*) FROM sqlite_schema")
            if tables == 0 {
                guard writable else { throw VietSearchError.notAnIndex(path: path) }
                try Self.initialize(connection)
                return
            }
            guard
                try connection.scalarInt(
                    "SELECT count(*) FROM sqlite_schema WHERE name IN ('vietsearch_meta', 'documents', 'documents_fts')") == 3,
                let found = try meta(.schemaVersion).flatMap({ Int($0) })
            else { throw VietSearchError.notAnIndex(path: path) }
            guard found == IndexSchema.version else {
                throw VietSearchError.schemaMismatch(path: path, found: found, expected: IndexSchema.version)
            }
            if writable {
                // Tables, columns and indexes added within a version; the abbreviations of an
                // index made before they were kept are read from its stored documents once.
                let hadAbbreviations = try connection.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'abbreviations'") == 1
                try connection.execute(IndexSchema.create)
                try IndexSchema.upgrade(connection)
                if !hadAbbreviations { try connection.transaction { try IndexWriter(index: self).rebuildAbbreviations() } }
            }
        } catch let error as VietSearchError {
            throw error
        } catch let error as SQLiteError {
            if error.isNotADatabase { throw .notAnIndex(path: path) }
            if error.isBusy { throw .busy(path: path) }
            throw .database(error)
        } catch {
            throw .notAnIndex(path: path)
        }
    }

    /// Writes the schema of a new index on `connection` (an empty database).
    static func initialize(_ connection: SQLiteConnection) throws {
        try connection.registerVietnameseTokenizer()
        // 64 KiB pages, SQLite's largest (set before WAL, which fixes the size): a document's text
        // fits in one page instead of an overflow chain, the WAL writes fewer pages per megabyte,
        // and the space a page cannot use (a row that does not fit the rest starts the next page)
        // is a smaller share of the file (docs/ENGINE.md).
        try connection.execute("PRAGMA page_size=65536")
        try connection.execute("PRAGMA journal_mode=WAL")
        try connection.transaction {
            try connection.execute(IndexSchema.create)
            try connection.execute(IndexSchema.addedIndexes)
            try connection.execute(IndexSchema.configure)
            let statement = try connection.prepare("INSERT OR REPLACE INTO vietsearch_meta(key, value) VALUES (?1, ?2)")
            try statement.bind([.text(MetaKey.schemaVersion.rawValue), .text(String(IndexSchema.version))])
            try statement.step()
        }
    }

    func meta(_ key: MetaKey) throws(SQLiteError) -> String? {
        try connection.scalarText("SELECT value FROM vietsearch_meta WHERE key = ?1", [.text(key.rawValue)])
    }

    func setMeta(_ key: MetaKey, _ value: String) throws(SQLiteError) {
        let statement = try connection.prepare("INSERT OR REPLACE INTO vietsearch_meta(key, value) VALUES (?1, ?2)")
        try statement.bind([.text(key.rawValue), .text(value)])
        try statement.step()
    }

    func removeMeta(_ key: MetaKey) throws(SQLiteError) {
        let statement = try connection.prepare("DELETE FROM vietsearch_meta WHERE key = ?1")
        try statement.bind([.text(key.rawValue)])
        try statement.step()
    }

    /// The abbreviations the index's documents define, most documents first (none for an index
    /// made before they were kept, until it is next opened for writing).
    public func learnedAbbreviations() throws(VietSearchError) -> [LearnedAbbreviation] {
        try wrapping {
            guard try connection.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'abbreviations'") == 1 else { return [] }
            return try LearnedAbbreviations.all(connection)
        }
    }

    /// Runs `body` in one write transaction.
    public func write<T>(_ body: (IndexWriter) throws -> T) throws -> T {
        defer {
            documentLengths.invalidate()
            sections.invalidate()
            termPairsCache = nil
            learnedByToken = nil
            keptTermStatistics = nil
        }
        return try connection.transaction {
            let writer = try IndexWriter(index: self)
            let result = try body(writer)
            try writer.finish()
            return result
        }
    }

    /// Wraps SQLite errors of an operation into `VietSearchError`.
    func wrapping<T>(_ body: () throws -> T) throws(VietSearchError) -> T {
        do {
            return try body()
        } catch let error as VietSearchError {
            throw error
        } catch let error as SQLiteError {
            throw error.isBusy ? .busy(path: path) : .database(error)
        } catch {
            throw .database(SQLiteError(resultCode: 1, message: "\(error)"))
        }
    }
}
