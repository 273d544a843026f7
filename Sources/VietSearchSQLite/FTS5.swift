import CSQLite

/// Access to a connection's FTS5 extension API.
enum FTS5 {
    /// The type name SQLite compares with strcmp during `step`; a StaticString so the pointer
    /// outlives the call (a Swift string argument would not).
    private static let pointerType: StaticString = "fts5_api_ptr"

    /// The `fts5_api` of `db`, through `SELECT fts5(?1)` as the FTS5 documentation prescribes.
    static func api(_ db: OpaquePointer) throws(SQLiteError) -> UnsafeMutablePointer<fts5_api> {
        var statement: OpaquePointer?
        var rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw SQLiteError(
                resultCode: rc, extendedCode: rc, message: "this SQLite has no FTS5",
                context: "finding FTS5 (install an SQLite built with FTS5, such as Debian's libsqlite3)")
        }
        defer { sqlite3_finalize(statement) }
        var api: UnsafeMutablePointer<fts5_api>?
        rc = withUnsafeMutablePointer(to: &api) { slot in
            sqlite3_bind_pointer(
                statement, 1, UnsafeMutableRawPointer(slot),
                UnsafeRawPointer(pointerType.utf8Start).assumingMemoryBound(to: CChar.self), nil)
        }
        guard rc == SQLITE_OK else { throw SQLiteError(database: db, resultCode: rc, context: "finding FTS5") }
        rc = sqlite3_step(statement)
        guard rc == SQLITE_ROW || rc == SQLITE_DONE else {
            throw SQLiteError(database: db, resultCode: rc, context: "finding FTS5")
        }
        // A fts5() that is not FTS5's would run without filling the pointer in.
        guard let api else {
            throw SQLiteError(resultCode: SQLITE_ERROR, message: "fts5() returned no API pointer", context: "finding FTS5")
        }
        return api
    }
}

extension SQLiteConnection {
    /// Registers the `vietnamese` FTS5 tokenizer on this connection (see
    /// `VietnameseTokenizerOptions` for its arguments). Needed once per connection, before any
    /// table using it is read or written.
    public func registerVietnameseTokenizer() throws(SQLiteError) {
        let rc = VietSearchSQLite.registerVietnameseTokenizer(fts5: try FTS5.api(handle), registration: tokenizers)
        guard rc == SQLITE_OK else { throw SQLiteError(database: handle, resultCode: rc, context: "registering the vietnamese tokenizer") }
    }
}

/// Registers the `vietnamese` FTS5 tokenizer on a raw `sqlite3*` handle, for applications with
/// their own SQLite wrapper (GRDB: `db.sqliteConnection`). Returns an SQLite result code.
public func registerVietnameseTokenizer(sqliteHandle db: OpaquePointer) -> Int32 {
    guard let api = try? FTS5.api(db) else { return SQLITE_ERROR }
    return registerVietnameseTokenizer(fts5: api)
}
