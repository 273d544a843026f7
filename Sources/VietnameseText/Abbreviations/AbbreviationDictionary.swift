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

    /// What the dictionary holds, in one object: a copy then costs one reference instead of one
    /// per table (a search passes a dozen dictionaries around: the index's own, and one per
    /// query word that begins definitions its documents make), and a change copies the object
    /// only while it is shared. Never changed while shared, so it may cross threads.
    private final class Storage: @unchecked Sendable {
        var entries: [Entry] = []
        /// Each entry's expansion key, in `entries` order.
        var expansionKeys: [String] = []
        /// Entry indices by the abbreviation's key and by the expansion's key.
        var byAbbreviation: [String: [Int]] = [:]
        var byExpansion: [String: [Int]] = [:]
        /// Most tokens in any key (how far a query scan must look ahead).
        var longestKey = 0
        /// For each key's first token, the most tokens of a key starting with it.
        var longestByFirstToken: [String: Int] = [:]
        /// Every key's first tokens, one, two… up to all of them (`uy`, `uy ban`, `uy ban nhan`…):
        /// a query scan stops extending a span that no key starts with.
        var keyStarts: Set<String> = []

        init() {}

        init(copying other: Storage) {
            entries = other.entries
            expansionKeys = other.expansionKeys
            byAbbreviation = other.byAbbreviation
            byExpansion = other.byExpansion
            longestKey = other.longestKey
            longestByFirstToken = other.longestByFirstToken
            keyStarts = other.keyStarts
        }
    }
    private var storage = Storage()

    public var entries: [Entry] { storage.entries }
    /// Most tokens in any key (how far a query scan must look ahead).
    public var longestKey: Int { storage.longestKey }

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
        // By scalars, not Characters: "\r\n" is one Character (a file with Windows line ends
        // would be one line), and breaking graphemes was most of the time every search process
        // spent reading the built-in dictionary.
        for (number, rawLine) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Self.trimmed(Substring(rawLine))
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.unicodeScalars.firstIndex(of: "=") else { throw ParseError(line: number + 1, text: String(line)) }
            let expansion = Self.trimmed(line[line.unicodeScalars.index(after: equals)...])
            let spellings = line[..<equals].unicodeScalars.split(separator: ",").map { Self.trimmed(Substring($0)) }.filter { !$0.isEmpty }
            let spellingKeys = spellings.map { Self.key(String($0)) }
            guard !expansion.isEmpty, !spellings.isEmpty, let expansionKey = Self.key(String(expansion)),
                spellingKeys.allSatisfy({ $0 != nil })
            else { throw ParseError(line: number + 1, text: String(line)) }
            for (spelling, key) in zip(spellings, spellingKeys) {
                add(Entry(abbreviation: String(spelling), expansion: String(expansion)), abbreviation: key!, expansion: expansionKey)
            }
        }
    }

    /// Adds `entry` unless its keys are already there (or it has no searchable token, or both
    /// sides are the same words).
    public mutating func add(_ entry: Entry) {
        guard let abbreviation = Self.key(entry.abbreviation), let expansion = Self.key(entry.expansion) else { return }
        add(entry, abbreviation: abbreviation, expansion: expansion)
    }

    /// `add(_:)` with the keys already known (`key(_:)` of each side), as an index stores them.
    public mutating func add(_ entry: Entry, abbreviationKey: String, expansionKey: String) {
        add(entry, abbreviation: (abbreviationKey, Self.tokenCount(abbreviationKey)), expansion: (expansionKey, Self.tokenCount(expansionKey)))
    }

    private mutating func add(_ entry: Entry, abbreviation: (text: String, count: Int), expansion: (text: String, count: Int)) {
        guard abbreviation.count > 0, expansion.count > 0, abbreviation.text != expansion.text else { return }
        if let existing = storage.byAbbreviation[abbreviation.text],
            existing.contains(where: { self.storage.expansionKeys[$0] == expansion.text })
        {
            return
        }
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage) }
        let storage = self.storage
        let index = storage.entries.count
        storage.entries.append(entry)
        storage.expansionKeys.append(expansion.text)
        storage.byAbbreviation[abbreviation.text, default: []].append(index)
        storage.byExpansion[expansion.text, default: []].append(index)
        storage.longestKey = max(storage.longestKey, abbreviation.count, expansion.count)
        for key in [abbreviation, expansion] {
            let first = String(decoding: key.text.utf8.prefix { $0 != UInt8(ascii: " ") }, as: UTF8.self)
            storage.longestByFirstToken[first] = max(storage.longestByFirstToken[first] ?? 0, key.count)
            let utf8 = Array(key.text.utf8)
            for (offset, byte) in utf8.enumerated() where byte == UInt8(ascii: " ") {
                storage.keyStarts.insert(String(decoding: utf8[..<offset], as: UTF8.self))
            }
            storage.keyStarts.insert(key.text)
        }
    }

    /// The tokens of a key (folded tokens joined by single spaces).
    private static func tokenCount(_ key: String) -> Int {
        key.utf8.split(separator: UInt8(ascii: " ")).count
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
        storage.longestByFirstToken[token] ?? 0
    }

    /// Whether a key starts with `tokens` (folded tokens joined by spaces, whole tokens: `uy ban`
    /// for `uy ban nhan dan`), or is it.
    public func hasKey(startingWith tokens: String) -> Bool {
        storage.keyStarts.contains(tokens)
    }

    /// The entries whose abbreviation has this key (folded tokens joined by spaces: `tp hcm`).
    public func entries(abbreviatedAs key: String) -> [Entry] {
        (storage.byAbbreviation[key] ?? []).map { storage.entries[$0] }
    }

    /// The entries whose expansion has this key (`uy ban nhan dan`).
    public func entries(expandingTo key: String) -> [Entry] {
        (storage.byExpansion[key] ?? []).map { storage.entries[$0] }
    }

    /// The key of a text: its tokens' folded keys joined by spaces, and how many; nil when it has
    /// no token.
    public static func key(_ text: String) -> (text: String, count: Int)? {
        // From the token list's key bytes, not `Token`s: each of those builds strings the key
        // does not use, for every line of the built-in dictionary in every search process.
        var list = TokenList()
        VietnameseAnalyzer().analyze(text.utf8, into: &list)
        guard !list.isEmpty else { return nil }
        var key: [UInt8] = []
        let bytes = list.keyBytes
        for entry in list.entries {
            if !key.isEmpty { key.append(UInt8(ascii: " ")) }
            key.append(contentsOf: bytes[entry.foldedKey])
        }
        return (String(decoding: key, as: UTF8.self), list.count)
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var scalars = text.unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return Substring(scalars)
    }
}
