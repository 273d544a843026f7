import VietSearchSQLite

extension SearchIndex {
    /// The document with this id, or nil when the index has none. Of its text, at most the first
    /// `maxTextBytes` bytes (ending at a character boundary; `textLength` counts all of it): a
    /// preview of a huge document holds its first part, not the whole document, in memory. A
    /// file stored in sections is one document (the id of any of its sections names it too):
    /// its sections' texts in order.
    public func document(id: Int64, maxTextBytes: Int = .max) throws(VietSearchError) -> StoredDocument? {
        try wrapping {
            try sections.refresh(from: connection)
            let file = sections.file(of: id)
            let statement = try connection.prepare("SELECT path, title, format, encoding, size, mtime_ns FROM documents WHERE id = ?1")
            try statement.bind([.integer(file)])
            guard try statement.step() else { return nil }
            // Read while the statement holds its read transaction: the same rows as its path.
            var (text, length, cut) = try storedText(of: file, maxBytes: maxTextBytes)
            if sections.isSectioned(file) {
                let rest = try sectionsText(of: file, maxBytes: cut ? 0 : maxTextBytes - text.utf8.count)
                text += rest.text
                length += rest.scalars
            }
            var document = StoredDocument(
                id: file, path: statement.text(at: 0), title: statement.text(at: 1), text: text, format: statement.text(at: 2),
                encoding: statement.text(at: 3), size: statement.int64(at: 4), modificationTime: statement.int64(at: 5))
            document.textLength = length
            return document
        }
    }

    /// The later sections' texts of a file, in order, up to `maxBytes` bytes in all (as
    /// `storedText` cuts them), and the scalars of them all.
    private func sectionsText(of file: Int64, maxBytes: Int) throws -> (text: String, scalars: Int) {
        let statement = try connection.prepare("SELECT id FROM documents WHERE file = ?1 ORDER BY id")
        try statement.bind([.integer(file)])
        var text = ""
        var scalars = 0
        var cut = false
        while try statement.step() {
            // Once a section is cut, the text stops there; the later ones are only counted.
            let section = try storedText(of: statement.int64(at: 0), maxBytes: cut ? 0 : maxBytes - text.utf8.count)
            text += section.text
            scalars += section.scalars
            cut = cut || section.cut
        }
        return (text, scalars)
    }

    /// The first `maxBytes` bytes of a stored text, cut at a character boundary, and the whole
    /// text's length in Unicode scalars, read in place a megabyte at a time; `cut`: the text is
    /// longer than `maxBytes`.
    func storedText(of id: Int64, maxBytes: Int) throws -> (text: String, scalars: Int, cut: Bool) {
        let blob = try connection.openBlob(table: "documents", column: "body", rowid: id)
        var kept: [UInt8] = []
        var scalars = 0
        var offset = 0
        while offset < blob.count {
            let piece = try blob.read(offset..<min(blob.count, offset + (1 << 20)))
            for byte in piece where byte & 0xC0 != 0x80 { scalars += 1 }
            // One byte past the limit, to see whether a character continues there.
            if kept.count <= maxBytes { kept += piece.prefix(min(maxBytes - kept.count, piece.count) + 1) }
            offset += piece.count
        }
        if kept.count > maxBytes {
            var end = maxBytes
            while end > 0, kept[end] & 0xC0 == 0x80 { end -= 1 }
            kept.removeSubrange(end...)
        }
        return (String(decoding: kept, as: UTF8.self), scalars, blob.count > maxBytes)
    }

    /// Where a search for `query` (with `options.exact`, `restoreAccents` and `literal`) matches in
    /// each of `texts`: per text, the ranges of the matched words in Unicode scalars (code
    /// points), marked as a search's snippets mark them. No ranges when the query has no words.
    /// Fails with `.queryRejected` when the query is over `options.limits`, as `search` does.
    public func matches(of query: String, in texts: [String], options: SearchOptions = SearchOptions()) throws(VietSearchError)
        -> [[Range<Int>]]
    {
        let parsed = SearchQuery(parsing: query)
        if let reason = options.limits.violation(of: parsed, tokens: planner.tokens(of:)) { throw .queryRejected(reason: reason) }
        return try wrapping {
            let (parsed, statistics, _, _) = try interpret(parsed, options: options)
            guard let plan = planner.plan(for: parsed, exact: options.exact, statistics: statistics) else {
                return texts.map { _ in [] }
            }
            return texts.map { text in Self.scalarRanges(plan.snippets.highlights(in: text), in: text) }
        }
    }

    /// Byte ranges of `text`'s UTF-8 as ranges of its Unicode scalars (ascending ranges, one walk).
    static func scalarRanges(_ byteRanges: [Range<Int>], in text: String) -> [Range<Int>] {
        guard !byteRanges.isEmpty else { return [] }
        var result: [Range<Int>] = []
        result.reserveCapacity(byteRanges.count)
        var byte = 0
        var scalar = 0
        var pending = byteRanges.makeIterator()
        var current = pending.next()
        var lower: Int?
        for unit in text.unicodeScalars {
            while let range = current {
                if lower == nil, byte >= range.lowerBound { lower = scalar }
                if let start = lower, byte >= range.upperBound {
                    result.append(start..<scalar)
                    lower = nil
                    current = pending.next()
                    continue
                }
                break
            }
            byte += UTF8.width(unit)
            scalar += 1
        }
        if let range = current, let start = lower, byte >= range.upperBound { result.append(start..<scalar) }
        return result
    }
}

extension SearchIndex {
    /// The folders that directly hold the most documents, with how many, most first (equal
    /// counts by path): choices for a folder filter.
    public func folders(limit: Int) throws(VietSearchError) -> [(path: String, documents: Int)] {
        try wrapping {
            var counts: [Substring: Int] = [:]
            let statement = try connection.prepare("SELECT path FROM documents" + IndexSchema.filesOnly(connection))
            while try statement.step() {
                let path = statement.text(at: 0)
                guard let slash = path.lastIndex(of: "/") else { continue }
                counts[path[..<slash], default: 0] += 1
            }
            return counts.map { (path: String($0.key), documents: $0.value) }
                .sorted { $0.documents != $1.documents ? $0.documents > $1.documents : $0.path < $1.path }
                .prefix(max(0, limit)).map { $0 }
        }
    }
}

extension SearchIndex {
    /// How many documents (files) the index holds.
    public func documentCount() throws(VietSearchError) -> Int {
        try wrapping { Int(try connection.scalarInt("SELECT count(*) FROM documents" + IndexSchema.filesOnly(connection)) ?? 0) }
    }
}

extension SearchIndex {
    /// Runs `body` in one read transaction: every statement in it reads the same state of the
    /// index, however many commits another process makes meanwhile (a search reads its rows,
    /// then their documents, in separate statements).
    public func reading<T>(_ body: () throws -> T) throws -> T {
        try connection.execute("BEGIN")
        do {
            let result = try body()
            try connection.execute("COMMIT")
            return result
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }
}
