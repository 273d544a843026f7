import ArgumentParser
import Foundation
import VietSearch

extension VNSearchCommand {
    /// `vnsearch index`: bring an index up to date with folders.
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Index the documents in one or more folders (incremental).",
            discussion: """
                Reads .txt, .md, .html/.htm, .rtf, .docx, .doc (Word 97-2003) and .pdf files (PDF \
                through pdftotext, from poppler-utils) under the folders, skipping hidden files and \
                folders. Text may be UTF-8 (with or without BOM), UTF-16 with BOM, or a legacy \
                Vietnamese encoding, detected per file: Windows-1258, TCVN3 (ABC), VNI, VISCII; \
                --verbose and `vnsearch stats` show the encodings found. A second run \
                re-reads only new and changed files and removes deleted ones. Binary, empty and \
                unreadable files are reported and skipped; the run still succeeds. What cannot be \
                read (a file, or a folder without permission) keeps its indexed version.

                Links to folders are not followed. Links to files are followed when the file is \
                inside the folders indexed; others are skipped with the reason, unless \
                --follow-links is given. File names that are not UTF-8 are indexed with U+FFFD \
                in place of their bad bytes.

                Interrupting a run (Ctrl-C) leaves a consistent, searchable index; the next run \
                finishes the work. Only one indexer runs on an index at a time. Memory stays \
                within --memory however large the folder or its files: a file longer than 256 KB \
                of text is indexed in sections, and found and listed once.

                Examples:
                  vnsearch index ~/Documents/bao-chi
                  vnsearch index docs/ notes/ --db project.db
                """
        )

        /// Taken as typed even when a name begins with "-" (`-dashdir` was read as short options,
        /// among them `-h`, and printed the help); an unknown option is then reported as a folder
        /// that does not exist.
        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Folders to index.", valueName: "folders"), completion: .directory)
        var arguments: [String] = []

        /// The folders: every argument but a `--` (which only ends the options, as usual).
        var folders: [String] { arguments.filter { $0 != "--" } }

        @OptionGroup var database: DatabaseOptions

        @Flag(name: .shortAndLong, help: "Print nothing but errors.")
        var quiet = false

        @Flag(name: .shortAndLong, help: "List every skipped file, the warnings and the encodings found.")
        var verbose = false

        @Option(name: .long, help: "Memory the run may use, in MB (default 200, at least 32), whatever the folder's size.")
        var memory: Int?

        @Flag(help: "Also follow links to files outside the folders indexed.")
        var followLinks = false

        func validate() throws {
            guard !folders.isEmpty else { throw ValidationError("Missing the folders to index: vnsearch index <folder>...") }
            for folder in folders {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw ValidationError("'\(folder)' is not a folder")
                }
            }
        }

        func run() throws {
            let path = database.resolvedPath
            // Only the default location's folder is made: a --db path in a folder that does not
            // exist is a mistake to report (see `IndexLocation`).
            if database.isDefaultLocation {
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            }
            let index = try SearchIndex(path: path, mode: .readWrite)
            let showProgress = !quiet && Terminal.standardErrorIsTTY
            var lastUpdate = Date.distantPast
            let started = Date()
            let indexer = FolderIndexer(index: index)
            if let memory { indexer.budget = IndexingBudget(bytes: memory << 20) }
            indexer.followLinks = followLinks
            var lastStage = IndexingProgress.Stage.files
            let hadPairs = try index.storedPairsAreCurrent()
            let report = try indexer.run(folders: folders) { progress in
                // A new stage shows at once: it may be the last line for many seconds.
                guard showProgress, progress.stage != lastStage || Date().timeIntervalSince(lastUpdate) > 0.1 else { return }
                lastUpdate = Date()
                lastStage = progress.stage
                Terminal.status(Self.progressLine(progress, elapsed: Date().timeIntervalSince(started)))
            }
            if showProgress { Terminal.clearStatus() }
            guard !quiet else { return }
            for skip in report.skipped.prefix(verbose ? Int.max : 20) {
                Terminal.error("skipped \(skip.path): \(skip.reason)")
            }
            if !verbose && report.skipped.count > 20 {
                Terminal.error("… and \(report.skipped.count - 20) more skipped files (--verbose lists them all)")
            }
            if verbose {
                for warning in report.warnings { Terminal.error("warning: \(warning.path): \(warning.message)") }
            } else if !report.warnings.isEmpty {
                Terminal.error("\(report.warnings.count) files indexed with warnings (--verbose lists them)")
            }
            print(
                "added \(report.added), updated \(report.updated), removed \(report.removed), "
                    + "unchanged \(report.unchanged), skipped \(report.skipped.count) "
                    + String(format: "(%.1f MB read in %.1f s) → ", Double(report.bytesRead) / 1e6, report.seconds) + Terminal.escaped(path))
            if verbose && !report.encodings.isEmpty {
                print("encodings: " + Terminal.escaped(report.encodings.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
            }
            if hadPairs, !quiet, try !index.storedPairsAreCurrent() {
                Terminal.error(
                    "note: the stored syllable pairs no longer cover the documents (too many changed since vnsearch optimize); "
                        + "searches are slower until vnsearch optimize stores them anew")
            }
        }

        static func progressLine(_ progress: IndexingProgress, elapsed: Double) -> String {
            let files = "\(progress.filesDone)/\(progress.filesTotal) files"
            switch progress.stage {
            case .files: break
            case .statistics: return "indexing: \(files) · updating the word statistics…"
            case .merging: return "indexing: \(files) · merging the index into one segment (once, after a large run)…"
            }
            let megabytes = Double(progress.bytesDone) / 1e6
            let rate = elapsed > 0 ? megabytes / elapsed : 0
            let remaining = rate > 0 ? (Double(progress.bytesTotal - progress.bytesDone) / 1e6) / rate : 0
            return String(
                format: "indexing: %d/%d files · %.1f/%.1f MB · %.1f MB/s · ETA %.0f s", progress.filesDone,
                progress.filesTotal, megabytes, Double(progress.bytesTotal) / 1e6, rate, remaining)
        }
    }
}
