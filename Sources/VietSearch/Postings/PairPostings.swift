import VietSearchSQLite

/// Stored postings of adjacent syllable pairs (`PairPostingsBuilder` writes them): per pair of
/// covered folded syllables, every row where the two are adjacent. A row outside a pair's rows
/// holds no adjacency of the pair, which the ranker's bounds use. Read only while the full-text
/// index is exactly what they were built from (its structure record is stored with them).
enum PairPostings {
    static func createTables(_ connection: SQLiteConnection) throws {
        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS pair_postings(pair TEXT PRIMARY KEY, rows BLOB NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS pair_postings_syllables(syllable TEXT PRIMARY KEY) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS pair_postings_state(structure BLOB NOT NULL, share REAL NOT NULL);
            """)
    }

    /// Whether the stored pairs were built from the full-text index as it is now.
    static func areCurrent(_ connection: SQLiteConnection) throws -> Bool {
        guard try connection.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'pair_postings_state'") == 1 else { return false }
        return try connection.scalarInt(
            "SELECT count(*) FROM pair_postings_state s JOIN documents_fts_data d ON d.id = 10 AND d.block = s.structure") == 1
    }

    /// Per query word, the rows where it may follow the previous word (ascending), or nil when
    /// that is not known (no stored pair covers every form of the two words).
    static func rows(for query: RankingQuery, connection: SQLiteConnection) throws -> [[Int64]?] {
        var result = [[Int64]?](repeating: nil, count: query.words.count)
        guard query.words.count > 1 else { return result }
        guard try areCurrent(connection) else { return result }
        let covered = try connection.prepare("SELECT 1 FROM pair_postings_syllables WHERE syllable = ?1")
        let postings = try connection.prepare("SELECT rows FROM pair_postings WHERE pair = ?1")
        var coveredCache: [[UInt8]: Bool] = [:]
        func isCovered(_ syllable: [UInt8]) throws -> Bool {
            if let known = coveredCache[syllable] { return known }
            covered.reset()
            try covered.bind(utf8: syllable, at: 1)
            let found = try covered.step()
            coveredCache[syllable] = found
            return found
        }
        for number in 1..<query.words.count where query.plan.words[number].pairWeight > 0 {
            let ends = Set(query.words[number - 1].phrases.compactMap { $0.tokens.last }.map(syllable))
            let starts = Set(query.words[number].phrases.compactMap { $0.tokens.first }.map(syllable))
            guard !ends.isEmpty, !starts.isEmpty, !ends.contains(nil), !starts.contains(nil) else { continue }
            var all = true
            for syllable in ends.union(starts) where try !isCovered(syllable!) { all = false }
            guard all else { continue }
            var rows: [Int64] = []
            for end in ends {
                for start in starts {
                    postings.reset()
                    try postings.bind(utf8: end! + [0x20] + start!, at: 1)
                    guard try postings.step() else { continue }
                    postings.withBlob(at: 0) { decode($0, into: &rows) }
                }
            }
            if ends.count * starts.count > 1 { rows = Array(Set(rows)).sorted() }
            result[number] = rows
        }
        return result
    }

    /// A token's folded syllable (`dang` of `dang:đảng` and of the prefix `dang:`); nil for a
    /// prefix typed (`dan*`), which stands for several syllables.
    private static func syllable(_ token: RankingQuery.Token) -> [UInt8]? {
        guard let colon = token.bytes.firstIndex(of: 0x3A) else { return nil }
        return Array(token.bytes[..<colon])
    }

    /// Rowid deltas as little-endian base-128 varints.
    private static func decode(_ bytes: UnsafeRawBufferPointer, into rows: inout [Int64]) {
        var row: Int64 = 0
        var value: Int64 = 0
        var shift: Int64 = 0
        for byte in bytes {
            value |= Int64(byte & 0x7F) << shift
            if byte < 0x80 {
                row += value
                rows.append(row)
                value = 0
                shift = 0
            } else {
                shift += 7
            }
        }
    }
}
