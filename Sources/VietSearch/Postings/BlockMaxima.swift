import VietSearchSQLite

/// Stored block maxima (`BlockMaximaBuilder` writes them): per covered folded syllable (the
/// stored pairs' syllables) and block of `blockRows` rowids, the largest value any row of the
/// block gives `f / (1 − b + b × length / average)`, where `f` is the row's matches of the
/// syllable in any accent form (title tokens weighted as the rank function weighs them) and
/// `length` its tokens. BM25's saturation rises with that ratio, so it bounds every word made of
/// the syllable's forms in every row of the block, and every pair with such a word: the ranker
/// skips blocks whose bound is below the k-th best score (Ding & Suel's block-max idea).
///
/// Read only while FTS5's records are the ones recorded with them (`areCurrent`): `optimize`
/// builds them, library writes keep them up (`BlockMaximaUpkeep`), any other change leaves them
/// unread. `average` is the index's average row length when they were built: a later average
/// scales the values (`Words`), which keeps them upper bounds.
enum BlockMaxima {
    /// Rows per block, as a power of two (a row's block is `row >> shift`), for the maxima
    /// `optimize` writes; the state row records the one used (tests use small blocks).
    static let blockShift = 7

    static func createTables(_ connection: SQLiteConnection) throws {
        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS block_maxima(syllable TEXT PRIMARY KEY, maxima BLOB NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS block_maxima_state(
                structure BLOB, averages BLOB, block_rows INTEGER NOT NULL, average REAL NOT NULL, b REAL NOT NULL,
                title_weight REAL NOT NULL);
            """)
    }

    /// Records the full-text index as it is now as the one the maxima describe (after a
    /// savepoint, which writes FTS5's pending changes out).
    static func recordState(_ connection: SQLiteConnection) throws {
        try FTS5Snapshot.record(connection, in: "block_maxima_state")
    }

    /// Whether the maxima describe the full-text index as it is now (`FTS5Snapshot`, on their own
    /// record: a program that keeps the pairs up but not these leaves them unread).
    static func areCurrent(_ connection: SQLiteConnection) throws -> Bool {
        try FTS5Snapshot.matches(connection, in: "block_maxima_state", keptWith: "block_maxima")
    }

    /// Per query word, its syllable's maxima when every phrase of the word is one token of that
    /// one covered syllable (`dang:`, `dang:đảng`), else nil; all nil when the maxima are not
    /// current or were made for another `b` or title weight. Values are scaled to the average
    /// row length the search uses: with a larger average a row's ratio grows by at most the ratio
    /// of the two averages, with a smaller one it shrinks.
    static func words(for query: RankingQuery, averageLength: Double, connection: SQLiteConnection) throws -> (shift: Int, words: [[Double]?])? {
        guard var reader = try Reader(plan: query.plan, averageLength: averageLength, connection: connection) else { return nil }
        let words = try query.words.map { word in try singleSyllable(of: word).flatMap { try reader.values(of: $0) } }
        return (reader.shift, words)
    }

    /// Reads syllables' maxima for one search, scaled to its average row length; nil when they
    /// are not current or were made for another `b` or title weight.
    struct Reader {
        let shift: Int
        private let scale: Double
        private let select: SQLiteStatement
        private var loaded: [[UInt8]: [Double]?] = [:]

        init?(plan: VietnameseRankingPlan, averageLength: Double, connection: SQLiteConnection) throws {
            guard try BlockMaxima.areCurrent(connection) else { return nil }
            let state = try connection.prepare("SELECT average, b, title_weight, block_rows FROM block_maxima_state")
            guard try state.step(), state.double(at: 1) == plan.b, state.double(at: 2) == plan.titleWeight,
                let shift = BlockMaxima.shift(blockRows: state.int64(at: 3))
            else { return nil }
            self.shift = shift
            scale = max(1, averageLength / max(state.double(at: 0), 1e-9))
            select = try connection.prepare("SELECT maxima FROM block_maxima WHERE syllable = ?1")
        }

        /// The syllable's values by block, or nil when it has none stored (not covered).
        mutating func values(of syllable: [UInt8]) throws -> [Double]? {
            if let known = loaded[syllable] { return known }
            select.reset()
            try select.bind(utf8: syllable, at: 1)
            let scale = self.scale
            let values = try select.step() ? select.withBlob(at: 0) { BlockMaxima.decode($0).map { Double($0) * scale } } : nil
            loaded[syllable] = .some(values)
            return values
        }
    }

    /// The shift of a block of `blockRows` rows: a power of two up to 2²⁰, else nil.
    static func shift(blockRows: Int64) -> Int? {
        guard blockRows > 0, blockRows <= 1 << 20, blockRows & (blockRows - 1) == 0 else { return nil }
        return blockRows.trailingZeroBitCount
    }

    /// The syllable every phrase of the word is one token of, if any.
    private static func singleSyllable(of word: RankingQuery.Word) -> [UInt8]? {
        var found: [UInt8]?
        for phrase in word.phrases {
            guard phrase.tokens.count == 1, let colon = phrase.tokens[0].bytes.firstIndex(of: 0x3A) else { return nil }
            let syllable = Array(phrase.tokens[0].bytes[..<colon])
            guard !syllable.isEmpty, found == nil || found == syllable else { return nil }
            found = syllable
        }
        return found
    }

    /// Values as stored: 32-bit floats, little-endian, one per block from block 0.
    static func encode(_ values: [Float]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 4)
        for value in values {
            let bits = value.bitPattern
            bytes += [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24)]
        }
        return bytes
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) -> [Float] {
        (0..<bytes.count / 4).map { index in
            let at = index * 4
            let bits = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
            return Float(bitPattern: bits)
        }
    }

    /// `value` as a float no smaller than it.
    static func roundedUp(_ value: Double) -> Float {
        let float = Float(value)
        return Double(float) < value ? float.nextUp : float
    }
}
