import VietSearchSQLite

/// Token counts of an FTS5 table's rows (all columns together), held in memory for
/// `vietsearch_rank`: asking FTS5 (`xColumnSize`) costs a `%_docsize` lookup per scored row, a
/// measurable share of a question's time when it scores hundreds of candidates.
///
/// The owner loads it (`load(from:)`) and calls `invalidate()` when rows may have changed; the
/// function falls back to `xColumnSize` for rows it does not hold, so a row added after the load
/// is still scored right.
package final class DocumentLengths {
    /// Per rowid, its token count; -1 for rowids without a row when loaded.
    package private(set) var lengths: [Int32] = []
    /// Whether `lengths` reflects the table (false until loaded, and after `invalidate()`).
    package private(set) var isLoaded = false

    /// `PRAGMA data_version` when loaded: it changes when another connection commits.
    private var dataVersion: Int64?

    package init() {}

    /// Forgets the lengths; call after writing through the connection that reads them (its own
    /// commits do not change its `data_version`).
    package func invalidate() {
        isLoaded = false
        lengths = []
        dataVersion = nil
    }

    /// Loads the lengths unless they are loaded and no other connection has committed since.
    package func refresh(from connection: SQLiteConnection, table: String) throws(SQLiteError) {
        let version = try connection.scalarInt("PRAGMA data_version")
        guard !isLoaded || version != dataVersion else { return }
        try load(from: connection, table: table)
        dataVersion = version
    }

    /// Reads every row's size from `<table>_docsize` (FTS5's shadow table: per row, one varint
    /// per column), or for the index's own table, from the lengths stored with it when they are
    /// current (`StoredRowLengths`). Rowids far sparser than the rows (more than 4 × as many
    /// slots) are not held: the array would be mostly empty.
    package func load(from connection: SQLiteConnection, table: String) throws(SQLiteError) {
        invalidate()
        if table == "documents_fts", let stored = Self.stored(connection) {
            lengths = stored
            isLoaded = true
            return
        }
        let shadow = "\"\(table.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\""))_docsize\""
        guard let highest = try connection.scalarInt("SELECT max(id) FROM \(shadow)"), highest >= 0,
            let rows = try connection.scalarInt("SELECT count(*) FROM \(shadow)"),
            highest < 4 * rows + 1024
        else {
            isLoaded = true
            return
        }
        var loaded = [Int32](repeating: -1, count: Int(highest) + 1)
        let statement = try connection.prepare("SELECT id, sz FROM \(shadow)")
        while try statement.step() {
            let id = statement.int(at: 0)
            guard id >= 0, id < loaded.count else { continue }
            // Read in place: an array per row (274k at 1 GB) cost more than decoding it.
            loaded[id] = Int32(clamping: statement.withBlob(at: 1) { Self.sum(ofVarints: $0) })
        }
        lengths = loaded
        isLoaded = true
    }

    /// The stored lengths, when current and consistent with FTS5's averages record; nil on any
    /// doubt (then the shadow table is read). Read in one transaction (the caller's, if open):
    /// the records, the state and the blocks of one snapshot.
    private static func stored(_ connection: SQLiteConnection) -> [Int32]? {
        let ownTransaction = !connection.isInTransaction
        if ownTransaction {
            guard (try? connection.execute("BEGIN")) != nil else { return nil }
        }
        defer { if ownTransaction { try? connection.execute("COMMIT") } }
        guard let records = try? FTS5Records(connection: connection, table: "documents_fts") else { return nil }
        defer { records.close() }  // before the COMMIT
        guard let layout = try? records.layout() else { return nil }
        return (try? StoredRowLengths.load(connection, rows: layout.rowCount, tokens: layout.columnTokens.reduce(0, +))) ?? nil
    }

    /// Sum of the varints in `bytes`, lent by SQLite (see `SQLiteVarint`); a varint cut short is
    /// left out.
    static func sum(ofVarints bytes: UnsafeRawBufferPointer) -> Int64 {
        var total: Int64 = 0
        var position = 0
        while let value = SQLiteVarint.read(bytes, at: &position) {
            total &+= Int64(bitPattern: value)
        }
        return total
    }
}
