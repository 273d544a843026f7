/// What an index holds (`SearchIndex.statistics()`).
public struct IndexStatistics: Sendable, Hashable {
    public var documents: Int
    /// UTF-8 bytes of extracted text.
    public var textBytes: Int64
    /// Seconds since 1970, when an indexing run last finished.
    public var lastIndexedAt: Int64?
    public var schemaVersion: Int
    /// Documents per source encoding.
    public var encodings: [String: Int]
    /// Documents per file type (extension).
    public var formats: [String: Int] = [:]
    /// Whether searches read stored syllable pairs (`vnsearch optimize` stores them), and how many.
    public var pairPostings = PairPostingsStatus.none
    public var storedPairs = 0
    /// Whether searches read stored block maxima (`vnsearch optimize` stores them too).
    public var blockMaxima = PairPostingsStatus.none
    /// Whether searches read the stored row lengths (indexing runs and `optimize` store them).
    public var rowLengths = PairPostingsStatus.none

    public enum PairPostingsStatus: String, Sendable, Hashable {
        /// Never stored.
        case none
        /// Read by searches.
        case current
        /// The index changed in a way their upkeep did not follow: unread until `optimize`.
        case outOfDate = "out_of_date"
    }

    /// The encoding of documents that were UTF-8 with invalid bytes (each replaced by U+FFFD).
    public static let damagedUTF8 = TextDecoder.damagedUTF8
}

extension SearchIndex {
    public func statistics() throws(VietSearchError) -> IndexStatistics {
        try wrapping {
            // Files: the sections after a file's first are not documents of their own.
            let files = try IndexSchema.filesOnly(connection)
            let documents = Int(try connection.scalarInt("SELECT count(*) FROM documents" + files) ?? 0)
            let textBytes = try connection.scalarInt("SELECT coalesce(sum(length(CAST(body AS BLOB))), 0) FROM documents") ?? 0
            var encodings: [String: Int] = [:]
            let statement = try connection.prepare("SELECT encoding, count(*) FROM documents\(files) GROUP BY encoding")
            while try statement.step() { encodings[statement.text(at: 0)] = statement.int(at: 1) }
            var formats: [String: Int] = [:]
            let byFormat = try connection.prepare("SELECT format, count(*) FROM documents\(files) GROUP BY format")
            while try byFormat.step() { formats[byFormat.text(at: 0)] = byFormat.int(at: 1) }
            var statistics = IndexStatistics(
                documents: documents, textBytes: textBytes, lastIndexedAt: try meta(.lastIndexedAt).flatMap { Int64($0) },
                schemaVersion: IndexSchema.version, encodings: encodings, formats: formats)
            if try connection.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'pair_postings_state'") == 1 {
                // Counted since the tables were first made; an index optimized before has no count.
                if try connection.scalarInt("SELECT count(*) FROM pragma_table_info('pair_postings_state') WHERE name = 'pairs'") == 1 {
                    statistics.storedPairs = Int(try connection.scalarInt("SELECT max(pairs) FROM pair_postings_state") ?? 0)
                }
                statistics.pairPostings = try PairPostings.areCurrent(connection) ? .current : .outOfDate
            }
            if try connection.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'block_maxima_state'") == 1 {
                statistics.blockMaxima = try BlockMaxima.areCurrent(connection) ? .current : .outOfDate
            }
            if try connection.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'row_lengths_state'") == 1 {
                statistics.rowLengths = try StoredRowLengths.areCurrent(connection) ? .current : .outOfDate
            }
            return statistics
        }
    }
}
