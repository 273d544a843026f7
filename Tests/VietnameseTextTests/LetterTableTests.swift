import Foundation
import Testing
import VietnameseText

/// Every Vietnamese letter, lower and upper case, in NFC, NFD and Windows-1258 form.
@Suite struct LetterTableTests {
    /// Rows: the folded base letter, then the letter with tones ngang, huyền, sắc, hỏi, ngã, nặng.
    /// Written out by hand, not derived from the analyzer or from Foundation.
    static let lowercase: [(folded: String, letters: String)] = [
        ("a", "a à á ả ã ạ"), ("a", "ă ằ ắ ẳ ẵ ặ"), ("a", "â ầ ấ ẩ ẫ ậ"),
        ("e", "e è é ẻ ẽ ẹ"), ("e", "ê ề ế ể ễ ệ"),
        ("i", "i ì í ỉ ĩ ị"),
        ("o", "o ò ó ỏ õ ọ"), ("o", "ô ồ ố ổ ỗ ộ"), ("o", "ơ ờ ớ ở ỡ ợ"),
        ("u", "u ù ú ủ ũ ụ"), ("u", "ư ừ ứ ử ữ ự"),
        ("y", "y ỳ ý ỷ ỹ ỵ"),
    ]
    static let uppercase: [String] = [
        "A À Á Ả Ã Ạ", "Ă Ằ Ắ Ẳ Ẵ Ặ", "Â Ầ Ấ Ẩ Ẫ Ậ",
        "E È É Ẻ Ẽ Ẹ", "Ê Ề Ế Ể Ễ Ệ",
        "I Ì Í Ỉ Ĩ Ị",
        "O Ò Ó Ỏ Õ Ọ", "Ô Ồ Ố Ổ Ỗ Ộ", "Ơ Ờ Ớ Ở Ỡ Ợ",
        "U Ù Ú Ủ Ũ Ụ", "Ư Ừ Ứ Ử Ữ Ự",
        "Y Ỳ Ý Ỷ Ỹ Ỵ",
    ]

    struct Row: Sendable, CustomTestStringConvertible {
        /// The letter as written (NFC literal).
        let letter: String
        let folded: String
        /// The lowercase NFC letter.
        let accent: String
        var testDescription: String { "\(letter) → \(folded) / \(accent)" }
    }

    /// All 144 vowel forms (12 vowels × 6 tones × 2 cases) and đ/Đ.
    static let letters: [Row] = {
        var rows = [Row(letter: "đ", folded: "d", accent: "đ"), Row(letter: "Đ", folded: "d", accent: "đ")]
        for (index, row) in lowercase.enumerated() {
            let lowers = row.letters.split(separator: " ").map(String.init)
            let uppers = uppercase[index].split(separator: " ").map(String.init)
            for (lower, upper) in zip(lowers, uppers) {
                rows.append(Row(letter: lower, folded: row.folded, accent: lower))
                rows.append(Row(letter: upper, folded: row.folded, accent: lower))
            }
        }
        return rows
    }()

    @Test func tableHasEveryLetter() {
        #expect(Self.letters.count == 146)
        let nonASCII = Self.letters.filter { !$0.letter.allSatisfy(\.isASCII) }
        // 67 lowercase (66 vowel forms + đ) and 67 uppercase.
        #expect(nonASCII.filter { $0.letter == $0.accent }.count == 67)
        #expect(nonASCII.filter { $0.letter != $0.accent }.count == 67)
        #expect(Set(Self.letters.map(\.letter)).count == 146)
        // The literals really are single precomposed scalars, and upper/lower rows match.
        for row in Self.letters {
            #expect(row.letter.unicodeScalars.count == 1, "\(row.letter)")
            #expect(row.letter.lowercased() == row.accent, "\(row.letter)")
        }
    }

    @Test(arguments: letters)
    func keysOfEachLetterInEveryForm(row: Row) {
        let forms = Support.forms(row.letter)
        if row.letter.unicodeScalars.first!.isASCII || row.letter.lowercased() == "đ" {
            // Plain letters and đ have a single form.
            #expect(forms.allSatisfy { $0.text == row.letter })
        }
        for (name, form) in forms {
            let label = "\(name) \(Support.describe(form))"
            // Alone: the whole input is the token.
            let alone = Support.analyzer.tokens(in: form)
            #expect(alone.map(\.folded) == [row.folded], "\(label)")
            #expect(alone.map(\.accent) == [row.accent], "\(label)")
            #expect(alone.map(\.byteRange) == [0..<form.utf8.count], "\(label)")
            #expect(alone.first?.hasDiacritics == (row.letter.lowercased() != row.folded), "\(label)")

            // Inside a syllable (b + letter + n), where the tone has nowhere else to go.
            let word = Support.analyzer.tokens(in: "b" + form + "n")
            #expect(word.map(\.folded) == ["b" + row.folded + "n"], "b\(label)n")
            #expect(word.map(\.accent) == ["b" + row.accent + "n"], "b\(label)n")

            // Between other words: offsets count the form's own bytes.
            let sentence = "xa " + form + "n ye"
            let tokens = Support.analyzer.tokens(in: sentence)
            #expect(tokens.map(\.position) == [0, 1, 2], "\(label)")
            #expect(tokens.count == 3 && tokens[1].byteRange == 3..<(4 + form.utf8.count), "\(label)")
            #expect(tokens.count == 3 && tokens[1].accent == row.accent + "n", "\(label)")
        }
    }

    /// Windows-1258 forms written out: the precomposed base (ngang column) + a combining tone.
    @Test func windows1258LiteralForms() {
        let tones = ["\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"]
        var checked = 0
        for (index, row) in Self.lowercase.enumerated() {
            let lowers = row.letters.split(separator: " ").map(String.init)
            let uppers = Self.uppercase[index].split(separator: " ").map(String.init)
            for tone in 1...5 {
                for base in [lowers[0], uppers[0]] {
                    let written = base + tones[tone - 1]
                    #expect(written.unicodeScalars.count == 2)
                    let tokens = Support.analyzer.tokens(in: written)
                    #expect(tokens.map(\.folded) == [row.folded], "\(Support.describe(written))")
                    #expect(tokens.map(\.accent) == [lowers[tone]], "\(Support.describe(written))")
                    #expect(tokens.map(\.byteRange) == [0..<written.utf8.count], "\(Support.describe(written))")
                    checked += 1
                }
            }
        }
        #expect(checked == 120)
    }

    /// A few decomposed spellings written out, including marks in non-canonical order
    /// (canonically equivalent: U+0323 and U+0302/U+031B have different combining classes).
    @Test(arguments: [
        ("e\u{302}\u{323}", "e", "ệ"), ("e\u{323}\u{302}", "e", "ệ"), ("E\u{302}\u{323}", "e", "ệ"),
        ("o\u{31B}\u{300}", "o", "ờ"), ("o\u{300}\u{31B}", "o", "ờ"), ("U\u{31B}\u{303}", "u", "ữ"),
        ("a\u{306}\u{309}", "a", "ẳ"), ("a\u{323}\u{306}", "a", "ặ"), ("A\u{302}\u{301}", "a", "ấ"),
        ("ơ\u{323}", "o", "ợ"), ("Ư\u{309}", "u", "ử"), ("ạ\u{302}", "a", "ậ"), ("ọ\u{31B}", "o", "ợ"),
        ("y\u{303}", "y", "ỹ"), ("I\u{309}", "i", "ỉ"), ("ê\u{301}", "e", "ế"),
    ])
    func decomposedSpellings(written: String, folded: String, accent: String) {
        let tokens = Support.analyzer.tokens(in: written)
        #expect(tokens.map(\.folded) == [folded], "\(Support.describe(written))")
        #expect(tokens.map(\.accent) == [accent], "\(Support.describe(written))")
        #expect(tokens.map(\.byteRange) == [0..<written.utf8.count], "\(Support.describe(written))")
    }

    @Test func tokenListAgreesWithTokens() {
        var list = TokenList()
        for row in Self.letters {
            for (name, form) in Support.forms(row.letter) {
                Support.analyzer.analyze(Array(form.utf8), into: &list)
                #expect(list.count == 1, "\(name) \(row.letter)")
                guard list.count == 1 else { continue }
                #expect(list.foldedKey(at: 0) == row.folded, "\(name) \(row.letter)")
                #expect(list.accentKey(at: 0) == row.accent, "\(name) \(row.letter)")
                #expect(list[0].hasDistinctAccentKey == (row.folded != row.accent), "\(name) \(row.letter)")
                #expect(list[0].byteRange == 0..<form.utf8.count, "\(name) \(row.letter)")
            }
        }
    }
}
