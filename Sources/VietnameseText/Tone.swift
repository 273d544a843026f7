/// The six tones, named as Vietnamese grammars name them (without diacritics).
enum Tone: UInt8, CaseIterable {
    /// ngang: no mark.
    case ngang = 0
    /// huyền, U+0300 COMBINING GRAVE ACCENT.
    case huyen = 1
    /// sắc, U+0301 COMBINING ACUTE ACCENT.
    case sac = 2
    /// hỏi, U+0309 COMBINING HOOK ABOVE.
    case hoi = 3
    /// ngã, U+0303 COMBINING TILDE.
    case nga = 4
    /// nặng, U+0323 COMBINING DOT BELOW.
    case nang = 5
}
