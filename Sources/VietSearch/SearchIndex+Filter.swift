import VietSearchSQLite

extension SearchIndex {
    /// The rowids of the documents that pass `filter`, ascending; nil when every document
    /// passes. The seam for a ranking that walks the full-text index itself: it keeps only
    /// these rows (a sorted array: binary search, or a merge with a doclist). Today's SQL
    /// ranking takes the same rows as a constraint instead (`DocumentFilter.condition`).
    package func allowedRowids(for filter: DocumentFilter) throws(VietSearchError) -> [Int64]? {
        guard let condition = filter.condition(firstParameter: 1) else { return nil }
        return try wrapping {
            let statement = try connection.prepare("SELECT id FROM documents WHERE \(condition.sql) ORDER BY id")
            try statement.bind(condition.values)
            var rowids: [Int64] = []
            while try statement.step() { rowids.append(statement.int64(at: 0)) }
            return rowids
        }
    }
}
