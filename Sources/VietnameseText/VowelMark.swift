/// The marks that make a distinct letter out of a base letter (they are not tones).
enum VowelMark: UInt8, CaseIterable {
    case none = 0
    /// â ê ô, U+0302 COMBINING CIRCUMFLEX ACCENT.
    case circumflex = 1
    /// ă, U+0306 COMBINING BREVE.
    case breve = 2
    /// ơ ư, U+031B COMBINING HORN.
    case horn = 3
    /// đ (no combining form exists).
    case stroke = 4
}
