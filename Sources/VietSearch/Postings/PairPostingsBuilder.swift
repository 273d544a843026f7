import VietSearchSQLite

/// Writes the stored pair postings (`PairPostings`) from the full-text index itself: for every
/// two folded syllables that are each in at least `share` of the documents (by `term_stats`),
/// the rows where one directly follows the other in a column, as the ranker counts adjacency.
/// They are read only while the index is as they describe: FTS5's structure and averages records
/// are stored with them (`PairPostings.areCurrent`); writes through `IndexWriter` keep them so
/// (`PairPostingsUpkeep`), any other write leaves them unread until the next build.
struct PairPostingsBuilder {
    /// What a build wrote.
    struct Report {
        var syllables = 0
        var pairs = 0
        var entries = 0
        var bytes = 0
    }

    /// The share of documents a syllable needs to be covered. Pairs of rarer syllables gain
    /// little: their words' own postings are short (docs/ENGINE.md, "Stored pair postings").
    static let share = 0.1
    /// Positions decoded per batch of rows, at most (8 bytes each), for rows of ordinary length.
    static let batchPositions = 4 << 20

    let connection: SQLiteConnection
    /// A chunk's bytes, at most about (`PairLists.chunkBytes`; tests make them tiny).
    var chunkBytes = PairLists.chunkBytes

    /// Replaces the stored pairs; call inside a write transaction, after the last change to the
    /// full-text index.
    func rebuild(lengths: [Int32]) throws -> Report {
        // Made anew, so that their layout is this version's.
        try connection.execute(
            """
            DROP TABLE IF EXISTS pair_postings_state; DROP TABLE IF EXISTS pair_postings; DROP TABLE IF EXISTS pair_postings_syllables;
            DROP TABLE IF EXISTS pair_postings_added;
            """)
        try PairPostings.createTables(connection)
        let records = try FTS5Records(connection: connection, table: "documents_fts")
        defer { records.close() }
        let layout = try records.layout()
        let syllables = try commonSyllables(documents: layout.rowCount)
        var report = Report(syllables: syllables.count)
        let insertSyllable = try connection.prepare("INSERT INTO pair_postings_syllables(syllable) VALUES (?1)")
        for syllable in syllables {
            insertSyllable.reset()
            try insertSyllable.bind(utf8: syllable, at: 1)
            try insertSyllable.step()
        }
        let lists = try Self.pairs(of: syllables, from: 0, records: records, layout: layout, lengths: lengths, chunkBytes: chunkBytes)
        let written = try Self.write(lists, syllables: syllables, connection)
        report.pairs = written.pairs
        report.entries = written.entries
        report.bytes = written.bytes
        try connection.execute(
            """
            INSERT INTO pair_postings_state(share, pairs, rows_upto)
            VALUES (\(Self.share), \(report.pairs), (SELECT coalesce(max(id), 0) FROM documents))
            """)
        try PairPostings.recordState(connection)
        return report
    }

    /// The pairs of the syllables in the rows from `from` on, read from the index in batches.
    static func pairs(
        of syllables: [[UInt8]], from: Int64, records: FTS5Records, layout: FTS5Layout, lengths: [Int32], chunkBytes: Int
    ) throws -> PairLists {
        let terms = try Self.terms(of: syllables, records: records, layout: layout)
        for (postings, _) in terms { try postings.seek(to: from) }
        var lists = PairLists(syllables: syllables.count, chunkBytes: chunkBytes)
        let columns = max(layout.columnTokens.count, 1)
        // Batches start at the lowest row a term is on: gaps of rowids cost nothing.
        while let first = terms.lazy.filter({ !$0.postings.atEnd }).map(\.postings.rowid).min() {
            let end = Self.batchEnd(from: first, lengths: lengths)
            var places: [UInt64] = []
            for (postings, syllable) in terms {
                try postings.seek(to: first)
                while !postings.atEnd, postings.rowid < end {
                    try Self.addPositions(of: postings, row: Int(postings.rowid - first), syllable: syllable, columns: columns, to: &places)
                    try postings.next()
                }
            }
            lists.add(places: &places, columns: columns) { first + Int64($0) }
        }
        return lists
    }

    /// Stores the lists' chunks (`pair_postings`); returns the pairs, entries and bytes written.
    static func write(_ lists: PairLists, syllables: [[UInt8]], _ connection: SQLiteConnection) throws -> (pairs: Int, entries: Int, bytes: Int) {
        var written = (pairs: 0, entries: 0, bytes: 0)
        let insert = try connection.prepare("INSERT INTO pair_postings(pair, first, rows) VALUES (?1, ?2, ?3)")
        for (key, list) in lists.all {
            let pair = PairPostings.name(key, syllables: syllables)
            for chunk in list.chunks {
                insert.reset()
                try insert.bind(utf8: pair, at: 1)
                try insert.bind(chunk.first, at: 2)
                try insert.bind(blob: chunk.bytes, at: 3)
                try insert.step()
                written.bytes += chunk.bytes.count
            }
            written.pairs += 1
            written.entries += list.count
        }
        return written
    }

    /// Each covered syllable's terms (`dang:`, `dang:đảng`…), open at their first rows, with the
    /// syllable's number.
    static func terms(of syllables: [[UInt8]], records: FTS5Records, layout: FTS5Layout) throws -> [(postings: TermPostings, syllable: UInt32)] {
        var terms: [(postings: TermPostings, syllable: UInt32)] = []
        for (number, syllable) in syllables.enumerated() {
            let prefix = [FTS5Records.mainIndexPrefix] + syllable + [0x3A]
            for postings in try records.postings(ofTermsWithPrefix: prefix, in: layout) where !postings.atEnd {
                terms.append((postings, UInt32(number)))
            }
        }
        return terms
    }

    /// The term's positions at its current row, packed (`PairLists.packed`) as the batch's `row`.
    @inline(__always)
    static func addPositions(of postings: TermPostings, row: Int, syllable: UInt32, columns: Int, to places: inout [UInt64]) throws {
        try postings.withPositions { list in
            FTS5Page.forEachPosition(list.baseAddress!, list.count) { column, offset in
                places.append(PairLists.packed(row: row, place: offset * columns + column, syllable: syllable))
            }
        }
    }

    /// The folded syllables in at least `share` of the documents, in byte order (at most 2¹⁶).
    private func commonSyllables(documents: Int64) throws -> [[UInt8]] {
        let statement = try connection.prepare("SELECT folded FROM term_stats WHERE df >= ?1 AND folded <> '' ORDER BY folded LIMIT 65536")
        try statement.bind(Int64((Double(documents) * Self.share).rounded(.up)), at: 1)
        var syllables: [[UInt8]] = []
        while try statement.step() { syllables.append(Array(statement.text(at: 0).utf8)) }
        return syllables.filter { !$0.contains(0x20) && !$0.contains(0x3A) }
    }

    /// The end of the batch of rows from `first`: about `batchPositions` tokens by the rows'
    /// lengths, at least one row and at most `PairLists.batchRows` (all of them for rows the
    /// lengths do not hold).
    private static func batchEnd(from first: Int64, lengths: [Int32]) -> Int64 {
        let last = first + Int64(PairLists.batchRows)
        var row = first
        var tokens = 0
        while row < last, tokens < batchPositions {
            guard row >= 0, row < Int64(lengths.count) else { return last }
            tokens += Int(max(lengths[Int(row)], 0))
            row += 1
        }
        return max(row, first + 1)
    }
}
