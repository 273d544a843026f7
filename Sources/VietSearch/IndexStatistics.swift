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

    /// The encoding of documents that were UTF-8 with invalid bytes (each replaced by U+FFFD).
    public static let damagedUTF8 = TextDecoder.damagedUTF8
}

extension SearchIndex {
    public func statistics() throws(VietSearchError) -> IndexStatistics {
        try wrapping {
            let documents = Int(try connection.scalarInt("SELECT count(*) FROM documents") ?? 0)
            let textBytes = try connection.scalarInt("SELECT coalesce(sum(length(CAST(body AS BLOB))), 0) FROM documents") ?? 0
            var encodings: [String: Int] = [:]
            let statement = try connection.prepare("SELECT encoding, count(*) FROM documents GROUP BY encoding")
            while try statement.step() { encodings[statement.text(at: 0)] = statement.int(at: 1) }
            var formats: [String: Int] = [:]
            let byFormat = try connection.prepare("SELECT format, count(*) FROM documents GROUP BY format")
            while try byFormat.step() { formats[byFormat.text(at: 0)] = byFormat.int(at: 1) }
            return IndexStatistics(
                documents: documents, textBytes: textBytes, lastIndexedAt: try meta(.lastIndexedAt).flatMap { Int64($0) },
                schemaVersion: IndexSchema.version, encodings: encodings, formats: formats)
        }
    }
}
