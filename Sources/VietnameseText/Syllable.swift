/// A token read as a Vietnamese syllable: onset + rhyme (nucleus vowels + coda), tone aside.
///
/// Placement of the tone mark then follows from the shape, not from where the input put it, so
/// `hoà`/`hòa`, `thuỷ`/`thủy` and misplaced marks (`vịêt`, `lựơng`, `qúa`) all get one key.
/// The canonical placement is the traditional ("old") style: `hòa`, `khỏe`, `thủy`.
///
/// Works on packed `VietnameseLetter`s (see its layout) because it runs once per token.
struct Syllable {
    /// `letters[0 ..< onsetEnd]` is the onset, including the `u` of `qu` and the `i` of `gi`.
    let onsetEnd: Int
    /// `letters[onsetEnd ..< nucleusEnd]` are the vowels; the rest is the coda.
    let nucleusEnd: Int
    let count: Int
    /// The onset is `qu`.
    let isQu: Bool
    /// The onset is `g` or `gh` (then a lone `i` is the word gì, never an i/y variant).
    let isG: Bool

    /// Longest Vietnamese syllable in letters (`nghiêng`).
    static let maxLetters = 7

    private static var g: UInt8 { 0x67 }
    private static var h: UInt8 { 0x68 }
    private static var i: UInt8 { 0x69 }
    private static var q: UInt8 { 0x71 }
    private static var u: UInt8 { 0x75 }
    private static var y: UInt8 { 0x79 }
    /// Marker for đ in onset keys: a byte no ASCII letter uses.
    private static var dStroke: UInt32 { 1 }

    // Literal constants, not computed globals: a computed global costs a swift_once check per use.
    /// Single-letter onsets b c d g h k l m n p q r s t v x, as a bit set over a–z.
    private static var onsetBits: UInt32 { 0xAFBCCE }
    /// Single-letter codas c m n p t.
    private static var codaBits: UInt32 { 0x8B004 }

    @inline(__always)
    static func base(_ packed: UInt16) -> UInt8 { UInt8(truncatingIfNeeded: packed & VietnameseLetter.baseMask) }

    @inline(__always)
    static func vowelMark(_ packed: UInt16) -> UInt16 { (packed & VietnameseLetter.markMask) >> 7 }

    /// Reads `letters[0 ..< count]`; nil when the letters do not form a Vietnamese syllable
    /// (loanwords, names in other languages, digits, runs of consonants).
    @inline(__always)
    static func parse(_ letters: UnsafeMutablePointer<UInt16>, count: Int) -> Syllable? {
        guard count > 0, count <= maxLetters else { return nil }

        var onsetEnd = 0
        var key: UInt32 = 0
        while onsetEnd < count {
            let letter = letters[onsetEnd]
            let b = base(letter)
            if letter & VietnameseLetter.vowelBit != 0 { break }
            key = key << 8 | (vowelMark(letter) == VowelMark.stroke.rawValue16 ? dStroke : UInt32(b))
            onsetEnd += 1
        }
        guard onsetEnd < count, isOnset(key, count: onsetEnd) else { return nil }

        var isQu = false
        var isG = false
        if onsetEnd == 1, key == UInt32(q) {
            // q is only ever written qu + vowel; the u belongs to the onset.
            let second = letters[1]
            guard base(second) == u, vowelMark(second) == 0, count > 2, letters[2] & VietnameseLetter.vowelBit != 0
            else { return nil }
            onsetEnd = 2
            isQu = true
        } else if onsetEnd == 1, key == UInt32(g) {
            // gi + vowel: the i belongs to the onset (già, giữ); before a consonant or at the end
            // it is the vowel (gì, gìn).
            let second = letters[1]
            if base(second) == i, count > 2, letters[2] & VietnameseLetter.vowelBit != 0 {
                onsetEnd = 2
            } else {
                isG = true
            }
        } else if onsetEnd == 2, key == UInt32(g) << 8 | UInt32(h) {
            isG = true
        }

        var nucleusEnd = onsetEnd
        while nucleusEnd < count, letters[nucleusEnd] & VietnameseLetter.vowelBit != 0 { nucleusEnd += 1 }
        guard nucleusEnd - onsetEnd <= 3, isCoda(letters, from: nucleusEnd, to: count) else { return nil }
        return Syllable(onsetEnd: onsetEnd, nucleusEnd: nucleusEnd, count: count, isQu: isQu, isG: isG)
    }

    var hasCoda: Bool { nucleusEnd < count }

    /// Where the tone mark goes: the (last) vowel with a vowel mark (ươ → ơ, iê → ê); else the
    /// last vowel before a final consonant (hoàng, huỳnh); else the first of two open vowels
    /// (hòa, thủy, mái, mùa) or the middle of three (hoài, khuỷu).
    @inline(__always)
    func tonePosition(_ letters: UnsafeMutablePointer<UInt16>) -> Int {
        var marked = -1
        for index in onsetEnd..<nucleusEnd where Self.vowelMark(letters[index]) != 0 { marked = index }
        if marked >= 0 { return marked }
        if hasCoda { return nucleusEnd - 1 }
        return nucleusEnd - onsetEnd == 3 ? onsetEnd + 1 : onsetEnd
    }

    /// Index of a lone `i`/`y` after a consonant or `qu` with nothing after it (kỹ/kĩ, lý/lí,
    /// quý/quí, Mỹ/Mĩ, tỷ/tỉ): the one place where i and y are spelling variants of one syllable.
    /// Never `gi`/`gh` (gì), syllable-initial `y` (ý, yêu), `ay`/`ai`, `uy`/`ui`, or an i/y with
    /// anything after it.
    @inline(__always)
    func iyVariantIndex(_ letters: UnsafeMutablePointer<UInt16>) -> Int {
        guard onsetEnd > 0, !isG, nucleusEnd == onsetEnd + 1, !hasCoda else { return -1 }
        let vowel = letters[onsetEnd]
        let b = Self.base(vowel)
        guard Self.vowelMark(vowel) == 0, b == Self.i || b == Self.y else { return -1 }
        return onsetEnd
    }

    /// Consonant onsets Vietnamese writes: b c ch d đ g gh h k kh l m n ng ngh nh p ph q r s t th
    /// tr v x (and none). `key` holds the onset's letters, one byte each, first letter highest.
    @inline(__always)
    private static func isOnset(_ key: UInt32, count: Int) -> Bool {
        switch count {
        case 0: return true
        case 1: return key == dStroke || isInBits(onsetBits, UInt8(truncatingIfNeeded: key))
        case 2:
            switch key {
            case ch, gh, kh, ng, nh, ph, th, tr:
                return true
            default: return false
            }
        case 3: return key == ngh
        default: return false
        }
    }

    /// Final consonants: c ch m n ng nh p t (and none).
    @inline(__always)
    private static func isCoda(_ letters: UnsafeMutablePointer<UInt16>, from start: Int, to end: Int) -> Bool {
        switch end - start {
        case 0: return true
        case 1:
            let letter = letters[start]
            return letter & ~VietnameseLetter.baseMask == 0 && isInBits(codaBits, base(letter))
        case 2:
            let first = letters[start]
            let second = letters[start + 1]
            guard (first | second) & ~VietnameseLetter.baseMask == 0 else { return false }
            let key = UInt32(first) << 8 | UInt32(second)
            return key == ch || key == ng || key == nh
        default: return false
        }
    }

    @inline(__always)
    private static func isInBits(_ set: UInt32, _ b: UInt8) -> Bool {
        let offset = b &- UInt8(ascii: "a")
        return offset < 26 && (set >> UInt32(offset)) & 1 != 0
    }

    // Onset/coda keys: ASCII letters, one byte each, first letter highest.
    private static var ch: UInt32 { 0x6368 }
    private static var gh: UInt32 { 0x6768 }
    private static var kh: UInt32 { 0x6B68 }
    private static var ng: UInt32 { 0x6E67 }
    private static var nh: UInt32 { 0x6E68 }
    private static var ph: UInt32 { 0x7068 }
    private static var th: UInt32 { 0x7468 }
    private static var tr: UInt32 { 0x7472 }
    private static var ngh: UInt32 { 0x6E6768 }
}

extension VowelMark {
    var rawValue16: UInt16 { UInt16(rawValue) }
}
