import VietSearchSQLite

/// Writes the stored pair postings (`PairPostings`) from the full-text index itself: for every
/// two folded syllables that are each in at least `share` of the documents (by `term_stats`),
/// the rows where one directly follows the other in a column, as the ranker counts adjacency.
/// They are kept only while the index is exactly as they were built from: the FTS5 structure
/// record at the build is stored with them, and any later write changes it (`PairPostings`).
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
        try PairPostings.createTables(connection)
        try connection.execute("DELETE FROM pair_postings; DELETE FROM pair_postings_syllables; DELETE FROM pair_postings_state;")
        let records = try FTS5Records(connection: connection, table: "documents_fts")
        let layout = try records.layout()
        let syllables = try commonSyllables(documents: layout.rowCount)
        var report = Report(syllables: syllables.count)
        let insertSyllable = try connection.prepare("INSERT INTO pair_postings_syllables(syllable) VALUES (?1)")
        for syllable in syllables {
            insertSyllable.reset()
            try insertSyllable.bind(utf8: syllable, at: 1)
            try insertSyllable.step()
        }
        var terms: [(postings: TermPostings, syllable: UInt32)] = []
        for (number, syllable) in syllables.enumerated() {
            let prefix = [FTS5Records.mainIndexPrefix] + syllable + [0x3A]
            for postings in try records.postings(ofTermsWithPrefix: prefix, in: layout) where !postings.atEnd {
                terms.append((postings, UInt32(number)))
            }
        }
        var lists = PairLists(syllables: syllables.count, chunkBytes: chunkBytes)
        var first: Int64 = 0
        let columns = max(layout.columnTokens.count, 1)
        while terms.contains(where: { !$0.postings.atEnd }) {
            let end = Self.batchEnd(from: first, lengths: lengths)
            var places: [UInt64] = []
            for (postings, syllable) in terms {
                try postings.seek(to: first)
                while !postings.atEnd, postings.rowid < end {
                    let row = UInt64(postings.rowid - first)
                    try postings.withPositions { list in
                        FTS5Page.forEachPosition(list.baseAddress!, list.count) { column, offset in
                            places.append(row << 44 | UInt64(offset * columns + column) << 16 | UInt64(syllable))
                        }
                    }
                    try postings.next()
                }
            }
            lists.add(places: &places, base: first, columns: columns)
            first = end
        }
        let insert = try connection.prepare("INSERT INTO pair_postings(pair, first, rows) VALUES (?1, ?2, ?3)")
        for (key, list) in lists.all {
            let pair = syllables[Int(key / UInt64(syllables.count))] + [0x20] + syllables[Int(key % UInt64(syllables.count))]
            for chunk in list.chunks {
                insert.reset()
                try insert.bind(utf8: pair, at: 1)
                try insert.bind(chunk.first, at: 2)
                try insert.bind(blob: chunk.bytes, at: 3)
                try insert.step()
                report.bytes += chunk.bytes.count
            }
            report.pairs += 1
            report.entries += list.count
        }
        try connection.execute(
            "INSERT INTO pair_postings_state(structure, share) SELECT block, \(Self.share) FROM documents_fts_data WHERE id = 10")
        return report
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
    /// lengths, at least one row.
    private static func batchEnd(from first: Int64, lengths: [Int32]) -> Int64 {
        var row = max(first, 0)
        var tokens = 0
        while row < Int64(lengths.count), tokens < batchPositions {
            tokens += Int(max(lengths[Int(row)], 0))
            row += 1
        }
        return row < Int64(lengths.count) ? max(row, first + 1) : Int64.max
    }
}

/// Per pair of covered syllables (first × count + second), its rows so far, in chunks of
/// varints of rowid deltas (little-endian base 128) from the chunk's first row.
struct PairLists {
    struct List {
        var last: Int64 = 0
        var count = 0
        var chunks: [(first: Int64, bytes: [UInt8])] = []
    }

    /// A chunk's bytes, at most about: small enough that a record stays inside a B-tree page of
    /// 16 KB (the index's page size), so no chunk leaves an overflow page mostly empty.
    static let chunkBytes = 3_000

    let syllables: Int
    let chunkBytes: Int
    /// By key while there are few enough syllables for a table of every pair, else hashed.
    private var table: [List]
    private var hashed: [UInt64: List] = [:]

    /// Syllables for which every pair has a slot (`table`): 1,024² slots.
    static let tableSyllables = 1_024

    init(syllables: Int, chunkBytes: Int) {
        self.syllables = syllables
        self.chunkBytes = chunkBytes
        table = syllables <= Self.tableSyllables ? [List](repeating: List(), count: syllables * syllables) : []
    }

    /// The pairs with rows, by key.
    var all: [(key: UInt64, list: List)] {
        if table.isEmpty { return hashed.map { ($0.key, $0.value) } }
        return table.indices.filter { table[$0].count > 0 }.map { (UInt64($0), table[$0]) }
    }

    /// Adds the pairs of a batch of rows: `places` packs row (from `base`) << 44, place << 16,
    /// syllable; a syllable at place p and one at p + `columns` (the next offset, same column)
    /// make a pair.
    mutating func add(places: inout [UInt64], base: Int64, columns: Int) {
        places.sort()
        var next = 0
        for index in places.indices {
            let value = places[index]
            let target = (value >> 16 + UInt64(columns)) << 16
            if next < index + 1 { next = index + 1 }
            while next < places.count, places[next] < target { next += 1 }
            var match = next
            while match < places.count, places[match] >> 16 == target >> 16 {
                let key = (value & 0xFFFF) * UInt64(syllables) + (places[match] & 0xFFFF)
                append(base + Int64(value >> 44), to: key)
                match += 1
            }
        }
    }

    private mutating func append(_ row: Int64, to key: UInt64) {
        if table.isEmpty {
            hashed[key, default: List()].append(row, chunkBytes: chunkBytes)
        } else {
            table[Int(key)].append(row, chunkBytes: chunkBytes)
        }
    }
}

extension PairLists.List {
    mutating func append(_ row: Int64, chunkBytes: Int) {
        guard count == 0 || row != last else { return }
        if chunks.isEmpty || chunks[chunks.count - 1].bytes.count >= chunkBytes {
            chunks.append((row, []))
            last = row
        }
        var delta = UInt64(row - last)
        let chunk = chunks.count - 1
        while delta >= 0x80 {
            chunks[chunk].bytes.append(UInt8(delta & 0x7F) | 0x80)
            delta >>= 7
        }
        chunks[chunk].bytes.append(UInt8(delta))
        last = row
        count += 1
    }
}
