import VietSearchSQLite

/// Writes to an index inside one transaction (`SearchIndex.write`). Statements are prepared once
/// per transaction and reused for every document.
public final class IndexWriter {
    let index: SearchIndex
    private let findStatement: SQLiteStatement
    private let insertStatement: SQLiteStatement
    private let updateStatement: SQLiteStatement
    private let deleteStatement: SQLiteStatement
    private let touchStatement: SQLiteStatement
    private let ftsInsertStatement: SQLiteStatement
    private let ftsDeleteStatement: SQLiteStatement

    init(index: SearchIndex) throws {
        self.index = index
        let db = index.connection
        findStatement = try db.prepare("SELECT id, title, body FROM documents WHERE path = ?1")
        insertStatement = try db.prepare(
            """
            INSERT INTO documents(path, title, body, size, mtime_ns, hash, encoding, format, indexed_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, unixepoch())
            """)
        updateStatement = try db.prepare(
            """
            UPDATE documents SET title = ?2, body = ?3, size = ?4, mtime_ns = ?5, hash = ?6, encoding = ?7, format = ?8,
                indexed_at = unixepoch()
            WHERE id = ?1
            """)
        deleteStatement = try db.prepare("DELETE FROM documents WHERE id = ?1")
        touchStatement = try db.prepare("UPDATE documents SET size = ?2, mtime_ns = ?3 WHERE path = ?1")
        ftsInsertStatement = try db.prepare("INSERT INTO documents_fts(rowid, title, body) VALUES (?1, ?2, ?3)")
        // External content: FTS5 must be told the old text to remove its terms.
        ftsDeleteStatement = try db.prepare(
            "INSERT INTO documents_fts(documents_fts, rowid, title, body) VALUES ('delete', ?1, ?2, ?3)")
    }

    private func existing(_ path: String) throws -> (id: Int64, title: String, body: String)? {
        findStatement.reset()
        try findStatement.bind([.text(path)])
        guard try findStatement.step() else { return nil }
        return (findStatement.int64(at: 0), findStatement.text(at: 1), findStatement.text(at: 2))
    }

    private func run(_ statement: SQLiteStatement, _ values: [SQLiteValue]) throws {
        statement.reset()
        try statement.bind(values)
        try statement.step()
    }

    /// Adds the document, or replaces the one with the same path.
    public func upsert(_ document: IndexedDocument) throws {
        try upsert(document, mayExist: true)
    }

    /// `mayExist: false` (the caller knows the path is new) skips looking for an old version:
    /// one query less per new document on the insert path.
    func upsert(_ document: IndexedDocument, mayExist: Bool) throws {
        let fields: [SQLiteValue] = [
            .text(document.title), .text(document.body), .integer(document.size), .integer(document.modificationTime),
            .text(document.hash), .text(document.encoding), .text(document.format),
        ]
        let id: Int64
        if mayExist, let old = try existing(document.path) {
            id = old.id
            try run(ftsDeleteStatement, [.integer(id), .text(old.title), .text(old.body)])
            try run(updateStatement, [.integer(id)] + fields)
        } else {
            try run(insertStatement, [.text(document.path)] + fields)
            id = index.connection.lastInsertRowID
        }
        try run(ftsInsertStatement, [.integer(id), .text(document.title), .text(document.body)])
    }

    /// Removes the document at `path`, if indexed.
    public func remove(path: String) throws {
        guard let old = try existing(path) else { return }
        try run(ftsDeleteStatement, [.integer(old.id), .text(old.title), .text(old.body)])
        try run(deleteStatement, [.integer(old.id)])
    }

    /// Records a new size and modification time for a file whose content did not change.
    public func touch(path: String, size: Int64, modificationTime: Int64) throws {
        try run(touchStatement, [.text(path), .integer(size), .integer(modificationTime)])
    }

    /// Recomputes the statistics the query planner uses; call once after a run that changed
    /// documents.
    public func refreshTermStatistics() throws {
        try index.connection.execute(IndexSchema.refreshTermStatistics)
        try index.connection.execute("DELETE FROM vietsearch_meta WHERE key = 'term_stats_stale'")
    }

    /// Says the statistics no longer describe the documents (committed with the first change of a
    /// run), so searches do not plan with them until `refreshTermStatistics`: a word's new accent
    /// form would otherwise be missing from its expansion.
    public func markStatisticsStale() throws {
        try index.setMeta("term_stats_stale", "1")
    }

    /// Records when indexing last finished.
    public func markIndexed(at time: Int64) throws {
        try index.setMeta("last_indexed_at", String(time))
    }
}
