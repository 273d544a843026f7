import Foundation
import Testing
import VietnameseText

/// Every Vietnamese letter, lower and upper case, in NFC, NFD and Windows-1258 form.
@Suite struct LetterTableTests {
    /// Rows: base, then the letter with tones ngang, huyền, sắc, hỏi, ngã, nặng. Written out by
    /// hand, not derived from the analyzer.
    static let lowercase = [
        ("a", "a à á ả ã ạ"), ("a", "ă ằ ắ ẳ ẵ ặ"), ("a", "â ầ ấ ẩ ẫ ậ"),
        ("e", "e è é ẻ ẽ ẹ"), ("e", "ê ề ế ể ễ ệ"),
        ("i", "i ì í ỉ ĩ ị"),
        ("o", "o ò ó ỏ õ ọ"), ("o", "ô ồ ố ổ ỗ ộ"), ("o", "ơ ờ ớ ở ỡ ợ"),
        ("u", "u ù ú ủ ũ ụ"), ("u", "ư ừ ứ ử ữ ự"),
        ("y", "y ỳ ý ỷ ỹ ỵ"),
    ]
    static let uppercase = [
        "A À Á Ả Ã Ạ", "Ă Ằ Ắ Ẳ Ẵ Ặ", "Â Ầ Ấ Ẩ Ẫ Ậ",
        "E È É Ẻ Ẽ Ẹ", "Ê Ề Ế Ể Ễ Ệ",
        "I Ì Í Ỉ Ĩ Ị",
        "O Ò Ó Ỏ Õ Ọ", "Ô Ồ Ố Ổ Ỗ Ộ", "Ơ Ờ Ớ Ở Ỡ Ợ",
        "U Ù Ú Ủ Ũ Ụ", "Ư Ừ Ứ Ử Ữ Ự",
        "Y Ỳ Ý Ỷ Ỹ Ỵ",
    ]

    /// (letter as written, expected folded, expected accent), for all 144 vowel forms and đ/Đ.
    static var letters: [(String, String, String)] {
        var rows: [(String, String, String)] = [("đ", "d", "đ"), ("Đ", "d", "đ")]
        for (row, (base, lower)) in lowercase.enumerated() {
            let lowers = lower.split(separator: " ").map(String.init)
            let uppers = uppercase[row].split(separator: " ").map(String.init)
            for (lowerLetter, upperLetter) in zip(lowers, uppers) {
                rows.append((lowerLetter, base, lowerLetter))
                rows.append((upperLetter, base, lowerLetter))
            }
        }
        return rows
    }

    @Test func tableHasEveryLetter() {
        // 12 vowels × 6 tones × 2 cases + đ Đ; 134 non-ASCII (67 lowercase + 67 uppercase, đ/Đ included).
        #expect(Self.letters.count == 146)
        #expect(Self.letters.filter { !$0.0.allSatisfy(\.isASCII) }.count == 134)
        #expect(Set(Self.letters.map(\.0)).count == 146)
    }

    /// Windows-1258 writes â ê ô ă ơ ư đ precomposed and the tone as a combining mark.
    static func windows1258Form(_ text: String) -> String {
        let tones: Set<Unicode.Scalar> = ["\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"]
        var out = String.UnicodeScalarView()
        for character in text {
            let scalars = String(character).decomposedStringWithCanonicalMapping.unicodeScalars
            let base = String(String.UnicodeScalarView(scalars.filter { !tones.contains($0) }))
                .precomposedStringWithCanonicalMapping
            out.append(contentsOf: base.unicodeScalars)
            out.append(contentsOf: scalars.filter { tones.contains($0) })
        }
        return String(out)
    }

    @Test(arguments: letters)
    func keysOfEachLetterInEveryForm(letter: String, folded: String, accent: String) {
        let analyzer = VietnameseAnalyzer()
        let forms = [
            ("NFC", letter.precomposedStringWithCanonicalMapping),
            ("NFD", letter.decomposedStringWithCanonicalMapping),
            ("CP1258", Self.windows1258Form(letter)),
        ]
        for (name, form) in forms {
            // Alone, and inside a syllable (b + letter + n) where the tone cannot move.
            let alone = analyzer.tokens(in: form)
            #expect(alone.map(\.folded) == [folded], "\(name) \(letter)")
            #expect(alone.map(\.accent) == [accent], "\(name) \(letter)")
            #expect(alone.first?.byteRange == 0..<form.utf8.count, "\(name) \(letter)")
            let word = analyzer.tokens(in: "b" + form + "n")
            #expect(word.map(\.folded) == ["b" + folded + "n"], "\(name) b\(letter)n")
            #expect(word.map(\.accent) == ["b" + accent + "n"], "\(name) b\(letter)n")
        }
        #expect(analyzer.tokens(in: letter).first?.hasDiacritics == (folded != accent), "\(letter)")
    }
}
