/// The tokens of one text, as produced by `VietnameseAnalyzer.analyze(_:into:)`.
///
/// Keys live in one shared byte buffer (`keyBytes`) and each token points into it, so analysing a
/// document allocates nothing once the list has grown to size: reuse one list across documents.
///
/// Each token's keys are laid out as `folded ‖ ":" ‖ accent` (the accent part empty when it
/// equals the folded key), so the combined key `folded:accent` is one contiguous slice: FTS5
/// indexes it without a copy.
public struct TokenList: Sendable {
    /// One token: where it is in the input, and where its keys are in `keyBytes`.
    public struct Entry: Sendable, Hashable {
        /// Byte offsets into the analysed input (never into a normalized copy).
        public var byteRange: Range<Int> { Int(start)..<Int(endAndFlag & ~Self.diacriticsFlag) }
        /// Lowercase ASCII (for Latin text), every tone and vowel mark removed, đ → d.
        public var foldedKey: Range<Int> { Int(foldedStart)..<Int(accentStart - 1) }
        /// Lowercase NFC with the tone in its canonical place. Equal to `foldedKey` (the same range)
        /// when both keys are the same bytes.
        public var accentKey: Range<Int> {
            accentEnd == 0 ? foldedKey : Int(accentStart)..<Int(accentEnd)
        }
        /// The token carries a tone, a vowel mark, đ, or another diacritic.
        public var hasDiacritics: Bool { endAndFlag & Self.diacriticsFlag != 0 }
        /// The keys differ; when false, `accentKey == foldedKey`.
        public var hasDistinctAccentKey: Bool { accentEnd != 0 }
        /// `folded:accent`, or `folded:` when the keys are equal: one term that still knows its
        /// accents, and whose prefix `folded:` covers every accent variant.
        public var combinedKey: Range<Int> { Int(foldedStart)..<Int(accentEnd == 0 ? accentStart : accentEnd) }
        /// `folded:` — the prefix shared by the combined keys of every accent variant.
        public var variantPrefix: Range<Int> { Int(foldedStart)..<Int(accentStart) }

        /// Top bit of `endAndFlag` (inputs are limited to 2 GiB, as FTS5's are).
        static var diacriticsFlag: UInt32 { 0x8000_0000 }

        // 20 bytes a token: the list is copied once per document, so size matters.
        let start: UInt32
        let endAndFlag: UInt32
        let foldedStart: UInt32
        let accentStart: UInt32
        /// 0 when the accent key equals the folded key.
        let accentEnd: UInt32
    }

    /// The byte between the folded and accent keys in `keyBytes`.
    public static var keySeparator: UInt8 { UInt8(ascii: ":") }

    // Storage is kept at its high-water size and written in place by the analyzer; the counts
    // say how much of it the current text uses. So reusing a list allocates nothing.
    var entryStorage: [Entry] = []
    var entryCount = 0
    var keyStorage: [UInt8] = []
    var keyCount = 0
    /// Scratch for the letters of the token being scanned.
    var letterStorage = [UInt16](repeating: 0, count: VietnameseAnalyzer.maxTokenLetters)

    public init() {}

    /// The tokens, in order.
    public var entries: ArraySlice<Entry> { entryStorage[0..<entryCount] }
    /// The keys of every token, back to back.
    public var keyBytes: ArraySlice<UInt8> { keyStorage[0..<keyCount] }

    public var count: Int { entryCount }
    public var isEmpty: Bool { entryCount == 0 }

    public subscript(index: Int) -> Entry {
        precondition(index < entryCount, "token index out of range")
        return entryStorage[index]
    }

    /// The position of token `index` (positions are 0, 1, 2… in order).
    public func position(at index: Int) -> Int { index }

    /// The folded key of token `index` as a string.
    public func foldedKey(at index: Int) -> String {
        String(decoding: keyBytes[entries[index].foldedKey], as: UTF8.self)
    }

    /// The combined key (`folded:accent`) of token `index` as a string.
    public func combinedKey(at index: Int) -> String {
        String(decoding: keyBytes[entries[index].combinedKey], as: UTF8.self)
    }

    /// The accent key of token `index` as a string.
    public func accentKey(at index: Int) -> String {
        String(decoding: keyBytes[entries[index].accentKey], as: UTF8.self)
    }

    /// Grows storage (never shrinks) so a text of `inputCount` bytes fits: see the capacity
    /// invariant in `TokenScanner`.
    mutating func prepare(inputCount: Int) {
        entryCount = 0
        keyCount = 0
        let keysNeeded = TokenScanner.keyCapacity(forInput: inputCount)
        if keyStorage.count < keysNeeded {
            keyStorage.append(contentsOf: repeatElement(0, count: max(keysNeeded, keyStorage.count * 2) - keyStorage.count))
        }
        let entriesNeeded = TokenScanner.entryCapacity(forInput: inputCount)
        if entryStorage.count < entriesNeeded {
            let empty = Entry(start: 0, endAndFlag: 0, foldedStart: 0, accentStart: 0, accentEnd: 0)
            entryStorage.append(
                contentsOf: repeatElement(empty, count: max(entriesNeeded, entryStorage.count * 2) - entryStorage.count))
        }
    }
}
