import ArgumentParser
import Foundation
import VietSearch
import VietSearchServer

extension VNSearchCommand {
    /// `vnsearch serve`: the search page and JSON API.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve a search page and a JSON API over an index (until stopped).",
            discussion: """
                Open the printed address in a browser: results appear as you type, with or \
                without diacritics; filters by folder, file type, encoding and date; a preview \
                of each document with its matches; keyboard navigation (/ ↑ ↓ Enter n p Esc). \
                /?q=… is a link to a search. Everything is served from this program: nothing \
                is loaded from the internet.

                JSON API (GET; docs/SERVER.md has the details):
                  /api/search?q=…       what `vnsearch search --json` prints, the flags
                                        as parameters: limit, offset, exact,
                                        restore_accents, in, type, encoding,
                                        after, before
                  /api/documents/ID?q=  a document by its number in the index: title,
                                        path, text, and where the query matches
                  /api/stats            `vnsearch stats --json`, folders, watch status
                  /healthz              200 when the index can be read, else 503
                Errors are JSON: {"error": "message"}.

                The server listens on 127.0.0.1 unless --host says otherwise, and then warns: \
                anyone who can reach the address can search the index and read the documents' \
                text. --token (or $VNSEARCH_TOKEN) then requires `Authorization: Bearer TOKEN` \
                on /api/; the page takes it from the link printed at start (…/#token=TOKEN).

                --watch keeps the index up to date with folders while serving (see `vnsearch \
                watch --help`). --read-only serves an index that another program writes, such as \
                a Litestream replica (docs/SERVER.md has the recipe for read replicas).

                Examples:
                  vnsearch serve --demo                        the sample documents
                  vnsearch serve --watch ~/Documents/bao-chi   index, keep current, serve
                  vnsearch serve --db copy.db --read-only --host 0.0.0.0 --token "$T"
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Address to listen on (127.0.0.1: this machine only).")
        var host = "127.0.0.1"

        @Option(help: "Port to listen on (0: any free port, printed).")
        var port = 8080

        @Option(parsing: .upToNextOption, help: ArgumentHelp("Folders to keep indexed while serving.", valueName: "folder"), completion: .directory)
        var watch: [String] = []

        @OptionGroup var watching: WatchOptions

        @OptionGroup var dictionary: DictionaryOptions

        @Option(help: ArgumentHelp("Require this bearer token on /api/ (default: $VNSEARCH_TOKEN, if set).", valueName: "token"))
        var token: String?

        @Flag(help: "Never write the index (a replica, or an index another process keeps).")
        var readOnly = false

        @Flag(help: "Index the bundled sample documents into a temporary index and serve that.")
        var demo = false

        @Option(help: "Threads answering searches (default: one per core).")
        var workers = ServerConfiguration.defaultWorkers

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            guard (1...64).contains(workers) else { throw ValidationError("--workers must be between 1 and 64") }
            if readOnly && !watch.isEmpty { throw ValidationError("--read-only never writes the index: leave out --watch") }
            if demo && database.path != nil { throw ValidationError("--demo serves a temporary index: leave out --db") }
            if let token = resolvedToken, token.count < 8 || token.contains(where: { $0.isWhitespace }) {
                throw ValidationError("--token must be at least 8 characters, without spaces")
            }
            try WatchOptions.check(watch)
        }

        var resolvedToken: String? {
            token ?? ProcessInfo.processInfo.environment["VNSEARCH_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        }

        func run() async throws {
            var workspace: URL?
            defer { workspace.map { try? FileManager.default.removeItem(at: $0) } }
            let path: String
            if demo {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vnsearch-serve-demo-\(getpid())")
                workspace = folder
                path = try Self.indexDemo(into: folder)
            } else {
                path = database.resolvedPath
                try prepareIndex(at: path)
            }
            var configuration = ServerConfiguration(
                indexPath: path, host: host, port: port, token: resolvedToken, readOnly: readOnly || demo, watchFolders: watch,
                workers: workers)
            configuration.abbreviations = try dictionary.dictionary()
            if !configuration.isLoopback {
                Terminal.error(
                    "warning: listening on \(host): anyone who can reach it can search this index and read its documents' text"
                        + (configuration.token == nil ? "; --token requires a token" : ""))
            }
            let liveIndexer = watch.isEmpty ? nil : startWatching(indexPath: path)
            defer { liveIndexer?.stop(timeout: 2) }
            let documents = (try? SearchIndex(path: path, mode: .readOnly).documentCount()).map { " (\($0) documents)" } ?? ""
            let tokenSuffix = configuration.token.map { "#token=\($0)" } ?? ""
            try await SearchServer(configuration: configuration).run(liveIndexer: liveIndexer) { host, port in
                let shown = host.contains(":") ? "[\(host)]" : host
                Terminal.line("VietSearch: serving \(path)\(documents) at http://\(shown):\(port)/\(tokenSuffix)")
                Terminal.line("Ctrl-C stops.")
            }
        }

        /// A writable index is created when missing (then --watch fills it); a read-only one must
        /// exist and be an index.
        private func prepareIndex(at path: String) throws {
            if !watch.isEmpty {
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                _ = try SearchIndex(path: path, mode: .readWrite)
            } else {
                _ = try SearchIndex(path: path, mode: .readOnly)
            }
        }

        private func startWatching(indexPath: String) -> LiveIndexer {
            let runs = Counter()
            let indexer = watching.liveIndexer(indexPath: indexPath, folders: watch) { event in
                if let line = WatchOptions.summary(event, first: runs.increment() == 1) { Terminal.line(line) }
            }
            indexer.start()
            return indexer
        }

        static func indexDemo(into folder: URL) throws -> String {
            guard let samples = Demo.findSamples() else {
                throw ValidationError("cannot find Samples/documents: run from the repository root")
            }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let path = folder.appendingPathComponent("demo.db").path
            let report = try FolderIndexer(index: SearchIndex(path: path, mode: .readWrite)).run(folders: [samples])
            Terminal.line("indexed \(report.added) sample documents from \(samples)")
            return path
        }
    }
}
