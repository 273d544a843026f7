/// Cursors over doclists of an FTS5 index, one per (term, segment): each walks one term's
/// doclist in one segment in rowid order (`Fts5SegIter` in fts5_index.c, forwards, one term).
/// A doclist entry is a rowid delta, a varint of the position list's size × 2 (+ 1 for the
/// delete flag), then the position list, which may continue on the next pages. An entry with an
/// empty position list marks the row deleted in older segments; `TermPostings` and the ranker
/// merge a term's cursors newest segment first and skip those.
///
/// The state of every cursor lives in one raw buffer of plain structs, and the step to the next
/// entry on the same page is inlined: walking postings is the inner loop of ranking, and class
/// properties and arrays there cost retains and exclusivity checks (nine tenths of the time in
/// a first version, under callgrind). Loading pages, seeking with the doclist index and
/// gathering position lists that span pages are the slow paths, out of line.
final class PostingCursors {
    /// What the inner loop reads and writes of a cursor.
    struct State {
        /// The current page's bytes (`pages[cursor].bytes`).
        var bytes: UnsafeMutablePointer<UInt8>
        /// Where the page's footer starts: entries end before it.
        var leafSize: Int
        /// First byte of the current position list.
        var offset: Int
        /// Bytes of the current position list (0: a delete marker).
        var size: Int
        /// Where the doclist ends on this page: the next term's offset, or Int.max when no term
        /// follows on the page (the doclist may go on).
        var end: Int
        var rowid: Int64
        var atEnd: Bool
    }

    let records: FTS5Records
    private(set) var states: UnsafeMutablePointer<State>
    private var capacity: Int
    private(set) var count = 0
    private var pages: [FTS5Page] = []
    /// Per cursor, the page after the current one, when a position list continuing there was read.
    private var aheads: [FTS5Page?] = []
    private var segments: [FTS5Segment] = []
    /// Per cursor, the page of its term (its doclist index is keyed by that page).
    private var termPages: [Int] = []
    private var indexes: [DoclistIndex?] = []
    private var indexTried: [Bool] = []
    /// Position lists that span pages are copied here.
    private var gathered: [UInt8] = []
    /// While true, pages a cursor leaves are kept (`retained`) rather than reused, and lists
    /// that span pages are copied to buffers of their own, so that `stablePositions` stay valid
    /// until `release()`: a ranker reads a window of rows ahead, then scores some of them.
    var retaining = false
    private var retained: [FTS5Page] = []
    private var spare: [FTS5Page] = []
    private var copies: [UnsafeMutableRawBufferPointer] = []

    /// `capacity`: cursors that will be added; more may be, but the states then move, so add
    /// every cursor before walking any.
    init(records: FTS5Records, capacity: Int = 64) {
        self.records = records
        self.capacity = max(capacity, 1)
        states = .allocate(capacity: self.capacity)
    }

    deinit {
        states.deinitialize(count: count)
        states.deallocate()
        for copy in copies { copy.deallocate() }
    }

    /// Lets go of the pages and copies kept since `retaining` was set.
    func release() {
        spare += retained
        retained.removeAll(keepingCapacity: true)
        for copy in copies { copy.deallocate() }
        copies.removeAll(keepingCapacity: true)
    }

    /// The cursor's page, or when retaining, a fresh one for it (the old one is kept).
    private func pageToLoad(_ cursor: Int) -> FTS5Page {
        guard retaining else { return pages[cursor] }
        retained.append(pages[cursor])
        let fresh = spare.popLast() ?? FTS5Page()
        pages[cursor] = fresh
        return fresh
    }

    /// A cursor on the doclist of a term found by `FTS5Records.walkTerms`, at its first entry.
    func add(segment: FTS5Segment, entry: FTS5Records.TermEntry) throws -> Int {
        if count == capacity {
            let larger = UnsafeMutablePointer<State>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: states, count: count)
            states.deallocate()
            states = larger
            capacity *= 2
        }
        let cursor = count
        let page = entry.page
        (states + cursor).initialize(
            to: State(bytes: page.bytes, leafSize: page.leafSize, offset: 0, size: 0, end: entry.end, rowid: 0, atEnd: false))
        count += 1
        pages.append(page)
        aheads.append(nil)
        segments.append(segment)
        termPages.append(page.number)
        indexes.append(nil)
        indexTried.append(false)
        if entry.start >= page.leafSize {
            // The term was the last thing on its page: the doclist starts on the next one.
            try loadNextEntryPage(cursor)
            if states[cursor].atEnd { throw FTS5Records.Failure.corrupt("empty doclist in segment \(segment.id)") }
        } else {
            var position = entry.start
            states[cursor].rowid = Int64(bitPattern: FTS5Page.varint(page.bytes, &position))
            Self.readSize(states + cursor, &position)
        }
        return cursor
    }

    @inline(__always)
    private static func readSize(_ state: UnsafeMutablePointer<State>, _ position: inout Int) {
        let field = FTS5Page.varint(state.pointee.bytes, &position)
        state.pointee.size = Int(truncatingIfNeeded: field >> 1)
        state.pointee.offset = position
    }

    /// Moves `cursor` to its next entry.
    @inline(__always)
    func next(_ cursor: Int) throws {
        let state = states + cursor
        var position = state.pointee.offset &+ state.pointee.size
        if position < state.pointee.leafSize {
            if position >= state.pointee.end {
                state.pointee.atEnd = true
                return
            }
            state.pointee.rowid &+= Int64(bitPattern: FTS5Page.varint(state.pointee.bytes, &position))
            Self.readSize(state, &position)
            return
        }
        try loadNextEntryPage(cursor)
    }

    /// Moves `cursor` to the first entry whose rowid is at least `target` (nowhere when it is
    /// there already).
    @inline(__always)
    func seek(_ cursor: Int, to target: Int64) throws {
        let state = states + cursor
        guard !state.pointee.atEnd, state.pointee.rowid < target else { return }
        // Within the page (most seeks of a dense doclist), without the index.
        while true {
            var position = state.pointee.offset &+ state.pointee.size
            guard position < state.pointee.leafSize else { break }
            if position >= state.pointee.end {
                state.pointee.atEnd = true
                return
            }
            state.pointee.rowid &+= Int64(bitPattern: FTS5Page.varint(state.pointee.bytes, &position))
            Self.readSize(state, &position)
            if state.pointee.rowid >= target { return }
        }
        try seekBeyondPage(cursor, to: target)
    }

    /// A seek whose target is past the current page: jumps with the doclist index, when the
    /// doclist has one, to the last page whose first rowid is below the target.
    private func seekBeyondPage(_ cursor: Int, to target: Int64) throws {
        if states[cursor].end == Int.max {
            if !indexTried[cursor] {
                indexTried[cursor] = true
                indexes[cursor] = try DoclistIndex(records: records, segment: segments[cursor].id, termPage: termPages[cursor])
            }
            if let index = indexes[cursor] {
                let current = pages[cursor].number
                var page = current
                while !index.atEnd, target > index.rowid {
                    page = index.pageNumber
                    try index.next()
                }
                if page > current { try jump(cursor, toPage: page) }
            }
        }
        while !states[cursor].atEnd, states[cursor].rowid < target { try next(cursor) }
    }

    /// Moves to the first entry of a following page (a page whose header points at a rowid), or
    /// to the end when a page with a term comes first, or the segment ends.
    private func loadNextEntryPage(_ cursor: Int) throws {
        let segment = segments[cursor]
        while true {
            let number = pages[cursor].number + 1
            guard number <= segment.lastLeaf else {
                states[cursor].atEnd = true
                return
            }
            let page: FTS5Page
            if let ahead = aheads[cursor], ahead.number == number {
                if retaining {
                    retained.append(pages[cursor])
                    pages[cursor] = ahead
                    aheads[cursor] = nil
                    page = ahead
                } else {
                    page = pages[cursor]
                    page.swap(with: ahead)
                    ahead.number = -1
                }
            } else {
                page = pageToLoad(cursor)
                try records.readLeaf(segment: segment, number: number, into: page)
            }
            states[cursor].bytes = page.bytes
            states[cursor].leafSize = page.leafSize
            let first = page.firstRowidOffset
            if first != 0, first < page.leafSize {
                guard first >= 4 else { throw FTS5Records.Failure.corrupt("leaf \(number) of segment \(segment.id)") }
                try enter(cursor, page: page, at: first)
                return
            }
            if page.hasTerms {
                states[cursor].atEnd = true
                return
            }
        }
    }

    /// `fts5SegIterGotoPage`: the first entry that starts on leaf `number`.
    private func jump(_ cursor: Int, toPage number: Int) throws {
        aheads[cursor]?.number = -1
        let page = pageToLoad(cursor)
        try records.readLeaf(segment: segments[cursor], number: number, into: page)
        states[cursor].bytes = page.bytes
        states[cursor].leafSize = page.leafSize
        let first = page.firstRowidOffset
        guard first >= 4, first < page.leafSize else { throw FTS5Records.Failure.corrupt("leaf \(number) of segment \(segments[cursor].id)") }
        try enter(cursor, page: page, at: first)
    }

    /// Reads the entry whose (absolute) rowid starts at `first` on the cursor's new page.
    private func enter(_ cursor: Int, page: FTS5Page, at first: Int) throws {
        var position = first
        states[cursor].rowid = Int64(bitPattern: page.varint(&position))
        states[cursor].end = Int.max
        if page.hasTerms {
            var footer = page.leafSize
            states[cursor].end = Int(truncatingIfNeeded: page.varint(&footer))
        }
        Self.readSize(states + cursor, &position)
    }

    /// The current entry's position list, lent to `body` (contiguous even when it spans pages;
    /// followed by zero bytes, so a varint read that starts inside it stays in the buffer).
    @inline(__always)
    func withPositions<R>(_ cursor: Int, _ body: (UnsafePointer<UInt8>, Int) throws -> R) throws -> R {
        let state = states[cursor]
        if state.offset &+ state.size <= state.leafSize {
            return try body(state.bytes + state.offset, state.size)
        }
        try gatherPositions(cursor)
        return try gathered.withUnsafeBufferPointer { try body($0.baseAddress!, state.size) }
    }

    /// The current entry's position list where it stays valid until `release()` (when retaining;
    /// else until the cursor moves): in its page, or copied when it spans pages.
    func stablePositions(_ cursor: Int) throws -> (bytes: UnsafePointer<UInt8>, count: Int) {
        let state = states[cursor]
        if state.offset &+ state.size <= state.leafSize { return (UnsafePointer(state.bytes + state.offset), state.size) }
        try gatherPositions(cursor)
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: gathered.count, alignment: 1)
        gathered.withUnsafeBytes { copy.copyMemory(from: $0) }
        copies.append(copy)
        return (UnsafePointer(copy.baseAddress!.assumingMemoryBound(to: UInt8.self)), state.size)
    }

    /// Copies a position list that continues on following pages (`fts5ChunkIterate`): each page
    /// holds the next bytes from offset 4; the page after the current one is kept for `next`.
    private func gatherPositions(_ cursor: Int) throws {
        let state = states[cursor]
        let page = pages[cursor]
        gathered.removeAll(keepingCapacity: true)
        gathered.append(contentsOf: UnsafeBufferPointer(start: state.bytes + state.offset, count: state.leafSize - state.offset))
        var number = page.number
        let spare = aheads[cursor] ?? FTS5Page()
        aheads[cursor] = spare
        while gathered.count < state.size {
            number += 1
            try records.readLeaf(segment: segments[cursor], number: number, into: spare)
            let chunk = min(state.size - gathered.count, spare.leafSize - 4)
            guard chunk > 0 else { throw FTS5Records.Failure.corrupt("position list in segment \(segments[cursor].id)") }
            gathered.append(contentsOf: UnsafeBufferPointer(start: spare.bytes + 4, count: chunk))
        }
        gathered.append(contentsOf: repeatElement(0, count: FTS5Page.padding))
        if spare.number != page.number + 1 { spare.number = -1 }
    }
}
