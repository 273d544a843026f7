import VietSearchSQLite

/// Writes to an index inside one transaction (`SearchIndex.write`). Statements are prepared once
/// per transaction and reused for every document.
public final class IndexWriter {
    let index: SearchIndex
    private let upsertStatement: SQLiteStatement
    private let deleteStatement: SQLiteStatement
    private let touchStatement: SQLiteStatement

    init(index: SearchIndex) throws {
        self.index = index
        upsertStatement = try index.connection.prepare(
            """
            INSERT INTO documents(path, title, body, size, mtime_ns, hash, encoding, format, indexed_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, unixepoch())
            ON CONFLICT(path) DO UPDATE SET title = excluded.title, body = excluded.body, size = excluded.size,
                mtime_ns = excluded.mtime_ns, hash = excluded.hash, encoding = excluded.encoding,
                format = excluded.format, indexed_at = excluded.indexed_at
            """)
        deleteStatement = try index.connection.prepare("DELETE FROM documents WHERE path = ?1")
        touchStatement = try index.connection.prepare("UPDATE documents SET size = ?2, mtime_ns = ?3 WHERE path = ?1")
    }

    /// Adds the document, or replaces the one with the same path.
    public func upsert(_ document: IndexedDocument) throws {
        let statement = upsertStatement
        statement.reset()
        try statement.bind([
            .text(document.path), .text(document.title), .text(document.body), .integer(document.size),
            .integer(document.modificationTime), .text(document.hash), .text(document.encoding), .text(document.format),
        ])
        try statement.step()
    }

    /// Removes the document at `path`, if indexed.
    public func remove(path: String) throws {
        let statement = deleteStatement
        statement.reset()
        try statement.bind([.text(path)])
        try statement.step()
    }

    /// Records a new size and modification time for a file whose content did not change.
    public func touch(path: String, size: Int64, modificationTime: Int64) throws {
        touchStatement.reset()
        try touchStatement.bind([.text(path), .integer(size), .integer(modificationTime)])
        try touchStatement.step()
    }

    /// Records when indexing last finished.
    public func markIndexed(at time: Int64) throws {
        try index.setMeta("last_indexed_at", String(time))
    }
}
