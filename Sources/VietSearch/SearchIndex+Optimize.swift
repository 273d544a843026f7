import Foundation
import VietSearchSQLite

extension SearchIndex {
    /// What `optimize()` did.
    public struct OptimizeReport: Sendable {
        /// FTS5 segments before and after (after: 1 unless the index is empty).
        public var segmentsBefore: Int
        public var segmentsAfter: Int
        public var seconds: Double
        /// Stored pairs of adjacent common syllables written (`PairPostingsBuilder`), their
        /// (pair, document) entries, and the seconds that took (part of `seconds`).
        public var pairs = 0
        public var pairEntries = 0
        public var pairSeconds = 0.0
        /// Syllables whose block maxima were stored (`BlockMaximaBuilder`), and the seconds that
        /// took (part of `seconds`).
        public var blockMaximaSyllables = 0
        public var blockMaximaSeconds = 0.0
    }

    /// Merges the full-text index into one segment (FTS5 `optimize`). Each search walks every
    /// segment's part of a term's doclist, so fewer segments make queries faster (docs/ENGINE.md,
    /// "Query latency"). It rewrites the whole full-text index, which is why indexing does not
    /// do it every run, and writes its rows again in order (`packFullTextRows`). Then it writes
    /// the postings of pairs of common syllables the ranker bounds adjacency with
    /// (`PairPostingsBuilder`), which later library writes keep up (`PairPostingsUpkeep`), and the
    /// common syllables' block maxima (`BlockMaximaBuilder`, kept up by `BlockMaximaUpkeep`). One
    /// transaction each: an interruption changes nothing. Takes the indexer lock, so it never
    /// runs alongside an indexer.
    public func optimize() throws(VietSearchError) -> OptimizeReport {
        let lock = try IndexerLock(indexPath: path)
        defer { lock.release() }
        return try wrapping {
            let start = Date()
            let before = try segmentCount()
            try connection.transaction { try connection.execute("INSERT INTO documents_fts(documents_fts) VALUES('optimize')") }
            try connection.transaction { try packFullTextRows() }
            let pairsStart = Date()
            let lengths = DocumentLengths()
            try lengths.load(from: connection, table: "documents_fts")
            try connection.transaction { try StoredRowLengths.rebuild(connection, lengths: lengths.lengths) }
            let pairs = try connection.transaction { try PairPostingsBuilder(connection: connection).rebuild(lengths: lengths.lengths) }
            let pairSeconds = Date().timeIntervalSince(pairsStart)
            let maximaStart = Date()
            let maxima = try connection.transaction {
                var syllables: [[UInt8]] = []
                let statement = try connection.prepare("SELECT syllable FROM pair_postings_syllables ORDER BY syllable")
                while try statement.step() { syllables.append(Array(statement.text(at: 0).utf8)) }
                return try BlockMaximaBuilder(connection: connection).rebuild(syllables: syllables, lengths: lengths.lengths)
            }
            let maximaSeconds = Date().timeIntervalSince(maximaStart)
            // The rewrite went to the WAL: fold it into the file now, not at some later search.
            try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            var report = OptimizeReport(segmentsBefore: before, segmentsAfter: try segmentCount(), seconds: Date().timeIntervalSince(start))
            report.pairs = pairs.pairs
            report.pairEntries = pairs.entries
            report.pairSeconds = pairSeconds
            report.blockMaximaSyllables = maxima
            report.blockMaximaSeconds = maximaSeconds
            return report
        }
    }

    /// Writes FTS5's rows again, the same rows in rowid order, so that SQLite appends them and
    /// fills their pages. As FTS5 leaves them, 64 KiB pages hold one leaf fewer than they could:
    /// 7 % of the table (docs/ENGINE.md, "Page size: 64 KiB"). The freed pages are reused by the
    /// pairs written next. The rows' bytes do not change, so neither does anything FTS5 or the
    /// stored pairs read.
    ///
    /// Run inside a transaction: one that fails takes the temporary copy with it.
    func packFullTextRows() throws {
        try connection.execute("CREATE TEMP TABLE vietsearch_fts_rows AS SELECT id, block FROM documents_fts_data ORDER BY id")
        try connection.execute("DELETE FROM documents_fts_data")
        try connection.execute("INSERT INTO documents_fts_data(id, block) SELECT id, block FROM temp.vietsearch_fts_rows ORDER BY id")
        try connection.execute("DROP TABLE temp.vietsearch_fts_rows")
    }

    /// Whether searches read stored syllable pairs: `optimize` stored them and every change
    /// since kept them up (docs/ENGINE.md, "Stored pair postings").
    public func storedPairsAreCurrent() throws(VietSearchError) -> Bool {
        try wrapping { try PairPostings.areCurrent(connection) }
    }

    /// Segments of the FTS5 index, from its structure record (`%_data` row 10): a 4-byte
    /// cookie (newer SQLite may follow it with the marker FF FF FF FF), then SQLite varints:
    /// levels, segments, … Informational: 0 when the record cannot be read.
    func segmentCount() throws -> Int {
        let statement = try connection.prepare("SELECT block FROM documents_fts_data WHERE id = 10")
        guard try statement.step() else { return 0 }
        let block = statement.blob(at: 0)
        var offset = block.count >= 8 && block[4..<8].allSatisfy({ $0 == 0xff }) ? 8 : 4
        _ = SQLiteVarint.read(block, at: &offset)  // levels
        return SQLiteVarint.read(block, at: &offset).map { Int(truncatingIfNeeded: $0) } ?? 0
    }
}
