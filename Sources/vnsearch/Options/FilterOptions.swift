import ArgumentParser
import Foundation
import VietSearch

/// `--in`, `--type`, `--encoding`, `--after`, `--before`: which documents a search may return.
/// Each may be given more than once; different flags must all hold.
struct FilterOptions: ParsableArguments {
    @Option(
        name: .customLong("in"),
        help: ArgumentHelp("Only documents under this folder (repeat for several).", valueName: "folder"),
        completion: .directory)
    var folders: [String] = []

    @Option(
        name: .customLong("type"),
        help: ArgumentHelp("Only this file type: txt, md, html, rtf, doc, docx, pdf (repeat or comma-separate).", valueName: "type"))
    var types: [String] = []

    @Option(
        name: .customLong("encoding"),
        help: ArgumentHelp("Only documents in this source encoding, as `vnsearch stats` lists them (utf-8, rtf/tcvn3…).", valueName: "name"))
    var encodings: [String] = []

    @Option(help: ArgumentHelp("Only files modified on or after this day (2024-01-31, local time) or time (ISO 8601).", valueName: "date"))
    var after: String?

    @Option(help: ArgumentHelp("Only files modified before this day (2024-01-31, local time) or time (ISO 8601).", valueName: "date"))
    var before: String?

    /// Relative folders are taken from the working directory, as `index` takes them.
    func filter() throws -> DocumentFilter {
        let absolute = folders.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        do {
            return try DocumentFilter(folders: absolute, types: types, encodings: encodings, after: after, before: before)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func validate() throws { _ = try filter() }
}
