/// One term's postings over every segment of the index, in rowid order: what a MATCH of the term
/// would see. Segments are merged newest first (`fts5MultiIterDoCompare`): when several hold the
/// same row, the newest one's entry is the row's, and an empty one (a delete marker) means the
/// row lacks the term (`FTS5INDEX_QUERY_SKIPEMPTY`).
final class TermPostings {
    let term: [UInt8]
    /// Newest first.
    private let parts: [SegmentDoclist]
    /// The entry of the current row.
    private var current: SegmentDoclist
    private(set) var rowid: Int64 = 0
    private(set) var atEnd = false

    /// `parts`: the term's doclists, newest segment first (at least one).
    init(term: [UInt8], parts: [SegmentDoclist]) throws {
        precondition(!parts.isEmpty)
        self.term = term
        self.parts = parts
        current = parts[0]
        try settle()
    }

    /// Bytes of the current row's position list (each position takes at least one byte).
    var positionBytes: Int { current.size }

    /// Moves to the next row.
    func next() throws {
        guard !atEnd else { return }
        if parts.count == 1 {
            try current.next()
        } else {
            let at = rowid
            for part in parts where !part.atEnd && part.rowid == at { try part.next() }
        }
        try settle()
    }

    /// Moves to the first row at or after `target`.
    func seek(to target: Int64) throws {
        guard !atEnd, rowid < target else { return }
        for part in parts { try part.seek(to: target) }
        try settle()
    }

    /// The current row's position list.
    func withPositions<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        try current.withPositions(body)
    }

    /// Points at the lowest row any segment holds, skipping rows whose newest entry is a delete
    /// marker.
    private func settle() throws {
        while true {
            var best: SegmentDoclist?
            for part in parts where !part.atEnd {
                // Newest first: an equal rowid in an older segment never replaces the newer one.
                if best == nil || part.rowid < best!.rowid { best = part }
            }
            guard let best else {
                atEnd = true
                return
            }
            if best.size > 0 {
                current = best
                rowid = best.rowid
                return
            }
            let deleted = best.rowid
            for part in parts where !part.atEnd && part.rowid == deleted { try part.next() }
        }
    }
}
