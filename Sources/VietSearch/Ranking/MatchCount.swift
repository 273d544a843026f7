/// The rows a query's phrases match, read from the postings: what FTS5's `count(*)` of the same
/// MATCH expression counts, without its expression engine (which merges every term of a prefix
/// such as `dang:` into one list with its positions before the first row is counted). `total`
/// counts up to `SearchIndex.countedMatches` rows exactly, and that count was most of a keyword
/// search's time on a small index (docs/ENGINE.md, "Counting the matches").
///
/// Each group's rows are marked in a bitmap by rowid (the union of its phrases' rows: a one-token
/// phrase's from its postings' rowids; a longer one's from the rows holding all its tokens, each
/// checked for the tokens at consecutive places of one column), the bitmaps intersected and the
/// excluded phrases' rows taken out. Segments are merged as FTS5 merges them (`TermPostings`: the
/// newest entry of a row decides; a delete marker removes it).
enum MatchCount {
    /// Most terms the tokens of one set may stand for (prefixes typed): past it FTS5 counts.
    static let termLimit = 512
    /// The largest rowid a bitmap holds (8 MB of bits): past it FTS5 counts.
    static let rowidLimit: Int64 = 1 << 26

    /// Calls `visit` with each row that holds a phrase (its tokens) of every group and none of
    /// `excluded`, ascending. Returns false, having visited nothing, when FTS5 must count instead
    /// (a prefix of more than `termLimit` terms, a rowid past `rowidLimit`).
    static func rows(
        every groups: [[[RankingQuery.Token]]], excluding excluded: [[RankingQuery.Token]], records: FTS5Records, layout: FTS5Layout,
        _ visit: (Int64) throws -> Void
    ) throws -> Bool {
        guard !groups.isEmpty else { return true }
        var matched: [UInt64]?
        for group in groups {
            guard let rows = try bitmap(ofAny: group, records: records, layout: layout) else { return false }
            intersect(&matched, rows)
        }
        guard var kept = matched else { return true }
        guard let out = try bitmap(ofAny: excluded, records: records, layout: layout) else { return false }
        for index in 0..<min(kept.count, out.count) { kept[index] &= ~out[index] }
        for (index, word) in kept.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                try visit(Int64(index << 6 | bits.trailingZeroBitCount))
                bits &= bits - 1
            }
        }
        return true
    }

    /// The rows holding any of the phrases, one bit per rowid; nil past `termLimit` terms or
    /// `rowidLimit`.
    private static func bitmap(ofAny phrases: [[RankingQuery.Token]], records: FTS5Records, layout: FTS5Layout) throws -> [UInt64]? {
        guard var bits = try bitmap(of: phrases.filter { $0.count == 1 }.map { $0[0] }, records: records, layout: layout) else { return nil }
        for phrase in Set(phrases) where phrase.count > 1 {
            guard let rows = try bitmap(ofPhrase: phrase, records: records, layout: layout) else { return nil }
            if rows.count > bits.count { bits += [UInt64](repeating: 0, count: rows.count - bits.count) }
            for index in rows.indices { bits[index] |= rows[index] }
        }
        return bits
    }

    /// The rows holding any of the tokens (a prefix: any term it starts).
    private static func bitmap(of tokens: [RankingQuery.Token], records: FTS5Records, layout: FTS5Layout) throws -> [UInt64]? {
        var bits: [UInt64] = []
        var terms = 0
        for token in Set(tokens) {
            guard let postings = try postings(of: token, records: records, layout: layout) else { return nil }
            terms += postings.count
            guard terms <= termLimit else { return nil }
            for term in postings {
                guard try mark(term, in: &bits) else { return nil }
            }
        }
        return bits
    }

    /// The rows holding the phrase: every token at the row, then their places checked (FTS5's
    /// phrase: the tokens at consecutive offsets of one column, a token matching any of its terms).
    private static func bitmap(ofPhrase tokens: [RankingQuery.Token], records: FTS5Records, layout: FTS5Layout) throws -> [UInt64]? {
        var candidates: [UInt64]?
        var postings: [[TermPostings]] = []
        for token in tokens {
            guard let rows = try bitmap(of: [token], records: records, layout: layout),
                let terms = try self.postings(of: token, records: records, layout: layout)
            else { return nil }
            postings.append(terms)
            intersect(&candidates, rows)
        }
        guard let candidates else { return [] }
        var found = [UInt64](repeating: 0, count: candidates.count)
        // Per token, its places at the row: column << 32 | offset, ascending.
        var places = [[Int]](repeating: [], count: tokens.count)
        for (index, word) in candidates.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                let row = Int64(index << 6 | bits.trailingZeroBitCount)
                bits &= bits - 1
                for token in tokens.indices {
                    places[token].removeAll(keepingCapacity: true)
                    for term in postings[token] { try addPlaces(of: term, at: row, to: &places[token]) }
                    places[token].sort()
                }
                let holds = places[0].contains { start in
                    (1..<tokens.count).allSatisfy { token in contains(places[token], start + token) }
                }
                if holds { found[index] |= 1 << UInt64(row & 63) }
            }
        }
        return found
    }

    /// Adds the term's places at `row` (column << 32 | offset), if it is there.
    private static func addPlaces(of term: TermPostings, at row: Int64, to places: inout [Int]) throws {
        func add(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
            FTS5Page.forEachPosition(bytes, count) { column, offset in places.append(column << 32 | offset) }
        }
        guard term.parts.count == 1 else {
            try term.seek(to: row)
            guard !term.atEnd, term.rowid == row else { return }
            try term.withPositions { add($0.baseAddress!, $0.count) }
            return
        }
        // One segment: its cursor sought directly (as `mark` walks it), a delete marker holding nothing.
        let cursors = term.cursors
        let cursor = term.parts[0]
        try cursors.seek(cursor, to: row)
        guard !cursors.states[cursor].atEnd, cursors.states[cursor].rowid == row, cursors.states[cursor].size > 0 else { return }
        try cursors.withPositions(cursor) { add($0, $1) }
    }

    /// Keeps in `kept` only the rows also in `rows` (`rows` itself when nothing is kept yet).
    private static func intersect(_ kept: inout [UInt64]?, _ rows: [UInt64]) {
        guard var both = kept else {
            kept = rows
            return
        }
        both.removeLast(max(both.count - rows.count, 0))
        for index in both.indices { both[index] &= rows[index] }
        kept = both
    }

    /// Whether ascending `values` hold `value`.
    private static func contains(_ values: [Int], _ value: Int) -> Bool {
        var (low, high) = (0, values.count)
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < values.count && values[low] == value
    }

    /// The postings of each term the token stands for (a prefix: every term it starts, none if
    /// the index has none); nil past `termLimit` terms.
    private static func postings(of token: RankingQuery.Token, records: FTS5Records, layout: FTS5Layout) throws -> [TermPostings]? {
        let key = [FTS5Records.mainIndexPrefix] + token.bytes
        guard token.isPrefix else { return try records.postings(of: key, in: layout).map { [$0] } ?? [] }
        var seen = 0
        let postings = try records.postings(ofTermsWithPrefix: key, in: layout) { _ in
            seen += 1
            return seen <= termLimit
        }
        return seen <= termLimit ? postings : nil
    }

    /// Sets the bits of the term's rows; false at a rowid past `rowidLimit`.
    private static func mark(_ term: TermPostings, in bits: inout [UInt64]) throws -> Bool {
        func set(_ row: Int64) -> Bool {
            guard row >= 0, row <= rowidLimit else { return false }
            let word = Int(row >> 6)
            if word >= bits.count { bits += [UInt64](repeating: 0, count: max(word + 1 - bits.count, bits.count)) }
            bits[word] |= 1 << UInt64(row & 63)
            return true
        }
        guard term.parts.count == 1 else {
            // In several segments: merged row by row, newest entry first.
            while !term.atEnd {
                guard set(term.rowid) else { return false }
                try term.next()
            }
            return true
        }
        // One segment (every term after `optimize`): its cursor walked directly, a delete
        // marker (an empty entry) holding nothing.
        let cursors = term.cursors
        let cursor = term.parts[0]
        while !cursors.states[cursor].atEnd {
            if cursors.states[cursor].size > 0 { guard set(cursors.states[cursor].rowid) else { return false } }
            try cursors.next(cursor)
        }
        return true
    }
}
