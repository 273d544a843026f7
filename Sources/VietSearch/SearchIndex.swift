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
    /// That second connection, opened by the first search that splits (nil inside: it failed to
    /// open, or the index is writable, whose uncommitted writes it would not see). It shares this
    /// index's row lengths: loading them again would add to every `vnsearch search` process.
    var partner: SearchIndex??
    /// Rankings whose upper half the partner ranked (tests check that splits happen).
    var partnerRankings = 0
    /// Row lengths for `vietsearch_rank`, loaded by the first search (see `DocumentLengths`),
    /// and the count of rows it scores.
    let ranking: RankingSession
    var documentLengths: DocumentLengths { ranking.lengths }
    /// `term_pairs` as last read, and the `data_version` it was read at (see `termPairs()`).
    var termPairsCache: (version: Int64, table: TermPairTable?)?
    /// The statement that looks up learned abbreviations, prepared by the first search (nil
    /// inside: the index keeps none, made before they were).
    var abbreviationLookup: SQLiteStatement??
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
        do {
            connection = try SQLiteConnection(path: path, mode: mode == .readOnly ? .readOnly : .readWriteCreate)
            connection.setBusyTimeout(milliseconds: 5_000)
            // WAL with NORMAL sync: readers search while the indexer writes, and a crash can lose
            // only the last commit, never corrupt the file.
            if mode == .readWrite { try connection.execute("PRAGMA synchronous=NORMAL") }
            // Searches read FTS5 leaf pages scattered over the file: mapped, they cost no read()
            // and copy each (docs/ENGINE.md, "Query latency"). Readers only; SQLite remaps
            // when a writer grows the file.
            if mode == .readOnly { try connection.execute("PRAGMA mmap_size=1073741824") }
            try connection.registerVietnameseTokenizer()
            try connection.registerVietnameseRanking(session: ranking)
        } catch let error {
            if error.resultCode == 14 /* SQLITE_CANTOPEN */ && mode == .readOnly { throw .indexNotFound(path: path) }
            if error.isNotADatabase { throw .notAnIndex(path: path) }
            if error.isBusy { throw .busy(path: path) }
            throw .database(error)
        }
        try prepareSchema(writable: mode == .readWrite)
    }

    /// Checks (and for a new writable file, creates) the schema.
    private func prepareSchema(writable: Bool) throws(VietSearchError) {
        do {
            let tables = try connection.scalarInt("SELECT count(*) FROM sqlite_schema")
            if tables == 0 {
                guard writable else { throw VietSearchError.notAnIndex(path: path) }
                // 16 KiB pages (set before WAL, which fixes the size): a document's text fits in
                // one page instead of an overflow chain, and the WAL writes and syscalls per MB
                // are a quarter of 4 KiB pages' (docs/ENGINE.md, "How `vnsearch index` writes").
                try connection.execute("PRAGMA page_size=16384")
                try connection.execute("PRAGMA journal_mode=WAL")
                try connection.transaction {
                    try connection.execute(IndexSchema.create)
                    try connection.execute(IndexSchema.configure)
                    try setMeta(.schemaVersion, String(IndexSchema.version))
                }
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
                // Tables added within a version; the abbreviations of an index made before
                // they were kept are read from its stored documents once.
                let hadAbbreviations = try connection.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'abbreviations'") == 1
                try connection.execute(IndexSchema.create)
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
            termPairsCache = nil
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
