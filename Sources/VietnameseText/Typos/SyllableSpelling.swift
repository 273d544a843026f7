/// Whether a word is spelled like one Vietnamese syllable: a known onset, vowel cluster and
/// final consonant, at most one tone, and after a stop (c ch p t) only sắc or nặng. Stricter than
/// the analyzer, which must accept every spelling that occurs; used to decide what a typed word
/// can be read as (`KeystrokeDecoder`, `TypoCandidates`).
public enum SyllableSpelling {
    /// `word` (any case, NFC or not) spells one Vietnamese syllable: `người`, `Quý`, `gì`; not
    /// `cos`, `ngừoi`, `tác` with a grave (`tàc`), `Đắk` (k is no Vietnamese final), `câ` or
    /// `việ` (â and iê need a final).
    public static func isValid(_ word: String) -> Bool {
        guard let codes = letterCodes(word) else { return false }
        return VietnameseSpelling.isSyllable(codes, closed: true)
    }

    /// `folded` (lowercase ASCII, as the analyzer's folded key) is the folded form of some
    /// Vietnamese syllable: `nguoi`, `thuy`; not `nguio`, `cos`.
    public static func isValidFolded(_ folded: String) -> Bool {
        guard folded.utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }),
            let codes = letterCodes(folded)
        else { return false }
        return VietnameseSpelling.isSyllable(codes, folded: true)
    }

    /// The spelling check's letter codes (vowel with its mark, tone), NFC first; nil when a
    /// character is not a Vietnamese letter.
    static func letterCodes(_ word: String) -> [UInt16]? {
        var scalars = word.unicodeScalars.map(\.value)
        // Only combining marks need composing (a search checks every query word).
        if scalars.contains(where: { $0 >= 0x300 && $0 < 0x370 }) { scalars = CanonicalComposer.normalize(scalars[...]) }
        var codes: [UInt16] = []
        codes.reserveCapacity(scalars.count)
        for scalar in scalars {
            guard let code = VietnameseSpelling.letterCode(scalar) else { return nil }
            codes.append(code)
        }
        return codes
    }
}
