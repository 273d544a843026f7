import Foundation

/// One word (or fixed phrase) as UTF-8 in every form a document may write it: traditional or new
/// tone placement (hòa/hoà), NFC or NFD, lowercase or capitalised. Precomputed once, so writing a
/// document is only byte copies.
struct WordForms: Sendable {
    private let forms: [[UInt8]]
    /// Unicode scalars in the NFC form (what "characters" means for document lengths).
    let characters: Int

    init(_ word: String) {
        let newStyle = Self.newStyleTones(word)
        var forms: [[UInt8]] = []
        for styled in [word, newStyle] {
            for normalized in [styled.precomposedStringWithCanonicalMapping, styled.decomposedStringWithCanonicalMapping] {
                forms.append(Array(normalized.utf8))
                forms.append(Array(Self.capitalized(normalized).utf8))
            }
        }
        self.forms = forms
        characters = word.precomposedStringWithCanonicalMapping.unicodeScalars.count
    }

    /// True when NFD differs from NFC (the word has a precomposed letter).
    var decomposes: Bool { forms[0] != forms[2] }

    func bytes(newStyle: Bool, decomposed: Bool, capitalized: Bool) -> [UInt8] {
        forms[(newStyle ? 4 : 0) | (decomposed ? 2 : 0) | (capitalized ? 1 : 0)]
    }

    /// Uppercases the first letter only (UBND, iPhone-style words are left as they are, since
    /// their first letter is already uppercase or they are not capitalised by callers).
    static func capitalized(_ word: String) -> String {
        guard let first = word.first, first.isLowercase else { return word }
        return first.uppercased() + word.dropFirst()
    }

    /// The "new" placement, common in newer texts: open oa, oe, uy take the tone on the second
    /// vowel (hòa → hoà, khỏe → khoẻ, thủy → thuỷ; quý is the same in both styles).
    static func newStyleTones(_ word: String) -> String {
        let toneMarks: Set<Unicode.Scalar> = ["\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"]
        var syllables: [String] = []
        for syllable in word.split(separator: " ", omittingEmptySubsequences: false) {
            var scalars = Array(String(syllable).decomposedStringWithCanonicalMapping.unicodeScalars)
            let n = scalars.count
            if n >= 3, toneMarks.contains(scalars[n - 2]) {
                let glide = Character(scalars[n - 3]).lowercased()
                let vowel = Character(scalars[n - 1]).lowercased()
                let afterQ = n >= 4 && Character(scalars[n - 4]).lowercased() == "q"
                if (glide == "o" && (vowel == "a" || vowel == "e")) || (glide == "u" && vowel == "y" && !afterQ) {
                    scalars.swapAt(n - 2, n - 1)
                }
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            syllables.append(String(view).precomposedStringWithCanonicalMapping)
        }
        return syllables.joined(separator: " ")
    }
}
