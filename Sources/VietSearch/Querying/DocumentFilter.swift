import Foundation
import VietSearchSQLite

/// Which documents a search may return: under some folders, of some file types and encodings,
/// modified within a time range. Each part left empty allows every document; the parts
/// together must all hold (`--in docs --type pdf`: PDFs under `docs`).
///
/// The filter is a set of allowed rows of `documents` (`SearchIndex.allowedRowids(for:)`), so a
/// ranking restricts to rowids and never needs to know what a folder or a type is; today's
/// ranking takes it as a SQL constraint on the rowid (`condition`).
public struct DocumentFilter: Sendable, Hashable {
    /// Absolute folder paths: a document under any of them passes.
    public var folders: [String]
    /// File types, as extensions (`pdf`, `docx`; `html` also means `.htm`): any of them.
    public var types: [String]
    /// Source encodings as `vnsearch stats` shows them (`utf-8`, `rtf/tcvn3`): any of them.
    public var encodings: [String]
    /// Modified at or after this time (nanoseconds since 1970).
    public var modifiedFrom: Int64?
    /// Modified before this time (nanoseconds since 1970).
    public var modifiedBefore: Int64?

    public init(
        folders: [String] = [], types: [String] = [], encodings: [String] = [], modifiedFrom: Int64? = nil,
        modifiedBefore: Int64? = nil
    ) {
        self.folders = folders
        self.types = types
        self.encodings = encodings
        self.modifiedFrom = modifiedFrom
        self.modifiedBefore = modifiedBefore
    }

    /// True when every document passes.
    public var isEmpty: Bool {
        folders.isEmpty && types.isEmpty && encodings.isEmpty && modifiedFrom == nil && modifiedBefore == nil
    }

    /// A value a person typed that the filter cannot use.
    public struct InvalidValue: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The filter from the values of `--in`, `--type`, `--encoding`, `--after` and `--before`
    /// (and the server's `in`, `type`, `encoding`, `after`, `before`): one reading for both.
    /// Types and encodings may also be given as comma-separated lists. Folders must be absolute
    /// (the command line resolves relative ones first).
    public init(folders: [String], types: [String], encodings: [String], after: String?, before: String?) throws(InvalidValue) {
        var standardized: [String] = []
        for folder in folders where !folder.isEmpty {
            guard folder.hasPrefix("/") else { throw InvalidValue(description: "folder '\(folder)' is not an absolute path") }
            standardized.append(URL(fileURLWithPath: folder).standardizedFileURL.path)
        }
        let typeNames = Self.list(types).map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
        for type in typeNames where !Self.knownTypes.contains(type) {
            throw InvalidValue(description: "unknown file type '\(type)' (known: \(Self.knownTypes.sorted().joined(separator: ", ")))")
        }
        self.init(folders: standardized, types: typeNames, encodings: Self.list(encodings).map { $0.lowercased() })
        modifiedFrom = try after.map { value throws(InvalidValue) in try Self.time(parsing: value, name: "after") }
        modifiedBefore = try before.map { value throws(InvalidValue) in try Self.time(parsing: value, name: "before") }
    }

    /// File types the indexer reads, by extension.
    static let knownTypes: Set<String> = ["txt", "text", "md", "markdown", "html", "htm", "rtf", "docx", "doc", "pdf"]

    /// Extensions that are one type to a person.
    static let sameType: [String: [String]] = [
        "txt": ["txt", "text"], "text": ["txt", "text"], "md": ["md", "markdown"], "markdown": ["md", "markdown"],
        "html": ["html", "htm"], "htm": ["html", "htm"],
    ]

    /// The `format` values (extensions) the types stand for.
    var formats: [String] {
        var seen = Set<String>()
        return types.flatMap { Self.sameType[$0] ?? [$0] }.filter { seen.insert($0).inserted }
    }

    private static func list(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `2024-01-31` (the start of that day, local time) or an ISO 8601 time with its zone
    /// (`2024-01-31T08:00:00Z`), in nanoseconds since 1970.
    static func time(parsing text: String, name: String) throws(InvalidValue) -> Int64 {
        if let date = ISO8601DateFormatter().date(from: text) {
            return Int64(date.timeIntervalSince1970) * 1_000_000_000
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day),
            let date = Calendar.current.date(from: DateComponents(year: year, month: month, day: day)),
            Calendar.current.component(.day, from: date) == day
        {
            return Int64(date.timeIntervalSince1970) * 1_000_000_000
        }
        throw InvalidValue(description: "--\(name) '\(text)' is not a date: write 2024-01-31 or 2024-01-31T08:00:00Z")
    }

    /// A condition on `documents` (`id`, `path`, `format`, `encoding`, `mtime_ns`) and its values,
    /// numbered from `?<firstParameter>`; nil when every document passes.
    package func condition(firstParameter: Int) -> (sql: String, values: [SQLiteValue])? {
        guard !isEmpty else { return nil }
        var parts: [String] = []
        var values: [SQLiteValue] = []
        func parameter(_ value: SQLiteValue) -> String {
            values.append(value)
            return "?\(firstParameter + values.count - 1)"
        }
        if !folders.isEmpty {
            // A folder's documents are the paths between "folder/" and "folder0" ('0' follows '/'):
            // a range on the path index, not a LIKE that would also need escaping.
            parts.append(
                "(" + folders.map { folder in
                    let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
                    return "(path > \(parameter(.text(base + "/"))) AND path < \(parameter(.text(base + "0"))))"
                }.joined(separator: " OR ") + ")")
        }
        if !types.isEmpty { parts.append("format IN (" + formats.map { parameter(.text($0)) }.joined(separator: ", ") + ")") }
        if !encodings.isEmpty { parts.append("encoding IN (" + encodings.map { parameter(.text($0)) }.joined(separator: ", ") + ")") }
        if let modifiedFrom { parts.append("mtime_ns >= \(parameter(.integer(modifiedFrom)))") }
        if let modifiedBefore { parts.append("mtime_ns < \(parameter(.integer(modifiedBefore)))") }
        return (parts.joined(separator: " AND "), values)
    }
}
