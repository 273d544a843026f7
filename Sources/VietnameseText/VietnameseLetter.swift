/// A letter as the syllable analysis sees it: lowercase ASCII base, vowel mark, tone.
/// Packed into 14 bits: base 0–6, vowel mark 7–9, tone 10–12, and bit 13 set for the vowels
/// a e i o u y (so the hot loop tests one bit). The packing doubles as the index into
/// `ScalarTable.vietnameseLetters`.
struct VietnameseLetter: Equatable {
    var base: UInt8
    var mark: VowelMark
    var tone: Tone

    init(base: UInt8, mark: VowelMark, tone: Tone) {
        self.base = base
        self.mark = mark
        self.tone = tone
    }

    init(packed: UInt32) {
        base = UInt8(truncatingIfNeeded: packed & 0x7F)
        mark = VowelMark(rawValue: UInt8(truncatingIfNeeded: (packed >> 7) & 7)) ?? .none
        tone = Tone(rawValue: UInt8(truncatingIfNeeded: (packed >> 10) & 7)) ?? .ngang
    }

    var packed: UInt32 {
        UInt32(base & 0x7F) | UInt32(mark.rawValue) << 7 | UInt32(tone.rawValue) << 10
            | (Self.isVowel(base) ? UInt32(Self.vowelBit) : 0)
    }

    static let composeTableSize = 1 << 14
    static var baseMask: UInt16 { 0x7F }
    static var markMask: UInt16 { 0x380 }
    static var toneMask: UInt16 { 0x1C00 }
    static var vowelBit: UInt16 { 0x2000 }

    /// Index into `ScalarTable.vietnameseLetters`.
    var composeIndex: Int { Int(packed) }

    /// a e i o u y, as a bit set over a–z.
    private static var vowelBits: UInt32 { 0x1104111 }

    @inline(__always)
    static func isVowel(_ base: UInt8) -> Bool {
        let offset = base &- UInt8(ascii: "a")
        return offset < 26 && (vowelBits >> UInt32(offset)) & 1 != 0
    }

    /// Whether Vietnamese writes this base with this mark (any vowel takes any tone; consonants
    /// and digits take neither, except d with a stroke).
    var isValidVietnamese: Bool {
        switch (base, mark) {
        case (UInt8(ascii: "d"), .stroke): return tone == .ngang
        case (UInt8(ascii: "a"), .none), (UInt8(ascii: "a"), .circumflex), (UInt8(ascii: "a"), .breve),
            (UInt8(ascii: "e"), .none), (UInt8(ascii: "e"), .circumflex),
            (UInt8(ascii: "i"), .none), (UInt8(ascii: "y"), .none),
            (UInt8(ascii: "o"), .none), (UInt8(ascii: "o"), .circumflex), (UInt8(ascii: "o"), .horn),
            (UInt8(ascii: "u"), .none), (UInt8(ascii: "u"), .horn):
            return true
        case (_, .none): return tone == .ngang
        default: return false
        }
    }
}
