import VietSearchSQLite

/// Keeps the stored block maxima current through a write transaction (`IndexWriter`): when they
/// were current at its start, every row it wrote raises its blocks' values (`BlockMaximaBuilder.raise`),
/// and the records they describe are the ones the transaction leaves. A removed or rewritten row
/// keeps what it gave its block: a value above every row's only costs the bound its tightness.
struct BlockMaximaUpkeep {
    let connection: SQLiteConnection

    /// Upkeep for a transaction that has not written yet; nil when the maxima are not current.
    static func start(_ connection: SQLiteConnection) throws -> BlockMaximaUpkeep? {
        guard try BlockMaxima.areCurrent(connection) else { return nil }
        return BlockMaximaUpkeep(connection: connection)
    }

    private init(connection: SQLiteConnection) { self.connection = connection }

    /// Call after the transaction's last change to the full-text index, once FTS5 has written
    /// out what it holds (`IndexWriter.finish`), with the rows written (inserted, or their text
    /// replaced), ascending, each once.
    func finish(written rows: [Int64]) throws {
        if !rows.isEmpty {
            let records = try FTS5Records(connection: connection, table: "documents_fts")
            defer { records.close() }
            let layout = try records.layout()
            var syllables: [[UInt8]] = []
            let statement = try connection.prepare("SELECT syllable FROM block_maxima ORDER BY syllable")
            while try statement.step() { syllables.append(Array(statement.text(at: 0).utf8)) }
            try BlockMaximaBuilder(connection: connection).raise(syllables: syllables, rows: rows, records: records, layout: layout, lengths: [])
        }
        try BlockMaxima.recordState(connection)
    }
}
