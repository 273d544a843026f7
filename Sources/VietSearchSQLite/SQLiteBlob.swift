import CSQLite

/// One TEXT or BLOB value opened for reading in pieces (`sqlite3_blob_open`): its size, and any
/// byte range of it, without loading the rest. A `SELECT` of the column, or `substr` on it, loads
/// the whole value first: hundreds of megabytes for one very large document.
///
/// Reads see the row as it was when opened; a handle whose row is changed or deleted by this
/// connection fails its next read with SQLITE_ABORT. Closed when released.
///
/// An open handle is an active statement: it holds the connection's read transaction open past
/// a `COMMIT`, so a handle must be released before the transaction it reads in ends.
package final class SQLiteBlob {
    let handle: OpaquePointer
    /// Kept so the connection outlives the handle.
    let connection: SQLiteConnection
    /// Bytes in the value.
    package private(set) var count: Int

    /// Opens column `column` of the row `rowid` of `table` (in the main database), read-only.
    package init(connection: SQLiteConnection, table: String, column: String, rowid: Int64) throws(SQLiteError) {
        var blob: OpaquePointer?
        let rc = sqlite3_blob_open(connection.handle, "main", table, column, rowid, 0, &blob)
        guard rc == SQLITE_OK, let blob else {
            let error = SQLiteError(database: connection.handle, resultCode: rc, context: "opening \(table).\(column) of row \(rowid)")
            sqlite3_blob_close(blob)
            throw error
        }
        handle = blob
        self.connection = connection
        count = Int(sqlite3_blob_bytes(blob))
    }

    /// Opens it as `init` does, or nil when SQLite answers SQLITE_ERROR: no row `rowid`, a value
    /// neither TEXT nor BLOB, or no such table or column (callers read tables they know exist).
    package static func ifPresent(connection: SQLiteConnection, table: String, column: String, rowid: Int64) throws(SQLiteError) -> SQLiteBlob? {
        do {
            return try SQLiteBlob(connection: connection, table: table, column: column, rowid: rowid)
        } catch where error.resultCode == SQLITE_ERROR {
            return nil
        }
    }

    deinit { sqlite3_blob_close(handle) }

    /// Moves the handle to row `rowid` of the same table and column (`sqlite3_blob_reopen`, which
    /// keeps its b-tree cursor: the next row is one step away); false when there is no such row
    /// (or its value is neither TEXT nor BLOB). A handle that failed is finished: SQLite
    /// finalizes its statement, and every later call fails with SQLITE_ABORT.
    package func move(to rowid: Int64) throws(SQLiteError) -> Bool {
        let rc = sqlite3_blob_reopen(handle, rowid)
        guard rc == SQLITE_OK else {
            count = 0
            if rc == SQLITE_ERROR { return false }
            throw SQLiteError(database: connection.handle, resultCode: rc, context: "moving to row \(rowid)")
        }
        count = Int(sqlite3_blob_bytes(handle))
        return true
    }

    /// Copies the whole value into `buffer`, which must hold at least `count` bytes: one copy, from
    /// SQLite's page cache (a `SELECT` of the value copies it once more).
    package func readAll(into buffer: UnsafeMutableRawBufferPointer) throws(SQLiteError) {
        precondition(buffer.count >= count, "a buffer smaller than the value")
        guard count > 0 else { return }
        let rc = sqlite3_blob_read(handle, buffer.baseAddress, Int32(count), 0)
        guard rc == SQLITE_OK else {
            throw SQLiteError(database: connection.handle, resultCode: rc, context: "reading a stored value")
        }
    }

    /// The bytes in `range`, clamped to the value.
    package func read(_ range: Range<Int>) throws(SQLiteError) -> [UInt8] {
        let lower = min(max(range.lowerBound, 0), count)
        let upper = min(max(range.upperBound, lower), count)
        guard upper > lower else { return [] }
        var rc = SQLITE_OK
        let bytes = [UInt8](unsafeUninitializedCapacity: upper - lower) { buffer, initialized in
            rc = sqlite3_blob_read(handle, buffer.baseAddress, Int32(upper - lower), Int32(lower))
            initialized = rc == SQLITE_OK ? upper - lower : 0
        }
        guard rc == SQLITE_OK else {
            throw SQLiteError(database: connection.handle, resultCode: rc, context: "reading a stored value")
        }
        return bytes
    }
}

extension SQLiteConnection {
    /// Opens one stored value for reading in pieces (see `SQLiteBlob`).
    package func openBlob(table: String, column: String, rowid: Int64) throws(SQLiteError) -> SQLiteBlob {
        try SQLiteBlob(connection: self, table: table, column: column, rowid: rowid)
    }
}
