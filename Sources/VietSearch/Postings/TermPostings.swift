/// One term's postings over every segment of the index, in rowid order: what a MATCH of the term
/// would see. Segments are merged newest first (`fts5MultiIterDoCompare`): when several hold the
/// same row, the newest one's entry is the row's, and an empty one (a delete marker) means the
/// row lacks the term (`FTS5INDEX_QUERY_SKIPEMPTY`).
///
/// A convenience over `PostingCursors` (one cursor per segment holding the term), for callers
/// that walk one term at a time; the ranker merges the cursors itself.
final class TermPostings {
    let term: [UInt8]
    let cursors: PostingCursors
    /// The term's cursors, newest segment first.
    let parts: [Int]
    /// The cursor holding the current row's entry.
    private(set) var current: Int
    private(set) var rowid: Int64 = 0
    private(set) var atEnd = false

    init(term: [UInt8], cursors: PostingCursors, parts: [Int]) throws {
        precondition(!parts.isEmpty)
        self.term = term
        self.cursors = cursors
        self.parts = parts
        current = parts[0]
        try settle()
    }

    /// Bytes of the current row's position list (each position takes at least one byte).
    var positionBytes: Int { cursors.states[current].size }

    /// Moves to the next row.
    func next() throws {
        guard !atEnd else { return }
        let at = rowid
        for part in parts where !cursors.states[part].atEnd && cursors.states[part].rowid == at { try cursors.next(part) }
        try settle()
    }

    /// Moves to the first row at or after `target`.
    func seek(to target: Int64) throws {
        guard !atEnd, rowid < target else { return }
        for part in parts { try cursors.seek(part, to: target) }
        try settle()
    }

    /// The current row's position list.
    func withPositions<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        try cursors.withPositions(current) { try body(UnsafeBufferPointer(start: $0, count: $1)) }
    }

    /// Points at the lowest row any segment holds, skipping rows whose newest entry is a delete
    /// marker.
    private func settle() throws {
        while true {
            var best = -1
            for part in parts where !cursors.states[part].atEnd {
                // Newest first: an equal rowid in an older segment never replaces the newer one.
                if best < 0 || cursors.states[part].rowid < cursors.states[best].rowid { best = part }
            }
            guard best >= 0 else {
                atEnd = true
                return
            }
            if cursors.states[best].size > 0 {
                current = best
                rowid = cursors.states[best].rowid
                return
            }
            let deleted = cursors.states[best].rowid
            for part in parts where !cursors.states[part].atEnd && cursors.states[part].rowid == deleted { try cursors.next(part) }
        }
    }
}
