/// One token with its keys as strings: the convenient (allocating) form of a `TokenList` entry,
/// for tests, debugging output and queries. Indexing uses `TokenList` directly.
public struct Token: Sendable, Hashable, CustomStringConvertible {
    /// Byte offsets into the analysed UTF-8 input.
    public var byteRange: Range<Int>
    /// 0-based token number.
    public var position: Int
    /// Lowercase, tones and vowel marks removed, đ → d.
    public var folded: String
    /// Lowercase NFC, tone in its canonical place, i/y variants unified.
    public var accent: String
    /// The token carries a tone, a vowel mark, đ, or another diacritic.
    public var hasDiacritics: Bool

    public init(byteRange: Range<Int>, position: Int, folded: String, accent: String, hasDiacritics: Bool) {
        self.byteRange = byteRange
        self.position = position
        self.folded = folded
        self.accent = accent
        self.hasDiacritics = hasDiacritics
    }

    public var description: String {
        "\(position) \(byteRange.lowerBound)..<\(byteRange.upperBound) \(folded) \(accent)"
    }

    static func make(from list: TokenList) -> [Token] {
        (0..<list.count).map { index in
            let entry = list[index]
            return Token(
                byteRange: entry.byteRange, position: index, folded: list.foldedKey(at: index),
                accent: list.accentKey(at: index), hasDiacritics: entry.hasDiacritics)
        }
    }
}
