/// One packed entry of `ScalarTable.info`.
///
/// Layout: bits 0–2 kind; for Vietnamese letters and marks, bits 8–20 the `VietnameseLetter`
/// packing (base, vowel mark, tone).
struct ScalarInfo {
    enum Kind: UInt32 {
        /// Whitespace, punctuation, symbols, controls, invalid UTF-8: ends a token.
        case separator = 0
        /// ASCII letter or digit, or a precomposed Vietnamese letter (incl. đ).
        case vietnameseLetter = 1
        /// A combining tone or vowel mark Vietnamese uses (U+0300 U+0301 U+0303 U+0309 U+0323,
        /// U+0302 U+0306 U+031B).
        case vietnameseMark = 2
        /// Zero-width characters and soft hyphens: inside a word they neither split it nor count.
        case ignorable = 3
        /// Any other letter or number (other Latin letters, Greek, Cyrillic, CJK…).
        case otherLetter = 4
        /// Any other combining mark.
        case otherMark = 5
    }

    let raw: UInt32

    init(_ raw: UInt32) { self.raw = raw }

    var kind: Kind { Kind(rawValue: raw & 7)! }

    var letter: VietnameseLetter { VietnameseLetter(packed: raw >> 8) }

    static func make(kind: Kind, letter: VietnameseLetter = VietnameseLetter(packed: 0)) -> UInt32 {
        kind.rawValue | letter.packed << 8
    }
}
