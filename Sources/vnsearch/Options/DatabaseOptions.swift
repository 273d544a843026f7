import ArgumentParser
import Foundation

/// `--db`, shared by every command that reads or writes an index.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The index file.",
            discussion: "Default: $VNSEARCH_DB, else $XDG_DATA_HOME/vnsearch/index.db (~/.local/share/vnsearch/index.db).",
            valueName: "file"))
    var path: String?

    /// Neither `--db` nor `$VNSEARCH_DB` chose the path: its folder is this tool's to create.
    var isDefaultLocation: Bool {
        path == nil && (ProcessInfo.processInfo.environment["VNSEARCH_DB"] ?? "").isEmpty
    }

    /// The path to use, absolute.
    var resolvedPath: String {
        if let path { return URL(fileURLWithPath: path).standardizedFileURL.path }
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["VNSEARCH_DB"], !path.isEmpty { return URL(fileURLWithPath: path).standardizedFileURL.path }
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() + "/.local/share")
        return data + "/vnsearch/index.db"
    }
}
