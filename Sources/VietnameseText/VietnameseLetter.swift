/// A letter as the syllable analysis sees it: lowercase ASCII base, vowel mark, tone.
/// Packed into 14 bits: base 0–7, mark 8–10, tone 11–13.
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
        base = UInt8(truncatingIfNeeded: packed)
        mark = VowelMark(rawValue: UInt8(truncatingIfNeeded: (packed >> 8) & 7)) ?? .none
        tone = Tone(rawValue: UInt8(truncatingIfNeeded: (packed >> 11) & 7)) ?? .ngang
    }

    var packed: UInt32 { UInt32(base) | UInt32(mark.rawValue) << 8 | UInt32(tone.rawValue) << 11 }

    static let composeTableSize = 128 * 8 * 8

    /// Index into `ScalarTable.vietnameseLetters`: the low 13 bits of the packing (base < 128).
    var composeIndex: Int { Int(base & 0x7F) | Int(mark.rawValue) << 7 | Int(tone.rawValue) << 10 }

    static func isVowel(_ base: UInt8) -> Bool {
        switch base {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"),
            UInt8(ascii: "y"):
            return true
        default: return false
        }
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
