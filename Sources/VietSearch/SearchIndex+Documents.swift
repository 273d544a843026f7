import VietSearchSQLite

extension SearchIndex {
    /// The document with this id, or nil when the index has none.
    public func document(id: Int64) throws(VietSearchError) -> StoredDocument? {
        try wrapping {
            let statement = try connection.prepare(
                "SELECT path, title, body, format, encoding, size, mtime_ns FROM documents WHERE id = ?1")
            try statement.bind([.integer(id)])
            guard try statement.step() else { return nil }
            return StoredDocument(
                id: id, path: statement.text(at: 0), title: statement.text(at: 1), text: statement.text(at: 2),
                format: statement.text(at: 3), encoding: statement.text(at: 4), size: statement.int64(at: 5),
                modificationTime: statement.int64(at: 6))
        }
    }

    /// Where a search for `query` (with `options.exact`, `restoreAccents` and `literal`) matches in
    /// each of `texts`: per text, the ranges of the matched words in Unicode scalars (code
    /// points), marked as a search's snippets mark them. No ranges when the query has no words.
    public func matches(of query: String, in texts: [String], options: SearchOptions = SearchOptions()) throws(VietSearchError)
        -> [[Range<Int>]]
    {
        try wrapping {
            let (parsed, statistics, _, _) = try interpret(query, options: options)
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
            let statement = try connection.prepare("SELECT path FROM documents")
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
    /// How many documents the index holds.
    public func documentCount() throws(VietSearchError) -> Int {
        try wrapping { Int(try connection.scalarInt("SELECT count(*) FROM documents") ?? 0) }
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
