import CSQLite

/// A prepared statement. Finalized when released.
///
/// Parameters are numbered from 1 (`?1`, `?2`…), columns from 0, as in SQLite's C API.
public final class SQLiteStatement {
    let handle: OpaquePointer
    /// Kept so the connection outlives its statements.
    let connection: SQLiteConnection
    /// The text prepared: the key under which the connection keeps the statement afterwards.
    private let sql: String

    /// A statement of `sql`: one the connection kept from an earlier one of the same text
    /// (`StatementCache`), or newly prepared.
    init(connection: SQLiteConnection, sql: String) throws(SQLiteError) {
        connection.tokenizers.rejection = nil
        if let kept = connection.statements.take(sql) {
            handle = kept
        } else {
            var statement: OpaquePointer?
            let rc = sqlite3_prepare_v2(connection.handle, sql, -1, &statement, nil)
            guard rc == SQLITE_OK, let statement else {
                throw connection.explaining(SQLiteError(database: connection.handle, resultCode: rc, context: "preparing a statement"))
            }
            handle = statement
        }
        self.sql = sql
        self.connection = connection
    }

    /// Reset (so that it holds no read transaction) and unbound (so that it holds no values),
    /// the statement goes back to the connection, or is finalized when the cache is full.
    deinit {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        if !connection.statements.put(handle, for: sql) { sqlite3_finalize(handle) }
    }

    /// SQLITE_TRANSIENT: SQLite copies bound text and blobs (the macro is not imported).
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }

    /// Empty arrays and strings may have no storage, but a NULL pointer would bind SQL NULL, not
    /// an empty value; a static empty C string is a valid address that lives forever.
    private static let empty: StaticString = ""

    private static func nonNull(_ pointer: UnsafeRawPointer?) -> UnsafeRawPointer {
        pointer ?? UnsafeRawPointer(empty.utf8Start)
    }

    /// Binds an integer to parameter `index` (1-based).
    public func bind(_ value: Int64, at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds an integer to parameter `index` (1-based).
    public func bind(_ value: Int, at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_int64(handle, index, Int64(value)))
    }

    /// Binds a floating-point value to parameter `index` (1-based).
    public func bind(_ value: Double, at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_double(handle, index, value))
    }

    /// Binds text to parameter `index` (1-based); SQLite keeps its own copy.
    public func bind(_ value: String, at index: Int32) throws(SQLiteError) {
        // With an explicit length, not -1: a C string would end the text at its first NUL.
        var value = value
        let rc = value.withUTF8 { buffer -> Int32 in
            let base = Self.nonNull(UnsafeRawPointer(buffer.baseAddress))
            return sqlite3_bind_text(handle, index, base.assumingMemoryBound(to: CChar.self), Int32(buffer.count), Self.transient)
        }
        try check(rc)
    }

    /// Binds UTF-8 bytes as TEXT without going through `String`.
    public func bind(utf8 value: [UInt8], at index: Int32) throws(SQLiteError) {
        let rc = value.withUnsafeBytes { buffer -> Int32 in
            let base = Self.nonNull(buffer.baseAddress)
            return sqlite3_bind_text(handle, index, base.assumingMemoryBound(to: CChar.self), Int32(buffer.count), Self.transient)
        }
        try check(rc)
    }

    /// Binds bytes as a BLOB to parameter `index` (1-based); SQLite keeps its own copy.
    public func bind(blob value: [UInt8], at index: Int32) throws(SQLiteError) {
        let rc = value.withUnsafeBytes { buffer in
            sqlite3_bind_blob(handle, index, Self.nonNull(buffer.baseAddress), Int32(buffer.count), Self.transient)
        }
        try check(rc)
    }

    /// Binds SQL NULL to parameter `index` (1-based).
    public func bindNull(at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_null(handle, index))
    }

    /// Binds values to ?1, ?2, … in order.
    public func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .integer(let v): try bind(v, at: index)
            case .real(let v): try bind(v, at: index)
            case .text(let v): try bind(v, at: index)
            case .blob(let v): try bind(blob: v, at: index)
            case .null: try bindNull(at: index)
            }
        }
    }

    /// Advances; true when a row is available.
    @discardableResult
    public func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.explaining(SQLiteError(database: connection.handle, resultCode: rc, context: "running a statement"))
        }
    }

    /// Resets for another run and clears bindings.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// The number of columns in a result row.
    public var columnCount: Int32 { sqlite3_column_count(handle) }

    /// Column `column` (0-based) of the current row as an integer (NULL reads as 0).
    public func int64(at column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// Column `column` (0-based) of the current row as an integer (NULL reads as 0).
    public func int(at column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    /// Column `column` (0-based) of the current row as a double (NULL reads as 0).
    public func double(at column: Int32) -> Double { sqlite3_column_double(handle, column) }

    /// Whether column `column` (0-based) of the current row is NULL.
    public func isNull(at column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// Column `column` (0-based) of the current row as text (NULL reads as ""; invalid UTF-8
    /// becomes U+FFFD).
    public func text(at column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// Column `column` (0-based) of the current row as bytes (NULL reads as []).
    public func blob(at column: Int32) -> [UInt8] {
        guard let pointer = sqlite3_column_blob(handle, column) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, column))
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Column `column` (0-based) of the current row as bytes lent to `body`, without a copy: the
    /// bytes are SQLite's and valid only inside `body` (NULL lends an empty buffer). For readers
    /// of large numbers of records, such as FTS5's pages.
    package func withBlob<R>(at column: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let pointer = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : count))
    }

    /// Runs the statement's next step and leaves it ready to run again with new bindings, for a
    /// statement run once per lookup: true when it produced a row, which stays readable until the
    /// next call.
    package func stepOnce(binding value: Int64) throws(SQLiteError) -> Bool {
        sqlite3_reset(handle)
        try check(sqlite3_bind_int64(handle, 1, value))
        return try step()
    }

    private func check(_ rc: Int32) throws(SQLiteError) {
        guard rc == SQLITE_OK else {
            throw SQLiteError(database: connection.handle, resultCode: rc, context: "binding a value")
        }
    }
}
