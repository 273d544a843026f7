import CSQLite

/// One TEXT or BLOB value opened for reading in pieces (`sqlite3_blob_open`): its size, and any
/// byte range of it, without loading the rest. A `SELECT` of the column, or `substr` on it, loads
/// the whole value first: hundreds of megabytes for one very large document.
///
/// Reads see the row as it was when opened; a handle whose row is changed or deleted by this
/// connection fails its next read with SQLITE_ABORT. Closed when released.
package final class SQLiteBlob {
    let handle: OpaquePointer
    /// Kept so the connection outlives the handle.
    let connection: SQLiteConnection
    /// Bytes in the value.
    package let count: Int

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

    deinit { sqlite3_blob_close(handle) }

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
