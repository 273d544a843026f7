/// The tokens of one text, as produced by `VietnameseAnalyzer.analyze(_:into:)`.
///
/// Keys live in one shared byte buffer (`keyBytes`) and each token points into it, so analysing a
/// document allocates nothing once the list has grown to size: reuse one list across documents.
public struct TokenList: Sendable {
    /// One token: where it is in the input, and where its keys are in `keyBytes`.
    public struct Entry: Sendable, Hashable {
        /// Byte offsets into the analysed input (never into a normalized copy).
        public var byteRange: Range<Int> { Int(start)..<Int(end) }
        /// 0-based token number.
        public var position: Int { Int(positionValue) }
        /// Lowercase ASCII (for Latin text), every tone and vowel mark removed, đ → d.
        public var foldedKey: Range<Int> { Int(foldedStart)..<Int(accentStart) }
        /// Lowercase NFC with the tone in its canonical place. Equal to `foldedKey` (the same range)
        /// when both keys are the same bytes.
        public var accentKey: Range<Int> {
            accentEnd == 0 ? foldedKey : Int(accentStart)..<Int(accentEnd)
        }
        /// The token carries a tone, a vowel mark, đ, or another diacritic.
        public var hasDiacritics: Bool { flags & Self.diacriticsFlag != 0 }
        /// The keys differ; when false, `accentKey == foldedKey`.
        public var hasDistinctAccentKey: Bool { accentEnd != 0 }

        static let diacriticsFlag: UInt32 = 1

        let start: UInt32
        let end: UInt32
        let positionValue: UInt32
        let foldedStart: UInt32
        let accentStart: UInt32
        /// 0 when the accent key equals the folded key.
        let accentEnd: UInt32
        let flags: UInt32
    }

    public private(set) var entries: [Entry] = []
    /// The keys of every token, back to back.
    public private(set) var keyBytes: [UInt8] = []

    public init() {}

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    public subscript(index: Int) -> Entry { entries[index] }

    /// The folded key of token `index` as a string.
    public func foldedKey(at index: Int) -> String {
        String(decoding: keyBytes[entries[index].foldedKey], as: UTF8.self)
    }

    /// The accent key of token `index` as a string.
    public func accentKey(at index: Int) -> String {
        String(decoding: keyBytes[entries[index].accentKey], as: UTF8.self)
    }

    mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
        keyBytes.removeAll(keepingCapacity: true)
    }

    mutating func reserve(inputBytes: Int) {
        entries.reserveCapacity(inputBytes / 4 + 8)
        keyBytes.reserveCapacity(inputBytes * 2 + 64)
    }

    /// Appends a token whose keys were just appended to `keyBytes` (folded key from
    /// `foldedStart`, then the accent key from `accentStart`, or no accent key when equal).
    mutating func appendToken(
        start: Int, end: Int, foldedStart: Int, accentStart: Int, hasDiacritics: Bool
    ) {
        let accentEnd = keyBytes.count
        let same =
            accentStart == accentEnd
            || keyBytes[foldedStart..<accentStart].elementsEqual(keyBytes[accentStart..<accentEnd])
        if same { keyBytes.removeSubrange(accentStart..<accentEnd) }
        entries.append(
            Entry(
                start: UInt32(truncatingIfNeeded: start), end: UInt32(truncatingIfNeeded: end),
                positionValue: UInt32(truncatingIfNeeded: entries.count),
                foldedStart: UInt32(truncatingIfNeeded: foldedStart),
                accentStart: UInt32(truncatingIfNeeded: accentStart),
                accentEnd: same ? 0 : UInt32(truncatingIfNeeded: accentEnd),
                flags: hasDiacritics ? Entry.diacriticsFlag : 0))
    }

    mutating func appendKeyBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        keyBytes.append(contentsOf: bytes)
    }

    mutating func appendKeyBytes(_ bytes: [UInt8]) {
        keyBytes.append(contentsOf: bytes)
    }
}
