import VietSearchSQLite

/// Writes the stored block maxima (`BlockMaxima`) from the full-text index itself: each covered
/// syllable's terms (`dang:`, `dang:đảng`…) are walked through `FTS5Records`, their matches
/// summed per row (title tokens weighted), and each row's ratio to its length normalization
/// raises its block's value. `optimize` builds them for every row (`rebuild`); a library write
/// raises them for the rows it wrote (`raise`: a row rewritten keeps what its old text gave its
/// block, which is still an upper bound).
struct BlockMaximaBuilder {
    let connection: SQLiteConnection
    /// Rows per block, as a power of two, for `rebuild` (tests make them small).
    var blockShift = BlockMaxima.blockShift

    /// Replaces the maxima with those of `syllables` over every row; call inside a write
    /// transaction, after the last change to the full-text index. Returns the syllables stored.
    func rebuild(syllables: [[UInt8]], lengths: [Int32]) throws -> Int {
        try connection.execute("DROP TABLE IF EXISTS block_maxima; DROP TABLE IF EXISTS block_maxima_state;")
        try BlockMaxima.createTables(connection)
        let records = try FTS5Records(connection: connection, table: "documents_fts")
        defer { records.close() }
        let layout = try records.layout()
        let plan = VietnameseRankingPlan()
        let average = RankingFormula.averageLength(rows: layout.rowCount, tokens: layout.columnTokens.reduce(0, +))
        let insert = try connection.prepare(
            "INSERT INTO block_maxima_state(block_rows, average, b, title_weight) VALUES (?1, ?2, ?3, ?4)")
        try insert.bind(1 << blockShift, at: 1)
        try insert.bind(average, at: 2)
        try insert.bind(plan.b, at: 3)
        try insert.bind(plan.titleWeight, at: 4)
        try insert.step()
        let stored = try raise(syllables: syllables, rows: nil, records: records, layout: layout, lengths: lengths)
        try BlockMaxima.recordState(connection)
        return stored
    }

    /// Raises the maxima of `syllables` with what `rows` (ascending; nil: every row) hold now,
    /// weighed as the state row says. Returns the syllables whose maxima were written.
    @discardableResult
    func raise(syllables: [[UInt8]], rows: [Int64]?, records: FTS5Records, layout: FTS5Layout, lengths: [Int32]) throws -> Int {
        let state = try connection.prepare("SELECT average, b, title_weight, block_rows FROM block_maxima_state")
        guard try state.step(), let shift = BlockMaxima.shift(blockRows: state.int64(at: 3)) else { return 0 }
        let (average, b, titleWeight) = (state.double(at: 0), state.double(at: 1), state.double(at: 2))
        let sizes = try connection.prepare("SELECT sz FROM documents_fts_docsize WHERE id = ?1")
        func normalization(_ row: Int64) throws -> Double {
            var length: Int32 = -1
            if row >= 0, row < Int64(lengths.count) { length = lengths[Int(row)] }
            if length < 0 {
                sizes.reset()
                try sizes.bind(row, at: 1)
                // A row without sizes: the shortest length bounds every ratio.
                length = try sizes.step() ? Int32(clamping: sizes.withBlob(at: 0) { DocumentLengths.sum(ofVarints: $0) }) : 0
            }
            return 1 - b + b * Double(length) / average
        }
        let select = try connection.prepare("SELECT maxima FROM block_maxima WHERE syllable = ?1")
        let write = try connection.prepare("INSERT OR REPLACE INTO block_maxima(syllable, maxima) VALUES (?1, ?2)")
        // Every row: counts by row in an array (a dictionary of every row costs several times more).
        var counts = RowCounts(rows: rows == nil ? Int(try connection.scalarInt("SELECT coalesce(max(id), 0) + 1 FROM documents") ?? 0) : 0)
        var written = 0
        for syllable in syllables {
            for (postings, _) in try PairPostingsBuilder.terms(of: [syllable], records: records, layout: layout) {
                try Self.addCounts(of: postings, rows: rows, titleWeight: titleWeight, to: &counts)
            }
            guard !counts.isEmpty || rows == nil else { continue }
            select.reset()
            try select.bind(utf8: syllable, at: 1)
            var maxima = try select.step() ? select.withBlob(at: 0) { BlockMaxima.decode($0) } : []
            for (row, count) in counts.drain() {
                let block = Int(row >> shift)
                if block >= maxima.count { maxima += [Float](repeating: 0, count: block + 1 - maxima.count) }
                maxima[block] = max(maxima[block], BlockMaxima.roundedUp(count / (try normalization(row))))
            }
            write.reset()
            try write.bind(utf8: syllable, at: 1)
            try write.bind(blob: BlockMaxima.encode(maxima), at: 2)
            try write.step()
            written += 1
        }
        return written
    }

    /// Adds the term's matches at `rows` (ascending; nil: every row) to `counts`, a title token
    /// counting `titleWeight`.
    static func addCounts(of postings: TermPostings, rows: [Int64]?, titleWeight: Double, to counts: inout RowCounts) throws {
        var next = 0
        if let rows {
            guard let first = rows.first else { return }
            try postings.seek(to: first)
        }
        while !postings.atEnd {
            if let rows {
                while next < rows.count, rows[next] < postings.rowid { next += 1 }
                guard next < rows.count else { return }
                if rows[next] != postings.rowid {
                    try postings.seek(to: rows[next])
                    continue
                }
            }
            let count = try postings.withPositions { list in
                var title = 0
                var body = 0
                FTS5Page.forEachPosition(list.baseAddress!, list.count) { column, _ in
                    if column == 0 { title += 1 } else { body += 1 }
                }
                return Double(title) * titleWeight + Double(body)
            }
            counts.add(count, at: postings.rowid)
            try postings.next()
        }
    }

    /// Matches summed by row: in an array for rows below its size, in a dictionary above.
    struct RowCounts {
        private var dense: [Double]
        private var touched: [Int] = []
        private var sparse: [Int64: Double] = [:]

        init(rows: Int) { dense = [Double](repeating: 0, count: max(rows, 0)) }

        var isEmpty: Bool { touched.isEmpty && sparse.isEmpty }

        @inline(__always)
        mutating func add(_ count: Double, at row: Int64) {
            if row >= 0, row < Int64(dense.count) {
                if dense[Int(row)] == 0 { touched.append(Int(row)) }
                dense[Int(row)] += count
            } else {
                sparse[row, default: 0] += count
            }
        }

        /// The rows counted and their sums; empties the counts.
        mutating func drain() -> [(row: Int64, count: Double)] {
            var all = touched.map { (Int64($0), dense[$0]) } + sparse.map { ($0.key, $0.value) }
            for row in touched { dense[row] = 0 }
            touched.removeAll(keepingCapacity: true)
            sparse.removeAll()
            all.sort { $0.0 < $1.0 }
            return all.map { (row: $0.0, count: $0.1) }
        }
    }
}
