import ArgumentParser
import Foundation
import VietSearch

/// How `serve --watch` and `watch` notice changes.
struct WatchOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Look for changes every this many seconds instead of using inotify (for network file systems, whose changes made elsewhere inotify does not see).",
            valueName: "seconds"))
    var poll: Double?

    @Flag(help: "Also follow links to files outside the folders watched, as `vnsearch index --follow-links` does (a change to such a file is seen at the next run another change starts, or at the next poll).")
    var followLinks = false

    func validate() throws {
        if let poll, !(poll >= 0.1 && poll <= 3600) { throw ValidationError("--poll must be between 0.1 and 3600 seconds") }
    }

    func liveIndexer(indexPath: String, folders: [String], onEvent: @escaping @Sendable (LiveIndexer.Event) -> Void) -> LiveIndexer {
        let indexer = LiveIndexer(indexPath: indexPath, folders: folders, onEvent: onEvent)
        indexer.followLinks = followLinks
        if let poll {
            indexer.useInotify = false
            indexer.pollInterval = poll
        }
        return indexer
    }

    /// One line for a finished run: what changed, or nil when nothing did.
    static func summary(_ event: LiveIndexer.Event, first: Bool) -> String? {
        let time = UTCTime.iso8601(seconds: Int64(Date().timeIntervalSince1970))
        switch event {
        case .indexed(let report):
            let changed = report.added + report.updated + report.removed + report.skipped.count > 0
            guard changed || first else { return nil }
            var line = "\(time) added \(report.added), updated \(report.updated), removed \(report.removed), "
                + "unchanged \(report.unchanged), skipped \(report.skipped.count)" + String(format: " (%.2f s)", report.seconds)
            for skip in report.skipped.prefix(5) { line += "\n  skipped \(skip.path): \(skip.reason)" }
            return line
        case .failed(let message):
            return "\(time) indexing failed, will retry: \(message)"
        }
    }

    /// Each folder exists and is a folder.
    static func check(_ folders: [String]) throws {
        for folder in folders {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("'\(folder)' is not a folder")
            }
        }
    }
}
