import ArgumentParser
import Foundation
import VietSearch

extension VNSearchCommand {
    /// `vnsearch stats`: what an index holds.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what an index holds.",
            discussion: """
                Documents, bytes of text, size on disk, when it was last indexed, schema version and \
                the encodings found. --json prints {"path", "documents", "text_bytes", "index_bytes", \
                "last_indexed_at", "schema_version", "encodings": {name: count}}.
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Flag(help: "Print JSON instead of text.")
        var json = false

        func run() throws {
            let path = database.resolvedPath
            let stats = try SearchIndex(path: path, mode: .readOnly).statistics()
            var diskBytes: Int64 = 0
            for suffix in ["", "-wal", "-shm"] {
                if let size = (try? FileManager.default.attributesOfItem(atPath: path + suffix))?[.size] as? NSNumber {
                    diskBytes += size.int64Value
                }
            }
            let lastIndexed = stats.lastIndexedAt.map { ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double($0))) }
            if json {
                print(
                    JSONOutput.object([
                        ("path", .string(path)), ("documents", .number(stats.documents)),
                        ("text_bytes", .number(Int(stats.textBytes))), ("index_bytes", .number(Int(diskBytes))),
                        ("last_indexed_at", lastIndexed.map { .string($0) } ?? .null),
                        ("schema_version", .number(stats.schemaVersion)),
                        ("encodings", .object(stats.encodings.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })),
                    ]).rendered)
            } else {
                print("index:          \(Terminal.escaped(path))")
                print("documents:      \(stats.documents)")
                print(String(format: "text:           %.1f MB", Double(stats.textBytes) / 1e6))
                print(String(format: "on disk:        %.1f MB", Double(diskBytes) / 1e6))
                print("last indexed:   \(lastIndexed ?? "never")")
                print("schema version: \(stats.schemaVersion)")
                print("encodings:      " + Terminal.escaped(stats.encodings.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
                if let damaged = stats.encodings[IndexStatistics.damagedUTF8], damaged > 0 {
                    print("warning:        \(damaged) documents are UTF-8 with invalid bytes, shown as U+FFFD")
                }
            }
        }
    }
}
