/// The rows a query of one-token phrases matches, read from the postings' rowids: what FTS5's
/// `count(*)` of the same MATCH expression counts, without its expression engine (which merges
/// every term of a prefix such as `dang:` into one list with its positions before the first row
/// is counted). `total` counts up to `SearchIndex.countedMatches` rows exactly, so this was most
/// of a keyword search's time on a small index (docs/ENGINE.md, "Counting the matches").
///
/// Each group's rows are marked in a bitmap by rowid (the union of its tokens' postings), the
/// bitmaps intersected and the excluded tokens' rows taken out. Segments are merged as FTS5
/// merges them (`TermPostings`: the newest entry of a row decides; a delete marker removes it).
enum MatchCount {
    /// Most terms a group may expand to (prefixes typed): past it FTS5 counts, as it would anyway.
    static let termLimit = 512
    /// The largest rowid a bitmap holds (8 MB of bits): past it FTS5 counts.
    static let rowidLimit: Int64 = 1 << 26

    /// Calls `visit` with each row that holds a token of every group and none of `excluded`,
    /// ascending. Returns false, having visited nothing, when FTS5 must count instead (a prefix
    /// of more than `termLimit` terms, a rowid past `rowidLimit`).
    static func rows(
        every groups: [[RankingQuery.Token]], excluding excluded: [RankingQuery.Token], records: FTS5Records, layout: FTS5Layout,
        _ visit: (Int64) throws -> Void
    ) throws -> Bool {
        guard !groups.isEmpty else { return true }
        var matched: [UInt64]?
        for group in groups {
            guard let rows = try bitmap(of: group, records: records, layout: layout) else { return false }
            guard var kept = matched else {
                matched = rows
                continue
            }
            kept.removeLast(max(kept.count - rows.count, 0))
            for index in kept.indices { kept[index] &= rows[index] }
            matched = kept
        }
        guard var kept = matched else { return true }
        guard let out = try bitmap(of: excluded, records: records, layout: layout) else { return false }
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

    /// The rows holding any of the tokens (a prefix: any term it starts), one bit per rowid;
    /// nil past `termLimit` terms or `rowidLimit`.
    private static func bitmap(of tokens: [RankingQuery.Token], records: FTS5Records, layout: FTS5Layout) throws -> [UInt64]? {
        var bits: [UInt64] = []
        var terms = 0
        for token in Set(tokens) {
            let key = [FTS5Records.mainIndexPrefix] + token.bytes
            var postings: [TermPostings] = []
            if token.isPrefix {
                var seen = 0
                postings = try records.postings(ofTermsWithPrefix: key, in: layout) { _ in
                    seen += 1
                    return seen <= termLimit
                }
                guard seen <= termLimit else { return nil }
            } else if let found = try records.postings(of: key, in: layout) {
                postings = [found]
            }
            terms += postings.count
            guard terms <= termLimit else { return nil }
            for term in postings {
                guard try mark(term, in: &bits) else { return nil }
            }
        }
        return bits
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
