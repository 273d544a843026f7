/// A token read as a Vietnamese syllable: onset + rhyme (nucleus vowels + coda), tone aside.
///
/// Placement of the tone mark then follows from the shape, not from where the input put it, so
/// `hoà`/`hòa`, `thuỷ`/`thủy` and misplaced marks (`vịêt`, `lựơng`, `qúa`) all get one key.
/// The canonical placement is the traditional ("old") style: `hòa`, `khỏe`, `thủy`.
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

    private static let a = UInt8(ascii: "a"), c = UInt8(ascii: "c"), g = UInt8(ascii: "g")
    private static let h = UInt8(ascii: "h"), i = UInt8(ascii: "i"), k = UInt8(ascii: "k")
    private static let n = UInt8(ascii: "n"), p = UInt8(ascii: "p"), q = UInt8(ascii: "q")
    private static let r = UInt8(ascii: "r"), t = UInt8(ascii: "t"), u = UInt8(ascii: "u")
    private static let y = UInt8(ascii: "y")

    /// Reads `letters[0 ..< count]` (packed `VietnameseLetter`s); nil when the letters do not form
    /// a Vietnamese syllable (loanwords, names in other languages, digits, runs of consonants).
    static func parse(_ letters: UnsafeMutablePointer<UInt32>, count: Int) -> Syllable? {
        guard count > 0, count <= maxLetters else { return nil }
        @inline(__always) func letter(_ index: Int) -> VietnameseLetter { VietnameseLetter(packed: letters[index]) }

        var onsetEnd = 0
        while onsetEnd < count, !VietnameseLetter.isVowel(letter(onsetEnd).base) { onsetEnd += 1 }
        guard onsetEnd < count, isOnset(letters, count: onsetEnd) else { return nil }

        var isQu = false
        var isG = false
        let first = letter(0)
        if onsetEnd == 1, first.base == q {
            // q is only ever written qu + vowel; the u belongs to the onset.
            let second = letter(1)
            guard second.base == u, second.mark == .none, count > 2, VietnameseLetter.isVowel(letter(2).base)
            else { return nil }
            onsetEnd = 2
            isQu = true
        } else if onsetEnd == 1, first.base == g {
            // gi + vowel: the i belongs to the onset (già, giữ); before a consonant or at the end
            // it is the vowel (gì, gìn).
            let second = letter(1)
            if second.base == i, second.mark == .none, count > 2, VietnameseLetter.isVowel(letter(2).base) {
                onsetEnd = 2
            } else {
                isG = true
            }
        } else if onsetEnd == 2, first.base == g, letter(1).base == h {
            isG = true
        }

        var nucleusEnd = onsetEnd
        while nucleusEnd < count, VietnameseLetter.isVowel(letter(nucleusEnd).base) { nucleusEnd += 1 }
        guard nucleusEnd - onsetEnd <= 3, isCoda(letters, from: nucleusEnd, to: count) else { return nil }
        return Syllable(onsetEnd: onsetEnd, nucleusEnd: nucleusEnd, count: count, isQu: isQu, isG: isG)
    }

    var hasCoda: Bool { nucleusEnd < count }

    /// Where the tone mark goes: the (last) vowel with a vowel mark (ươ → ơ, iê → ê); else the
    /// last vowel before a final consonant (hoàng, huỳnh); else the first of two open vowels
    /// (hòa, thủy, mái, mùa) or the middle of three (hoài, khuỷu).
    func tonePosition(_ letters: UnsafeMutablePointer<UInt32>) -> Int {
        var marked = -1
        for index in onsetEnd..<nucleusEnd {
            let mark = VietnameseLetter(packed: letters[index]).mark
            if mark == .circumflex || mark == .breve || mark == .horn { marked = index }
        }
        if marked >= 0 { return marked }
        if hasCoda { return nucleusEnd - 1 }
        return nucleusEnd - onsetEnd == 3 ? onsetEnd + 1 : onsetEnd
    }

    /// Index of a lone `i`/`y` after a consonant or `qu` with nothing after it (kỹ/kĩ, lý/lí,
    /// quý/quí, Mỹ/Mĩ, tỷ/tỉ): the one place where i and y are spelling variants of one syllable.
    /// Never `gi`/`gh` (gì), syllable-initial `y` (ý, yêu), `ay`/`ai`, `uy`/`ui`, or an i/y with
    /// anything after it.
    func iyVariantIndex(_ letters: UnsafeMutablePointer<UInt32>) -> Int? {
        guard onsetEnd > 0, !isG, nucleusEnd == onsetEnd + 1, !hasCoda else { return nil }
        let vowel = VietnameseLetter(packed: letters[onsetEnd])
        guard vowel.mark == .none, vowel.base == Self.i || vowel.base == Self.y else { return nil }
        return onsetEnd
    }

    /// Consonant onsets Vietnamese writes: b c ch d đ g gh h k kh l m n ng ngh nh p ph q r s t th
    /// tr v x (and none).
    private static func isOnset(_ letters: UnsafeMutablePointer<UInt32>, count: Int) -> Bool {
        var key: UInt32 = 0
        for index in 0..<count {
            let letter = VietnameseLetter(packed: letters[index])
            // đ is the only consonant with a mark; give it a byte no ASCII letter uses.
            let byte = letter.mark == .stroke ? 1 : UInt32(letter.base)
            key = key << 8 | byte
        }
        switch count {
        case 0: return true
        case 1:
            switch UInt8(key) {
            case 1, UInt8(ascii: "b"), c, UInt8(ascii: "d"), g, h, k, UInt8(ascii: "l"), UInt8(ascii: "m"), n, p,
                q, r, UInt8(ascii: "s"), t, UInt8(ascii: "v"), UInt8(ascii: "x"):
                return true
            default: return false
            }
        case 2:
            return [pair("ch"), pair("gh"), pair("kh"), pair("ng"), pair("nh"), pair("ph"), pair("th"), pair("tr")]
                .contains(key)
        case 3: return key == UInt32(n) << 16 | UInt32(g) << 8 | UInt32(h)
        default: return false
        }
    }

    /// Final consonants: c ch m n ng nh p t (and none).
    private static func isCoda(_ letters: UnsafeMutablePointer<UInt32>, from start: Int, to end: Int) -> Bool {
        var key: UInt32 = 0
        for index in start..<end {
            let letter = VietnameseLetter(packed: letters[index])
            guard letter.mark == .none, letter.tone == .ngang else { return false }
            key = key << 8 | UInt32(letter.base)
        }
        switch end - start {
        case 0: return true
        case 1:
            switch UInt8(key) {
            case c, UInt8(ascii: "m"), n, p, t: return true
            default: return false
            }
        case 2: return key == pair("ch") || key == pair("ng") || key == pair("nh")
        default: return false
        }
    }

    private static func pair(_ s: StaticString) -> UInt32 {
        let p = s.utf8Start
        return UInt32(p[0]) << 8 | UInt32(p[1])
    }
}
