/// One term's doclist in one segment, walked in rowid order (`Fts5SegIter` in fts5_index.c,
/// forwards, one term): each entry is a rowid delta, a varint of the position list's size × 2
/// (+ 1 for the delete flag), then the position list, which may continue on the next pages.
///
/// An entry with an empty position list marks the row deleted (in older segments); the merge of
/// segments (`TermPostings`) skips those. Seeks use the doclist index when the doclist has one.
final class SegmentDoclist {
    let records: FTS5Records
    let segment: FTS5Segment
    /// The page of the current entry.
    private let page: FTS5Page
    /// The page after it, when a position list that continues there was read.
    private var ahead: FTS5Page?
    /// Where the doclist's term is (its doclist index is keyed by that page).
    let termPage: Int
    /// First byte of the current position list on `page`.
    private var offset = 0
    /// Where the doclist ends on `page`: the next term's offset, or Int.max when no term follows
    /// on this page (the doclist may go on).
    private var end = Int.max
    private(set) var rowid: Int64 = 0
    /// Bytes of the current position list (0: a delete marker).
    private(set) var size = 0
    private(set) var atEnd = false
    private var doclistIndex: DoclistIndex?
    private var doclistIndexTried = false
    /// Position lists that span pages are copied here.
    private var gathered: [UInt8] = []

    /// The doclist that starts at `start` on `page` (just after its term), ending at `end`.
    init(records: FTS5Records, segment: FTS5Segment, page: FTS5Page, start: Int, end: Int) throws {
        self.records = records
        self.segment = segment
        self.page = page
        termPage = page.number
        self.end = end
        if start >= page.leafSize {
            // The term was the last thing on its page: the doclist starts on the next one.
            try loadNextEntryPage()
            if atEnd { throw FTS5Records.Failure.corrupt("empty doclist in segment \(segment.id)") }
        } else {
            var position = start
            rowid = Int64(bitPattern: page.varint(&position))
            readSize(&position)
        }
    }

    @inline(__always)
    private func readSize(_ position: inout Int) {
        let field = page.varint(&position)
        size = Int(truncatingIfNeeded: field >> 1)
        offset = position
    }

    /// Moves to the next entry.
    func next() throws {
        var position = offset &+ size
        if position < page.leafSize {
            if position >= end {
                atEnd = true
                return
            }
            rowid &+= Int64(bitPattern: page.varint(&position))
            readSize(&position)
            return
        }
        try loadNextEntryPage()
    }

    /// Moves to the first entry of a following page (a page whose header points at a rowid), or
    /// to the end when a page with a term comes first, or the segment ends.
    private func loadNextEntryPage() throws {
        while true {
            let number = page.number + 1
            guard number <= segment.lastLeaf else {
                atEnd = true
                return
            }
            if let ahead, ahead.number == number {
                page.swap(with: ahead)
                ahead.number = -1
            } else {
                try records.readLeaf(segment: segment, number: number, into: page)
            }
            let first = page.firstRowidOffset
            if first != 0, first < page.leafSize {
                guard first >= 4 else { throw FTS5Records.Failure.corrupt("leaf \(number) of segment \(segment.id)") }
                var position = first
                rowid = Int64(bitPattern: page.varint(&position))
                end = Int.max
                if page.hasTerms {
                    var footer = page.leafSize
                    end = Int(truncatingIfNeeded: page.varint(&footer))
                }
                readSize(&position)
                return
            }
            if page.hasTerms {
                atEnd = true
                return
            }
        }
    }

    /// Moves to the first entry whose rowid is at least `target` (nowhere when already there).
    func seek(to target: Int64) throws {
        guard !atEnd, rowid < target else { return }
        if end == Int.max, page.number >= termPage {
            // The doclist goes on after this page: jump with its index, if it has one.
            if !doclistIndexTried {
                doclistIndexTried = true
                doclistIndex = try DoclistIndex(records: records, segment: segment.id, termPage: termPage)
            }
            if let index = doclistIndex {
                var target_page = page.number
                while !index.atEnd, target > index.rowid {
                    target_page = index.pageNumber
                    try index.next()
                }
                if target_page > page.number { try jump(toPage: target_page) }
            }
        }
        while !atEnd, rowid < target { try next() }
    }

    /// `fts5SegIterGotoPage`: the first entry that starts on leaf `number`.
    private func jump(toPage number: Int) throws {
        ahead?.number = -1
        try records.readLeaf(segment: segment, number: number, into: page)
        let first = page.firstRowidOffset
        guard first >= 4, first < page.leafSize else { throw FTS5Records.Failure.corrupt("leaf \(number) of segment \(segment.id)") }
        var position = first
        rowid = Int64(bitPattern: page.varint(&position))
        end = Int.max
        if page.hasTerms {
            var footer = page.leafSize
            end = Int(truncatingIfNeeded: page.varint(&footer))
        }
        readSize(&position)
    }

    /// The current entry's position list, lent to `body` (contiguous even when it spans pages).
    func withPositions<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        if offset + size <= page.leafSize {
            return try body(UnsafeBufferPointer(start: page.bytes + offset, count: size))
        }
        try gatherPositions()
        return try gathered.withUnsafeBufferPointer { try body(UnsafeBufferPointer(start: $0.baseAddress, count: size)) }
    }

    /// Copies a position list that continues on following pages (`fts5ChunkIterate`): each page
    /// holds the next bytes from offset 4; the page after the current one is kept for `next()`.
    private func gatherPositions() throws {
        gathered.removeAll(keepingCapacity: true)
        gathered.append(contentsOf: UnsafeBufferPointer(start: page.bytes + offset, count: page.leafSize - offset))
        var number = page.number
        let spare = ahead ?? FTS5Page()
        ahead = spare
        while gathered.count < size {
            number += 1
            try records.readLeaf(segment: segment, number: number, into: spare)
            let chunk = min(size - gathered.count, spare.leafSize - 4)
            guard chunk > 0 else { throw FTS5Records.Failure.corrupt("position list in segment \(segment.id)") }
            gathered.append(contentsOf: UnsafeBufferPointer(start: spare.bytes + 4, count: chunk))
        }
        // Zeros after the list, as on a page, for varint reads at its end.
        gathered.append(contentsOf: repeatElement(0, count: FTS5Page.padding))
        if spare.number != page.number + 1 { spare.number = -1 }
    }
}
