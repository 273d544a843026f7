import CSQLite

/// One connection to an SQLite database file. Closed when released.
///
/// Not thread-safe: use a connection from one thread at a time (SQLite is built serialized
/// here, but statements and transactions are per connection).
public final class SQLiteConnection {
    /// How the file is opened (`SQLITE_OPEN_READONLY`, `_READWRITE`, `_CREATE`).
    public enum Mode: Sendable {
        /// Reading only; writes fail with SQLITE_READONLY. The file must exist.
        case readOnly
        /// Reading and writing an existing file.
        case readWrite
        /// Read-write, creating the file when it does not exist.
        case readWriteCreate
        /// Reading a file that nothing writes while it is open (SQLite's `immutable`): no locks and
        /// no `-shm` file, so it opens where nothing can be written (read-only media, a folder
        /// without write permission). A write-ahead log beside it is not read.
        case immutable
    }

    let handle: OpaquePointer
    /// Recordings the `vietnamese` tokenizers of this connection may replay; released after the
    /// handle is closed (deinit), so it outlives every tokenizer.
    let tokenReplay = TokenReplay()
    /// What the `vietnamese` tokenizers registered here share, among it why arguments were
    /// rejected (see `explaining(_:)`).
    let tokenizers: VietnameseTokenizerRegistration
    /// The path given at opening.
    public let path: String
    /// Statements of this connection's that are done with, for the next of the same SQL.
    let statements = StatementCache()

    /// Before the process's first connection: SQLite's memory statistics off, so that searches
    /// on two threads do not contend for their mutex (`sqlite3_config` works only before SQLite
    /// is initialized: in a process that used SQLite first, this changes nothing).
    private static let processSetUp: Void = { _ = vietsearch_turn_off_memory_statistics() }()

    /// Opens `path` (`":memory:"` for a private in-memory database).
    ///
    /// Fails with an ``SQLiteError`` when the file cannot be opened (a missing file without
    /// `.readWriteCreate`, a folder, no permission) or is not an SQLite database.
    public init(path: String, mode: Mode = .readWriteCreate) throws(SQLiteError) {
        _ = Self.processSetUp
        var flags: Int32 = SQLITE_OPEN_NOMUTEX
        var name = path
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .immutable:
            flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
            name = "file:" + Self.uriEscaped(path) + "?immutable=1"
        }
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(name, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let error = SQLiteError(database: db, resultCode: rc, context: "opening \(path)")
            sqlite3_close_v2(db)
            throw error
        }
        sqlite3_extended_result_codes(db, 1)
        // SQLite reads the file header only at the first statement, so a text file or an image
        // would open "fine" and fail later. Read the schema now to fail here with a clear
        // error. Other failures (a writer briefly holding the lock) are left to that first use.
        let check = sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nil, nil, nil)
        if check & 0xFF == SQLITE_NOTADB {
            let error = SQLiteError(database: db, resultCode: check, context: "opening \(path)")
            sqlite3_close_v2(db)
            throw error
        }
        self.handle = db
        self.path = path
        tokenizers = VietnameseTokenizerRegistration(replay: tokenReplay)
    }

    /// No statement is left but those kept (each holds its connection): they go first, so that
    /// the handle closes now.
    deinit {
        statements.finalizeAll()
        sqlite3_close_v2(handle)
    }

    /// `path` for a `file:` URI: every byte but unreserved characters and `/` percent-encoded
    /// (`?`, `#` and `%` would otherwise end or change it).
    static func uriEscaped(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }

    /// How long a statement waits for another connection's lock before failing with
    /// SQLITE_BUSY, in milliseconds.
    public func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Runs one or more SQL statements that return no rows.
    public func execute(_ sql: String) throws(SQLiteError) {
        tokenizers.rejection = nil
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        guard rc == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(message)
            throw explaining(SQLiteError(resultCode: rc, extendedCode: sqlite3_extended_errcode(handle), message: text))
        }
    }

    /// `error` with the reason a `vietnamese` tokenizer gave for rejecting its arguments, when
    /// that is what failed: FTS5 reports only "error in tokenizer constructor".
    func explaining(_ error: SQLiteError) -> SQLiteError {
        guard let reason = tokenizers.takeRejection(), error.message.contains("error in tokenizer constructor") else { return error }
        return SQLiteError(
            resultCode: error.extendedCode, extendedCode: error.extendedCode, message: "\(error.message): \(reason)", context: error.context)
    }

    /// Compiles one SQL statement, with `?1`, `?2`… parameters to bind.
    public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        try SQLiteStatement(connection: self, sql: sql)
    }

    /// Runs `sql` with `values` bound and returns the first column of the first row, if any.
    public func scalarInt(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> Int64? {
        let statement = try prepare(sql)
        try statement.bind(values)
        guard try statement.step(), !statement.isNull(at: 0) else { return nil }
        return statement.int64(at: 0)
    }

    /// Like `scalarInt`, for text.
    public func scalarText(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> String? {
        let statement = try prepare(sql)
        try statement.bind(values)
        guard try statement.step(), !statement.isNull(at: 0) else { return nil }
        return statement.text(at: 0)
    }

    /// Runs `body` in a transaction (`BEGIN IMMEDIATE`, so writers queue at the start rather than
    /// fail at commit): committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` (typically one FTS5 insert) with `texts` offered to this connection's
    /// `vietnamese` tokenizers: asked to tokenize a document text byte-identical to one of them,
    /// with the same options, a tokenizer emits the recorded terms instead of analysing it.
    /// Any other text is analysed as usual, so an offer can never change what is indexed.
    public func withPretokenized<T>(_ texts: [PretokenizedText], _ body: () throws -> T) rethrows -> T {
        let previous = tokenReplay.offered
        tokenReplay.offered = texts
        defer { tokenReplay.offered = previous }
        return try body()
    }

    /// The rowid of the most recent successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// True between BEGIN and COMMIT/ROLLBACK.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// True in a transaction that has written (or begun to write) to the database: what it
    /// wrote is not committed, and FTS5 may still hold some of it in memory. A read
    /// transaction is not one.
    public var isWriting: Bool { sqlite3_txn_state(handle, nil) == SQLITE_TXN_WRITE }

    /// The SQLite library version, e.g. "3.40.1".
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }
}
