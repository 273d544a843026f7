import Foundation

/// The JSON of `vnsearch stats --json`, also the start of the server's `GET /api/stats`:
/// `{"path", "documents", "text_bytes", "index_bytes", "last_indexed_at", "schema_version",
/// "encodings": {name: count}, "formats": {type: count}, "pair_postings": {"status": "none" |
/// "current" | "out_of_date", "pairs"}, "block_maxima": {"status": the same}, "row_lengths":
/// {"status": the same}}`.
package enum StatisticsJSON {
    /// The members, for a caller that appends its own.
    package static func members(_ stats: IndexStatistics, path: String) -> [(String, JSONOutput)] {
        [
            ("path", .string(path)), ("documents", .number(stats.documents)),
            ("text_bytes", .number(Int(stats.textBytes))), ("index_bytes", .number(Int(diskBytes(ofIndexAt: path)))),
            ("last_indexed_at", stats.lastIndexedAt.map { .string(UTCTime.iso8601(seconds: $0)) } ?? .null),
            ("schema_version", .number(stats.schemaVersion)),
            ("encodings", counts(stats.encodings)), ("formats", counts(stats.formats)),
            ("pair_postings", .object([("status", .string(stats.pairPostings.rawValue)), ("pairs", .number(stats.storedPairs))])),
            ("block_maxima", .object([("status", .string(stats.blockMaxima.rawValue))])),
            ("row_lengths", .object([("status", .string(stats.rowLengths.rawValue))])),
        ]
    }

    /// Bytes on disk: the file with its WAL and shared-memory files.
    package static func diskBytes(ofIndexAt path: String) -> Int64 {
        var total: Int64 = 0
        for suffix in ["", "-wal", "-shm"] {
            if let size = (try? FileManager.default.attributesOfItem(atPath: path + suffix))?[.size] as? NSNumber {
                total += size.int64Value
            }
        }
        return total
    }

    private static func counts(_ counts: [String: Int]) -> JSONOutput {
        .object(counts.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })
    }
}
