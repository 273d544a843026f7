import VietSearchSQLite

/// Stored postings of adjacent syllable pairs (`PairPostingsBuilder` writes them): per pair of
/// covered folded syllables, every row where the two are adjacent. A row outside a pair's rows
/// holds no adjacency of the pair, which the ranker's bounds use. Read only while FTS5's records
/// are the ones recorded with them (`areCurrent`): `optimize` builds them, library writes keep
/// them up (`PairPostingsUpkeep`), any other change leaves them unread.
enum PairPostings {
    static func createTables(_ connection: SQLiteConnection) throws {
        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS pair_postings(
                pair TEXT NOT NULL, first INTEGER NOT NULL, rows BLOB NOT NULL, PRIMARY KEY(pair, first)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS pair_postings_syllables(syllable TEXT PRIMARY KEY) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS pair_postings_state(
                structure BLOB, averages BLOB, share REAL NOT NULL, pairs INTEGER NOT NULL DEFAULT 0,
                added_rows INTEGER NOT NULL DEFAULT 0, rows_upto INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS pair_postings_added(pair TEXT NOT NULL, row INTEGER NOT NULL, PRIMARY KEY(pair, row)) WITHOUT ROWID;
            """)
    }

    /// Runs `body`, a change of the full-text index that keeps its rows and positions (a merge),
    /// and keeps the stored pairs, block maxima and row lengths current if they were.
    static func keepingCurrent(_ connection: SQLiteConnection, _ body: () throws -> Void) throws {
        let current = try areCurrent(connection)
        let maximaCurrent = try BlockMaxima.areCurrent(connection)
        let lengthsCurrent = try StoredRowLengths.areCurrent(connection)
        try body()
        if current { try recordState(connection) }
        if maximaCurrent { try BlockMaxima.recordState(connection) }
        if lengthsCurrent { try StoredRowLengths.recordState(connection) }
    }

    /// Records the full-text index as it is now as the one the stored pairs describe.
    static func recordState(_ connection: SQLiteConnection) throws {
        try FTS5Snapshot.record(connection, in: "pair_postings_state")
    }

    /// A pair's name, `first second`, from its key in `PairLists` (first × count + second).
    static func name(_ key: UInt64, syllables: [[UInt8]]) -> [UInt8] {
        syllables[Int(key / UInt64(syllables.count))] + [0x20] + syllables[Int(key % UInt64(syllables.count))]
    }

    /// Whether the stored pairs describe the full-text index as it is now (`FTS5Snapshot`).
    static func areCurrent(_ connection: SQLiteConnection) throws -> Bool {
        try FTS5Snapshot.matches(connection, in: "pair_postings_state", keptWith: "pair_postings_added")
    }

    /// Per query word, the rows of `range` where it may follow the previous word (ascending), or
    /// nil when that is not known (no stored pair covers every form of the two words).
    static func rows(for query: RankingQuery, in range: ClosedRange<Int64>, connection: SQLiteConnection) throws -> [[Int64]?] {
        var result = [[Int64]?](repeating: nil, count: query.words.count)
        guard query.words.count > 1 else { return result }
        guard try areCurrent(connection) else { return result }
        var reader = try Reader(connection: connection)
        for number in 1..<query.words.count where query.plan.words[number].pairWeight > 0 {
            let ends = Set(query.words[number - 1].phrases.compactMap { $0.tokens.last }.map(syllable))
            let starts = Set(query.words[number].phrases.compactMap { $0.tokens.first }.map(syllable))
            result[number] = try reader.rows(ends: ends, starts: starts, in: range)
        }
        return result
    }

    /// Per phrase of several tokens (of each word, in order), the rows of `range` where each two
    /// of its consecutive tokens' syllables with stored pairs are adjacent, a superset of the rows
    /// holding the phrase (ascending); nil for other phrases, or when no such pair is stored.
    static func phraseRows(for query: RankingQuery, in range: ClosedRange<Int64>, connection: SQLiteConnection) throws -> [[[Int64]?]] {
        var result = query.words.map { [[Int64]?](repeating: nil, count: $0.phrases.count) }
        guard query.words.contains(where: { $0.phrases.contains { $0.tokens.count > 1 } }), try areCurrent(connection) else { return result }
        var reader = try Reader(connection: connection)
        for (number, word) in query.words.enumerated() {
            for (index, phrase) in word.phrases.enumerated() where phrase.tokens.count > 1 {
                var rows: [Int64]?
                for next in 1..<phrase.tokens.count {
                    guard let pair = try reader.rows(ends: [syllable(phrase.tokens[next - 1])], starts: [syllable(phrase.tokens[next])], in: range)
                    else { continue }
                    rows = rows.map { Self.intersection($0, pair) } ?? pair
                }
                result[number][index] = rows
            }
        }
        return result
    }

    /// Whether each routing phrase of several tokens in `query` has two consecutive syllables
    /// with stored pairs (so `phraseRows` gives its rows), and the pairs are current. Such
    /// syllables are common: FTS5 would walk their long doclists to find the phrase.
    static func coverRoutingPhrases(of query: RankingQuery, connection: SQLiteConnection) throws -> Bool {
        guard try areCurrent(connection) else { return false }
        var reader = try Reader(connection: connection)
        for word in query.words where word.routes {
            for phrase in word.phrases where word.routes(phrase) && phrase.tokens.count > 1 {
                var covered = false
                for next in 1..<phrase.tokens.count where !covered {
                    guard let one = syllable(phrase.tokens[next - 1]), let other = syllable(phrase.tokens[next]) else { continue }
                    covered = try reader.isCovered(one) && reader.isCovered(other)
                }
                guard covered else { return false }
            }
        }
        return true
    }

    /// The rows in both ascending lists.
    static func intersection(_ one: [Int64], _ other: [Int64]) -> [Int64] {
        var result: [Int64] = []
        var (i, j) = (0, 0)
        while i < one.count, j < other.count {
            if one[i] < other[j] {
                i += 1
            } else if one[i] > other[j] {
                j += 1
            } else {
                result.append(one[i])
                i += 1
                j += 1
            }
        }
        return result
    }

    /// Reads stored pairs' rows.
    private struct Reader {
        let covered: SQLiteStatement
        let postings: SQLiteStatement
        let added: SQLiteStatement
        var coveredCache: [[UInt8]: Bool] = [:]

        init(connection: SQLiteConnection) throws {
            covered = try connection.prepare("SELECT 1 FROM pair_postings_syllables WHERE syllable = ?1")
            // The chunks that may hold rows of the range: from the last one starting at or before it.
            postings = try connection.prepare(
                """
                SELECT first, rows FROM pair_postings WHERE pair = ?1 AND first <= ?3
                    AND first >= coalesce((SELECT max(first) FROM pair_postings WHERE pair = ?1 AND first <= ?2), -1)
                ORDER BY first
                """)
            added = try connection.prepare("SELECT row FROM pair_postings_added WHERE pair = ?1 AND row BETWEEN ?2 AND ?3")
        }

        mutating func isCovered(_ syllable: [UInt8]) throws -> Bool {
            if let known = coveredCache[syllable] { return known }
            covered.reset()
            try covered.bind(utf8: syllable, at: 1)
            let found = try covered.step()
            coveredCache[syllable] = found
            return found
        }

        /// The rows of `range` where a syllable of `ends` directly precedes one of `starts`
        /// (ascending), or nil when a syllable is not covered (or not one: a prefix typed).
        mutating func rows(ends: Set<[UInt8]?>, starts: Set<[UInt8]?>, in range: ClosedRange<Int64>) throws -> [Int64]? {
            guard !ends.isEmpty, !starts.isEmpty, !ends.contains(nil), !starts.contains(nil) else { return nil }
            for syllable in ends.union(starts) where try !isCovered(syllable!) { return nil }
            var rows: [Int64] = []
            var merged = ends.count * starts.count > 1
            for end in ends {
                for start in starts {
                    let pair = end! + [0x20] + start!
                    // Rows written since `optimize` first (`PairPostingsUpkeep`), usually none.
                    added.reset()
                    try added.bind(utf8: pair, at: 1)
                    try added.bind(range.lowerBound, at: 2)
                    try added.bind(range.upperBound, at: 3)
                    while try added.step() {
                        rows.append(added.int64(at: 0))
                        merged = true
                    }
                    postings.reset()
                    try postings.bind(utf8: pair, at: 1)
                    try postings.bind(range.lowerBound, at: 2)
                    try postings.bind(range.upperBound, at: 3)
                    while try postings.step() {
                        let first = postings.int64(at: 0)
                        postings.withBlob(at: 1) { decode($0, from: first, within: range, into: &rows) }
                    }
                }
            }
            if merged { rows = Array(Set(rows)).sorted() }
            return rows
        }
    }

    /// A token's folded syllable (`dang` of `dang:đảng` and of the prefix `dang:`); nil for a
    /// prefix typed (`dan*`), which stands for several syllables.
    private static func syllable(_ token: RankingQuery.Token) -> [UInt8]? {
        guard let colon = token.bytes.firstIndex(of: 0x3A) else { return nil }
        return Array(token.bytes[..<colon])
    }

    /// Rowid deltas from `first` as little-endian base-128 varints; only the rows of `range` are
    /// appended, and decoding stops past it (a chunk usually spans both halves of a search).
    static func decode(
        _ bytes: UnsafeRawBufferPointer, from first: Int64, within range: ClosedRange<Int64> = Int64.min...Int64.max,
        into rows: inout [Int64]
    ) {
        // Into a buffer of one slot a byte (a row takes at least one), then appended at once: the
        // common pairs' chunks hold thousands of rows, and an append each checks the array.
        let decoded = [Int64](unsafeUninitializedCapacity: bytes.count) { buffer, count in
            var row = first
            var value: Int64 = 0
            var shift: Int64 = 0
            var written = 0
            for byte in bytes {
                value |= Int64(byte & 0x7F) << shift
                if byte < 0x80 {
                    row += value
                    if row > range.upperBound { break }
                    if row >= range.lowerBound {
                        buffer[written] = row
                        written += 1
                    }
                    value = 0
                    shift = 0
                } else {
                    shift += 7
                }
            }
            count = written
        }
        rows.append(contentsOf: decoded)
    }
}
