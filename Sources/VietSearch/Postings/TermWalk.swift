extension FTS5Records {
    /// A term found on a leaf, and where its doclist is on that leaf.
    struct TermEntry {
        var term: [UInt8]
        var page: FTS5Page
        /// The doclist's first byte (its first rowid), just after the term.
        var start: Int
        /// The next term's offset on the page, or Int.max when the doclist may go on to the next
        /// pages.
        var end: Int
    }

    /// Walks the terms of `segment` in order, from the first not before `from`, until `visit`
    /// returns false (`fts5LeafSeek` and `fts5SegIterNext`): each leaf's footer gives the offset of
    /// every term on it; a term is stored as the bytes it shares with the previous term on the
    /// page and the bytes that follow (the page's first term in full). Leaves between two that
    /// hold terms carry only the end of a doclist and are never read here.
    func walkTerms(of segment: FTS5Segment, from: [UInt8], _ visit: (TermEntry) throws -> Bool) throws {
        var number: Int? = try leaf(of: segment, holding: from)
        let page = FTS5Page()
        var term: [UInt8] = []
        while let current = number {
            try readLeaf(segment: segment, number: current, into: page)
            guard page.hasTerms else { throw Failure.corrupt("leaf \(current) of segment \(segment.id) has no term") }
            var footer = page.leafSize
            var termOffset = Int(truncatingIfNeeded: page.varint(&footer))
            term.removeAll(keepingCapacity: true)
            var first = true
            while true {
                guard termOffset >= 4, termOffset < page.leafSize else { throw Failure.corrupt("term offset on leaf \(current)") }
                var position = termOffset
                let keep = first ? 0 : Int(truncatingIfNeeded: page.varint(&position))
                let added = Int(truncatingIfNeeded: page.varint(&position))
                guard keep <= term.count, added > 0, position + added <= page.leafSize else {
                    throw Failure.corrupt("term on leaf \(current) of segment \(segment.id)")
                }
                term.removeSubrange(keep...)
                term.append(contentsOf: UnsafeBufferPointer(start: page.bytes + position, count: added))
                position += added
                first = false
                var end = Int.max
                if footer < page.count {
                    end = termOffset + Int(truncatingIfNeeded: page.varint(&footer))
                }
                if !term.lexicographicallyPrecedes(from) {
                    let copy = FTS5Page()
                    copy.load(page)
                    guard try visit(TermEntry(term: term, page: copy, start: position, end: end)) else { return }
                }
                guard end != Int.max else { break }
                termOffset = end
            }
            number = try leaf(of: segment, after: term)
        }
    }

    /// The postings of `term` (FTS5's bytes, with the index prefix), nil when no segment has it.
    func postings(of term: [UInt8], in layout: FTS5Layout) throws -> TermPostings? {
        let cursors = PostingCursors(records: self, capacity: layout.segments.count)
        var parts: [Int] = []
        for segment in layout.segments {
            try walkTerms(of: segment, from: term) { entry in
                if entry.term == term { parts.append(try cursors.add(segment: segment, entry: entry)) }
                return false
            }
        }
        return parts.isEmpty ? nil : try TermPostings(term: term, cursors: cursors, parts: parts)
    }

    /// The postings of every term that starts with `prefix` and passes `wanted`, in term order.
    func postings(ofTermsWithPrefix prefix: [UInt8], in layout: FTS5Layout, where wanted: ([UInt8]) -> Bool = { _ in true })
        throws -> [TermPostings]
    {
        let cursors = PostingCursors(records: self)
        var byTerm: [[UInt8]: [Int]] = [:]
        for segment in layout.segments {
            try walkTerms(of: segment, from: prefix) { entry in
                guard entry.term.starts(with: prefix) else { return false }
                if wanted(entry.term) { byTerm[entry.term, default: []].append(try cursors.add(segment: segment, entry: entry)) }
                return true
            }
        }
        return try byTerm.keys.sorted { $0.lexicographicallyPrecedes($1) }.map {
            try TermPostings(term: $0, cursors: cursors, parts: byTerm[$0]!)
        }
    }
}
