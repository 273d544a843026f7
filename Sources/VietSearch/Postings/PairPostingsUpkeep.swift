import VietSearchSQLite

/// Keeps the stored pair postings current through a write transaction (`IndexWriter`): when they
/// were current at its start, the pairs of every row it wrote are stored too, and the records
/// they describe are the ones the transaction leaves. Rows above every row the pairs held
/// (`rows_upto`: new files) get chunks as `optimize` writes them, read from the index in
/// batches; rows within (rewritten files) go to `pair_postings_added`, one entry a pair. Rows it
/// removed or rewrote keep their old entries: a row in a pair's rows without the pair only costs
/// the bound its tightness, never its safety. Once more rows than `limit` were rewritten since
/// `optimize`, the pairs are given up instead (they go unread until the next `optimize`): each
/// such row adds ~370 entries of ~20 bytes, where chunks take ~1.4.
struct PairPostingsUpkeep {
    /// Rows that may be rewritten between two `optimize`s, the pairs kept: a thirty-second of the
    /// index, and 64.
    static func limit(rows: Int64) -> Int { 64 + Int(rows / 32) }

    let connection: SQLiteConnection

    /// Upkeep for a transaction that has not written yet; nil when the pairs are not current (or
    /// their state lacks `rows_upto`, as the first layout did: a write then leaves them unread).
    static func start(_ connection: SQLiteConnection) throws -> PairPostingsUpkeep? {
        guard try PairPostings.areCurrent(connection),
            try connection.scalarInt("SELECT count(*) FROM pragma_table_info('pair_postings_state') WHERE name = 'rows_upto'") == 1
        else { return nil }
        return PairPostingsUpkeep(connection: connection)
    }

    private init(connection: SQLiteConnection) { self.connection = connection }

    /// Call after the transaction's last change to the full-text index, once FTS5 has written
    /// out what it holds (`IndexWriter.finish`), with the rows written (inserted, or their text
    /// replaced), ascending, each once.
    func finish(written: [Int64]) throws {
        let records = try FTS5Records(connection: connection, table: "documents_fts")
        defer { records.close() }
        let layout = try records.layout()
        let upto = try connection.scalarInt("SELECT rows_upto FROM pair_postings_state") ?? 0
        let rewritten = written.filter { $0 <= upto }
        let before = try connection.scalarInt("SELECT added_rows FROM pair_postings_state") ?? 0
        guard Int(before) + rewritten.count <= Self.limit(rows: layout.rowCount) else {
            try connection.execute("DELETE FROM pair_postings_state; DELETE FROM pair_postings_added;")
            return
        }
        let syllables = try coveredSyllables()
        if !rewritten.isEmpty { try add(rewritten, syllables: syllables, records: records, layout: layout) }
        if written.contains(where: { $0 > upto }) {
            // New rows: every row above `upto` was written since, so the chunks start above every
            // chunk there is.
            let lengths = DocumentLengths()
            try lengths.load(from: connection, table: "documents_fts")
            let lists = try PairPostingsBuilder.pairs(
                of: syllables, from: upto + 1, records: records, layout: layout, lengths: lengths.lengths, chunkBytes: PairLists.chunkBytes)
            _ = try PairPostingsBuilder.write(lists, syllables: syllables, connection)
        }
        try connection.execute(
            """
            UPDATE pair_postings_state SET added_rows = added_rows + \(rewritten.count),
                rows_upto = max(rows_upto, (SELECT coalesce(max(id), 0) FROM documents))
            """)
        try PairPostings.recordState(connection)
    }

    private func coveredSyllables() throws -> [[UInt8]] {
        var syllables: [[UInt8]] = []
        let statement = try connection.prepare("SELECT syllable FROM pair_postings_syllables ORDER BY syllable")
        while try statement.step() { syllables.append(Array(statement.text(at: 0).utf8)) }
        return syllables
    }

    /// Adds the pairs of covered syllables the rows hold to `pair_postings_added`.
    private func add(_ rows: [Int64], syllables: [[UInt8]], records: FTS5Records, layout: FTS5Layout) throws {
        let columns = max(layout.columnTokens.count, 1)
        var places: [UInt64] = []
        for (postings, syllable) in try PairPostingsBuilder.terms(of: syllables, records: records, layout: layout) {
            for (number, row) in rows.enumerated() {
                try postings.seek(to: row)
                if postings.atEnd { break }
                guard postings.rowid == row else { continue }
                try PairPostingsBuilder.addPositions(of: postings, row: number, syllable: syllable, columns: columns, to: &places)
            }
        }
        var lists = PairLists(syllables: syllables.count, chunkBytes: .max)
        lists.add(places: &places, columns: columns) { rows[$0] }
        let insert = try connection.prepare("INSERT OR IGNORE INTO pair_postings_added(pair, row) VALUES (?1, ?2)")
        for (key, list) in lists.all {
            let pair = PairPostings.name(key, syllables: syllables)
            for chunk in list.chunks {
                var added: [Int64] = []
                chunk.bytes.withUnsafeBytes { PairPostings.decode($0, from: chunk.first, into: &added) }
                for row in added {
                    insert.reset()
                    try insert.bind(utf8: pair, at: 1)
                    try insert.bind(row, at: 2)
                    try insert.step()
                }
            }
        }
    }
}
