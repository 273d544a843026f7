import VietSearchSQLite

/// What the structures stored beside FTS5 (the pairs, the block maxima, the row lengths) are
/// kept against: FTS5's structure record (segments, their pages, a write counter) and averages
/// record (rows, tokens per column), recorded in a state table's `structure` and `averages`
/// columns. A structure is read only while the index's records are the bytes recorded with it.
/// The structure record's first 4 bytes are left out: a cookie FTS5 changes with its settings
/// (`hashsize`, `automerge`), not with the content.
enum FTS5Snapshot {
    /// Records the index as it is now in `table` (one row). FTS5 holds a transaction's writes in
    /// memory until a savepoint or the commit: a savepoint writes them out first, so that the
    /// records are final.
    static func record(_ connection: SQLiteConnection, in table: String) throws {
        try connection.execute("SAVEPOINT fts5_snapshot; RELEASE fts5_snapshot")
        try connection.execute(
            """
            UPDATE \(table) SET structure = (SELECT block FROM documents_fts_data WHERE id = 10),
                averages = (SELECT block FROM documents_fts_data WHERE id = 1)
            """)
    }

    /// Whether `table` and `stored` (the structure kept with it) exist and the records in
    /// `table` are the index's now.
    static func matches(_ connection: SQLiteConnection, in table: String, keptWith stored: String) throws -> Bool {
        guard try connection.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name IN (?1, ?2)", [.text(table), .text(stored)]) == 2
        else { return false }
        return try matches(connection, in: table)
    }

    /// Whether the records in `table` are the index's now.
    static func matches(_ connection: SQLiteConnection, in table: String) throws -> Bool {
        try connection.scalarInt(
            """
            SELECT count(*) FROM \(table) s, documents_fts_data d, documents_fts_data a
            WHERE d.id = 10 AND a.id = 1 AND substr(d.block, 5) = substr(s.structure, 5) AND a.block = s.averages
            """) == 1
    }
}
