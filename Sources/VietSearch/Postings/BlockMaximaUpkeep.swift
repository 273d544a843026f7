import VietSearchSQLite

/// Keeps the stored block maxima current through a write transaction (`IndexWriter`): when they
/// were current at its start, every row it wrote raises its blocks' values (`BlockMaximaBuilder.raise`),
/// and the records they describe are the ones the transaction leaves. A removed or rewritten row
/// keeps what it gave its block: a value above every row's only costs the bound its tightness.
struct BlockMaximaUpkeep {
    let connection: SQLiteConnection
    private var written: [Int64] = []
    private var changed = false

    /// Upkeep for a transaction that has not written yet; nil when the maxima are not current.
    static func start(_ connection: SQLiteConnection) throws -> BlockMaximaUpkeep? {
        guard try BlockMaxima.areCurrent(connection) else { return nil }
        return BlockMaximaUpkeep(connection: connection)
    }

    private init(connection: SQLiteConnection) { self.connection = connection }

    /// The row was written to the full-text index (inserted, or its text replaced).
    mutating func wrote(_ row: Int64) {
        written.append(row)
        changed = true
    }

    /// A row was taken out of the full-text index.
    mutating func removed() { changed = true }

    /// Call after the transaction's last change to the full-text index.
    func finish() throws {
        guard changed else { return }
        // FTS5 holds the transaction's writes in memory until a savepoint: this writes them out.
        try connection.execute("SAVEPOINT block_maxima_upkeep; RELEASE block_maxima_upkeep")
        let rows = Array(Set(written)).sorted()
        if !rows.isEmpty {
            let records = try FTS5Records(connection: connection, table: "documents_fts")
            let layout = try records.layout()
            var syllables: [[UInt8]] = []
            let statement = try connection.prepare("SELECT syllable FROM block_maxima ORDER BY syllable")
            while try statement.step() { syllables.append(Array(statement.text(at: 0).utf8)) }
            try BlockMaximaBuilder(connection: connection).raise(syllables: syllables, rows: rows, records: records, layout: layout, lengths: [])
        }
        try BlockMaxima.recordState(connection)
    }
}
