import ArgumentParser
import Foundation
import VietSearch

extension VNSearchCommand {
    /// `vnsearch stats`: what an index holds.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what an index holds.",
            discussion: """
                Documents, bytes of text, size on disk, when it was last indexed, schema version, \
                the encodings found, whether searches read stored syllable pairs and block \
                maxima (vnsearch optimize stores them), and stored row lengths (indexing runs \
                store them). --json prints {"path", "documents", \
                "text_bytes", "index_bytes", "last_indexed_at", "schema_version", "encodings": \
                {name: count}, "formats": {type: count}, "pair_postings": {"status": "none" | \
                "current" | "out_of_date", "pairs": count}, "block_maxima": {"status": "none" | \
                "current" | "out_of_date"}, "row_lengths": {"status": the same}}.
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Flag(help: "Print JSON instead of text.")
        var json = false

        func run() throws {
            let path = database.resolvedPath
            let stats = try SearchIndex(path: path, mode: .readOnly).statistics()
            let diskBytes = StatisticsJSON.diskBytes(ofIndexAt: path)
            let lastIndexed = stats.lastIndexedAt.map { UTCTime.iso8601(seconds: $0) }
            if json {
                print(JSONOutput.object(StatisticsJSON.members(stats, path: path)).rendered)
            } else {
                print("index:          \(Terminal.escaped(path))")
                print("documents:      \(stats.documents)")
                print(String(format: "text:           %.1f MB", Double(stats.textBytes) / 1e6))
                print(String(format: "on disk:        %.1f MB", Double(diskBytes) / 1e6))
                print("last indexed:   \(lastIndexed ?? "never")")
                print("schema version: \(stats.schemaVersion)")
                print("encodings:      " + Terminal.escaped(stats.encodings.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
                print("file types:     " + Terminal.escaped(stats.formats.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
                switch stats.pairPostings {
                case .current: print("syllable pairs: \(stats.storedPairs > 0 ? "\(stats.storedPairs) " : "")stored, read by searches")
                case .outOfDate: print("syllable pairs: out of date, unused (vnsearch optimize stores them anew)")
                case .none: print("syllable pairs: none (vnsearch optimize stores them, for faster searches)")
                }
                switch stats.blockMaxima {
                case .current: print("block maxima:   stored, read by searches")
                case .outOfDate: print("block maxima:   out of date, unused (vnsearch optimize stores them anew)")
                case .none: print("block maxima:   none (vnsearch optimize stores them, for faster searches)")
                }
                switch stats.rowLengths {
                case .current: print("row lengths:    stored, read by searches")
                case .outOfDate: print("row lengths:    out of date, unused (the next indexing run stores them anew)")
                case .none: print("row lengths:    none (the next indexing run stores them, for faster searches)")
                }
                if let damaged = stats.encodings[IndexStatistics.damagedUTF8], damaged > 0 {
                    print("warning:        \(damaged) documents are UTF-8 with invalid bytes, shown as U+FFFD")
                }
            }
        }
    }
}
