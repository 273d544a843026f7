import ArgumentParser
import Foundation
import VietSearch

extension VNSearchCommand {
    /// `vnsearch optimize`: merge the full-text index for faster searches.
    struct Optimize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge the full-text index into one piece, for faster searches.",
            discussion: """
                Indexing adds the full-text index in pieces (segments), and every search reads \
                each piece: merging them makes searches faster. It writes the merged index again \
                in order, so that its pages are full. Then it stores, for each pair of adjacent \
                common syllables, the documents that hold it, which lets a search skip far more \
                documents (questions a fifth faster at 36,000 documents, twice as fast at 1 GB) \
                for about 7 % more disk; and, per block of 128 documents, the most each common \
                syllable can add to a score, so that searches for very common words and phrases \
                skip whole blocks (at 1 GB ten times faster). Worth it after indexing when the index will be \
                searched a lot: the next indexing run adds new pieces again. Indexing keeps the \
                pairs up to date until it has changed a thirty-second of the documents already \
                there (new files do not count); after that they go unused until the next \
                optimize.

                Safe to interrupt: each step is one transaction. It waits for no indexer: while \
                one runs on the same index, it stops with a message.

                Examples:
                  vnsearch optimize
                  vnsearch optimize --db project.db
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Flag(name: .shortAndLong, help: "Print nothing but errors.")
        var quiet = false

        func run() throws {
            let path = database.resolvedPath
            guard FileManager.default.fileExists(atPath: path) else { throw VietSearchError.indexNotFound(path: path) }
            let index = try SearchIndex(path: path, mode: .readWrite)
            if !quiet && Terminal.standardErrorIsTTY { Terminal.status("merging the full-text index of \(path) and storing its syllable pairs…") }
            let report = try index.optimize()
            if !quiet && Terminal.standardErrorIsTTY { Terminal.clearStatus() }
            guard !quiet else { return }
            let segments =
                report.segmentsBefore <= 1 ? "it was already one segment" : "\(report.segmentsBefore) segments → \(report.segmentsAfter)"
            print("optimized \(Terminal.escaped(path)): \(segments) " + String(format: "(%.1f s)", report.seconds))
            print(
                "stored \(report.pairs) pairs of common syllables for ranking, \(report.pairEntries) entries "
                    + String(format: "(%.1f s)", report.pairSeconds))
            print(
                "stored the block maxima of \(report.blockMaximaSyllables) common syllables for ranking "
                    + String(format: "(%.1f s)", report.blockMaximaSeconds))
        }
    }
}
