/// The doclist index of one long doclist in one segment: the first rowid of each page the doclist
/// spans, so a seek can jump to the page holding a rowid instead of walking every page before it
/// (`Fts5DlidxIter` in fts5_index.c, forwards only).
///
/// FTS5 writes one when a doclist spans at least 4 pages without a term, keyed by the segment and
/// the page where the doclist's term is. Level 0 lists leaf pages; each higher level, when the
/// list outgrows a page, lists the level below's pages. Each level page: a flags byte (bit 0 set
/// unless it is the root), a page number and a rowid, then per following page a rowid delta, or
/// a 0 byte for a page where no rowid starts.
final class DoclistIndex {
    /// Where a level stands. Kept behind a pointer: stepping a level is then plain loads and
    /// stores, where a class's stored properties would take an exclusivity check each.
    private struct Level {
        var offset = 0
        var atEnd = false
        /// The current entry: a leaf page (level 0) or a page of the level below, and its first rowid.
        var pageNumber = 0
        var rowid: Int64 = 0
    }

    private let records: FTS5Records
    private let segment: Int
    /// Each level's page, root last.
    private let pages: [FTS5Page]
    private let levels: UnsafeMutablePointer<Level>

    /// The index of the doclist whose term is on leaf `termPage` of `segment`; nil when it has none.
    init?(records: FTS5Records, segment: Int, termPage: Int) throws {
        self.records = records
        self.segment = segment
        var pages: [FTS5Page] = []
        for height in 0..<32 {
            let page = FTS5Page(capacity: 256)
            guard try records.read(FTS5Records.doclistIndexID(segment: segment, height: height, page: termPage), into: page, number: termPage)
            else {
                if height == 0 { return nil }
                throw FTS5Records.Failure.corrupt("doclist index of segment \(segment), page \(termPage)")
            }
            guard page.count >= 2 else { throw FTS5Records.Failure.corrupt("doclist index of segment \(segment)") }
            pages.append(page)
            if page.bytes[0] & 1 == 0 { break }
        }
        self.pages = pages
        levels = .allocate(capacity: pages.count)
        levels.initialize(repeating: Level(), count: pages.count)
        for index in pages.indices { _ = advance(level: index) }
    }

    deinit { levels.deallocate() }

    var atEnd: Bool { levels[0].atEnd }
    /// The current leaf page and the first rowid on it.
    var pageNumber: Int { levels[0].pageNumber }
    var rowid: Int64 { levels[0].rowid }

    /// Moves to the next leaf page of the doclist.
    func next() throws { try next(level: 0) }

    private func next(level index: Int) throws {
        guard advance(level: index), index + 1 < pages.count else { return }
        try next(level: index + 1)
        guard !levels[index + 1].atEnd else { return }
        let child = levels[index + 1].pageNumber
        levels[index] = Level()
        guard try records.read(FTS5Records.doclistIndexID(segment: segment, height: index, page: child), into: pages[index], number: child)
        else { throw FTS5Records.Failure.corrupt("doclist index of segment \(segment)") }
        _ = advance(level: index)
    }

    /// `fts5DlidxLvlNext`: true when the level's page has no further entry.
    private func advance(level index: Int) -> Bool {
        let page = pages[index]
        let bytes = page.bytes
        let count = page.count
        let level = levels + index
        var offset = level.pointee.offset
        if offset == 0 {
            offset = 1
            level.pointee.pageNumber = Int(truncatingIfNeeded: FTS5Page.varint(bytes, &offset))
            level.pointee.rowid = Int64(bitPattern: FTS5Page.varint(bytes, &offset))
            level.pointee.offset = offset
            return false
        }
        var skip = offset
        while skip < count, bytes[skip] == 0 { skip += 1 }
        guard skip < count else {
            level.pointee.atEnd = true
            return true
        }
        level.pointee.pageNumber += skip - offset + 1
        level.pointee.rowid &+= Int64(bitPattern: FTS5Page.varint(bytes, &skip))
        level.pointee.offset = skip
        return false
    }
}
