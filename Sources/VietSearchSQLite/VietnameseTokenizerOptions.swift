/// Arguments of the `vietnamese` FTS5 tokenizer, parsed strictly as SQLite's own tokenizers parse
/// theirs: key/value pairs, unknown keys and bad values are errors.
///
/// `tokenize='vietnamese'` indexes folded keys only: `dang` matches Đảng, đang, đáng, dang.
/// `tokenize='vietnamese accent 1'` adds the accent key at the same position (colocated) so an
/// accented query word matches its accent form only, while unaccented words match everything.
/// `tokenize='vietnamese accent 2'` indexes one *keyed* term per word, `folded:accent` (or
/// `folded:` when both keys agree): the smallest index that still knows accents. Queries then
/// match the accent form exactly; `dang*` matches every variant. This is what `VietSearch` uses,
/// with its query builder asking for variant prefixes (see `variantMarker`).
public struct VietnameseTokenizerOptions: Sendable, Equatable {
    /// What is indexed about accents (`accent 0|1|2`).
    public enum AccentMode: Int, Sendable {
        /// Folded keys only.
        case folded = 0
        /// Folded keys plus colocated accent keys.
        case colocated = 1
        /// One `folded:accent` term per word.
        case keyed = 2
    }

    /// The `accent` argument; `.folded` when absent.
    public var accent: AccentMode = .folded

    /// Options as Swift values, for code that builds them rather than parsing a `tokenize=` clause.
    public init(accent: AccentMode = .folded) {
        self.accent = accent
    }

    /// In `keyed` mode, a query token followed by this byte inside a prefix string
    /// (`"dang\u{2}"*`) asks for every accent variant of the word: the prefix `dang:`. The analyzer
    /// treats the byte as a separator, so it never appears in keys.
    public static let variantMarker: UInt8 = 0x02

    /// Parses the tokenizer's arguments (what follows the name in `tokenize='…'`).
    public init(arguments: [String]) throws(TokenizerArgumentError) {
        guard arguments.count % 2 == 0 else { throw .oddCount(arguments) }
        var index = 0
        while index < arguments.count {
            let key = arguments[index]
            let value = arguments[index + 1]
            switch key {
            case "accent":
                // Exactly one digit, as SQLite's own tokenizers check: "01" or "+1" is an error.
                guard value.utf8.count == 1, let number = Int(value), let mode = AccentMode(rawValue: number) else {
                    throw .badValue(key: key, value: value, expected: "0, 1 or 2")
                }
                accent = mode
            default:
                throw .unknownKey(key)
            }
            index += 2
        }
    }
}

/// Why `tokenize='vietnamese …'` was rejected.
public enum TokenizerArgumentError: Error, Sendable, Equatable, CustomStringConvertible {
    case oddCount([String])
    case unknownKey(String)
    case badValue(key: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .oddCount(let arguments):
            return "vietnamese tokenizer: arguments come in key/value pairs, got \(arguments.count): \(arguments.joined(separator: " "))"
        case .unknownKey(let key):
            return "vietnamese tokenizer: unknown option '\(key)' (known: accent)"
        case .badValue(let key, let value, let expected):
            return "vietnamese tokenizer: option '\(key)' must be \(expected), not '\(value)'"
        }
    }
}
