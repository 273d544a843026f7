import ArgumentParser
import Foundation
import VietSearch

extension VNSearchCommand {
    /// `vnsearch watch`: keep an index up to date with folders, without a server.
    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Keep an index up to date with folders as files change (until stopped).",
            discussion: """
                Indexes the folders as `vnsearch index` does, then again within about a second \
                whenever a file under them is added, changed, moved or deleted (inotify; \
                --poll SECONDS looks every so often instead, for network file systems). Each \
                change prints a line. Searches work all the while. Stopping it at any moment \
                (Ctrl-C, kill) leaves a consistent index; only one indexer runs on an index at a \
                time, and a run refused because another one holds the index is tried again.

                Examples:
                  vnsearch watch ~/Documents/bao-chi
                  vnsearch watch /mnt/share/van-ban --poll 30 --db share.db
                `vnsearch serve --watch FOLDER` does the same while serving the search page.
                """
        )

        @Argument(help: "Folders to keep indexed.", completion: .directory)
        var folders: [String]

        @OptionGroup var database: DatabaseOptions

        @OptionGroup var watching: WatchOptions

        @Flag(name: .shortAndLong, help: "Print nothing but errors.")
        var quiet = false

        func validate() throws { try WatchOptions.check(folders) }

        func run() throws {
            let path = database.resolvedPath
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = try SearchIndex(path: path, mode: .readWrite)  // searchable (empty) from the start
            let quiet = quiet
            let runs = Counter()
            let indexer = watching.liveIndexer(indexPath: path, folders: folders) { event in
                let first = runs.increment() == 1
                if case .failed(let message) = event { Terminal.error("indexing failed, will retry: \(message)") }
                if !quiet, case .indexed = event, let line = WatchOptions.summary(event, first: first) { Terminal.line(line) }
            }
            if !quiet { Terminal.line("watching \(indexer.folders.joined(separator: ", ")) → \(path) (Ctrl-C stops)") }
            indexer.start()
            while true { Thread.sleep(forTimeInterval: 3600) }
        }
    }
}

/// A count shared with the indexing thread.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func increment() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
