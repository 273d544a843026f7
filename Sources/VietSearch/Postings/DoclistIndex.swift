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
    private struct Level {
        let page = FTS5Page(capacity: 256)
        var offset = 0
        var atEnd = false
        /// The current entry: a leaf page (level 0) or a page of the level below, and its first rowid.
        var pageNumber = 0
        var rowid: Int64 = 0
    }

    private let records: FTS5Records
    private let segment: Int
    private var levels: [Level] = []

    /// The index of the doclist whose term is on leaf `termPage` of `segment`; nil when it has none.
    init?(records: FTS5Records, segment: Int, termPage: Int) throws {
        self.records = records
        self.segment = segment
        for height in 0..<32 {
            let level = Level()
            guard try records.read(FTS5Records.doclistIndexID(segment: segment, height: height, page: termPage), into: level.page, number: termPage)
            else {
                if height == 0 { return nil }
                throw FTS5Records.Failure.corrupt("doclist index of segment \(segment), page \(termPage)")
            }
            guard level.page.count >= 2 else { throw FTS5Records.Failure.corrupt("doclist index of segment \(segment)") }
            levels.append(level)
            if level.page.bytes[0] & 1 == 0 { break }
        }
        for index in levels.indices { _ = advance(level: index) }
    }

    var atEnd: Bool { levels[0].atEnd }
    /// The current leaf page and the first rowid on it.
    var pageNumber: Int { levels[0].pageNumber }
    var rowid: Int64 { levels[0].rowid }

    /// Moves to the next leaf page of the doclist.
    func next() throws { try next(level: 0) }

    private func next(level index: Int) throws {
        guard advance(level: index), index + 1 < levels.count else { return }
        try next(level: index + 1)
        guard !levels[index + 1].atEnd else { return }
        let child = levels[index + 1].pageNumber
        levels[index] = Level()
        guard try records.read(FTS5Records.doclistIndexID(segment: segment, height: index, page: child), into: levels[index].page, number: child)
        else { throw FTS5Records.Failure.corrupt("doclist index of segment \(segment)") }
        _ = advance(level: index)
    }

    /// `fts5DlidxLvlNext`: true when the level's page has no further entry.
    private func advance(level index: Int) -> Bool {
        let page = levels[index].page
        var offset = levels[index].offset
        if offset == 0 {
            offset = 1
            levels[index].pageNumber = Int(truncatingIfNeeded: page.varint(&offset))
            levels[index].rowid = Int64(bitPattern: page.varint(&offset))
            levels[index].offset = offset
            return false
        }
        var skip = offset
        while skip < page.count, page.bytes[skip] == 0 { skip += 1 }
        guard skip < page.count else {
            levels[index].atEnd = true
            return true
        }
        levels[index].pageNumber += skip - offset + 1
        levels[index].rowid &+= Int64(bitPattern: page.varint(&skip))
        levels[index].offset = skip
        return false
    }
}
