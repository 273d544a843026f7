/// Abbreviations and what they stand for (`UBND` = ủy ban nhân dân), looked up by their analyzer
/// keys, so case, accents and punctuation inside them do not matter: `TP.HCM`, `TP HCM` and
/// `tp. hcm` are one key (`tp hcm`), `HĐND` and `HDND` another (`hdnd`).
///
/// `builtin` holds the common ones (`BuiltinAbbreviations`); a user dictionary file adds more
/// (`init(parsing:)`), and an index adds the definitions its documents make
/// (`AbbreviationExtractor`).
public struct AbbreviationDictionary: Sendable {
    public struct Entry: Sendable, Hashable {
        /// As written: `TP.HCM`.
        public var abbreviation: String
        /// As written: `Thành phố Hồ Chí Minh`.
        public var expansion: String

        public init(abbreviation: String, expansion: String) {
            self.abbreviation = abbreviation
            self.expansion = expansion
        }
    }

    /// A line of a dictionary file that is not `ABBR[, ABBR…] = expansion`.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var text: String
        public var description: String { "line \(line): expected ABBREVIATION[, SPELLING…] = expansion, found \"\(text)\"" }
    }

    public private(set) var entries: [Entry] = []
    /// Each entry's expansion key, in `entries` order.
    private var expansionKeys: [String] = []
    /// Entry indices by the abbreviation's key and by the expansion's key.
    private var byAbbreviation: [String: [Int]] = [:]
    private var byExpansion: [String: [Int]] = [:]
    /// Most tokens in any key (how far a query scan must look ahead).
    public private(set) var longestKey = 0
    /// For each key's first token, the most tokens of a key starting with it.
    private var longestByFirstToken: [String: Int] = [:]

    public init(entries: [Entry] = []) {
        for entry in entries { add(entry) }
    }

    /// The common abbreviations of Vietnamese administrative, legal, educational, medical and
    /// news text, with their spelling variants (about 280 lines).
    public static let builtin: AbbreviationDictionary = {
        // The built-in text is part of the program: a line it cannot read is a bug the tests catch.
        (try? AbbreviationDictionary(parsing: BuiltinAbbreviations.text)) ?? AbbreviationDictionary()
    }()

    /// Reads a dictionary file: one abbreviation a line, its spellings comma-separated before
    /// `=`, the expansion after it (`TP.HCM, TPHCM = Thành phố Hồ Chí Minh`); an abbreviation
    /// with two meanings takes two lines. Blank lines and lines starting with `#` are skipped.
    public init(parsing text: String) throws(ParseError) {
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Self.trimmed(Substring(rawLine))
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else { throw ParseError(line: number + 1, text: String(line)) }
            let expansion = Self.trimmed(line[line.index(after: equals)...])
            let spellings = line[..<equals].split(separator: ",").map { Self.trimmed($0) }.filter { !$0.isEmpty }
            guard !expansion.isEmpty, !spellings.isEmpty, Self.key(String(expansion)) != nil,
                spellings.allSatisfy({ Self.key(String($0)) != nil })
            else { throw ParseError(line: number + 1, text: String(line)) }
            for spelling in spellings { add(Entry(abbreviation: String(spelling), expansion: String(expansion))) }
        }
    }

    /// Adds `entry` unless its keys are already there (or it has no searchable token, or both
    /// sides are the same words).
    public mutating func add(_ entry: Entry) {
        guard let abbreviation = Self.key(entry.abbreviation), let expansion = Self.key(entry.expansion) else { return }
        add(entry, abbreviationKey: abbreviation.text, expansionKey: expansion.text)
    }

    /// `add(_:)` with the keys already known (`key(_:)` of each side), as an index stores them.
    public mutating func add(_ entry: Entry, abbreviationKey: String, expansionKey: String) {
        let abbreviation = (text: abbreviationKey, count: abbreviationKey.split(separator: " ").count)
        let expansion = (text: expansionKey, count: expansionKey.split(separator: " ").count)
        guard abbreviation.count > 0, expansion.count > 0, abbreviation.text != expansion.text else { return }
        if let existing = byAbbreviation[abbreviation.text], existing.contains(where: { expansionKeys[$0] == expansion.text }) {
            return
        }
        let index = entries.count
        entries.append(entry)
        expansionKeys.append(expansion.text)
        byAbbreviation[abbreviation.text, default: []].append(index)
        byExpansion[expansion.text, default: []].append(index)
        longestKey = max(longestKey, abbreviation.count, expansion.count)
        for key in [abbreviation, expansion] {
            let first = String(key.text.prefix { $0 != " " })
            longestByFirstToken[first] = max(longestByFirstToken[first] ?? 0, key.count)
        }
    }

    /// This dictionary with `other`'s entries added.
    public func merging(_ other: AbbreviationDictionary) -> AbbreviationDictionary {
        var merged = self
        for entry in other.entries { merged.add(entry) }
        return merged
    }

    /// The most tokens of a key (either side) that starts with this folded token; 0 when none
    /// does: a query scan starts a match only there.
    public func longestKey(startingWith token: String) -> Int {
        longestByFirstToken[token] ?? 0
    }

    /// The entries whose abbreviation has this key (folded tokens joined by spaces: `tp hcm`).
    public func entries(abbreviatedAs key: String) -> [Entry] {
        (byAbbreviation[key] ?? []).map { entries[$0] }
    }

    /// The entries whose expansion has this key (`uy ban nhan dan`).
    public func entries(expandingTo key: String) -> [Entry] {
        (byExpansion[key] ?? []).map { entries[$0] }
    }

    /// The key of a text: its tokens' folded keys joined by spaces, and how many; nil when it has
    /// no token.
    public static func key(_ text: String) -> (text: String, count: Int)? {
        let tokens = VietnameseAnalyzer().tokens(in: text)
        guard !tokens.isEmpty else { return nil }
        return (tokens.map(\.folded).joined(separator: " "), tokens.count)
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
