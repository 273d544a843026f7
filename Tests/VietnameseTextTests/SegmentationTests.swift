import Foundation
import Testing
import VietnameseText

/// Where tokens start and end, and what separates them.
@Suite struct SegmentationTests {
    static let analyzer = VietnameseAnalyzer()

    static func folded(_ text: String) -> [String] { analyzer.tokens(in: text).map(\.folded) }

    /// The UTF-8 range of each of `words` in `text`, found by searching left to right (computed
    /// without the analyzer).
    static func ranges(of words: [String], in text: String) -> [Range<Int>] {
        let utf8 = Array(text.utf8)
        var from = 0
        return words.map { word in
            let needle = Array(word.utf8)
            var start = from
            while start + needle.count <= utf8.count, Array(utf8[start..<(start + needle.count)]) != needle {
                start += 1
            }
            from = start + needle.count
            return start..<from
        }
    }

    @Test(arguments: [
        ("85,94%", ["85", "94"]),
        ("31/8/2016", ["31", "8", "2016"]),
        ("37-NQ/TW", ["37", "nq", "tw"]),
        ("Nghị quyết 37-NQ/TW ngày 31/8/2016", ["nghi", "quyet", "37", "nq", "tw", "ngay", "31", "8", "2016"]),
        ("tăng 2,5 điểm (85,94%)", ["tang", "2", "5", "diem", "85", "94"]),
        ("3.14 1.000.000 +84-912", ["3", "14", "1", "000", "000", "84", "912"]),
        ("H5N1 covid19 4G", ["h5n1", "covid19", "4g"]),
        ("xây dựng, Đảng.", ["xay", "dung", "dang"]),
        ("«Hà Nội» — “thủ đô”!", ["ha", "noi", "thu", "do"]),
        ("a\tb\nc\r\nd\u{0B}e\u{0C}f", ["a", "b", "c", "d", "e", "f"]),
        ("tab\u{00A0}nbsp\u{2003}em\u{3000}ideo\u{2028}ls\u{202F}nn", ["tab", "nbsp", "em", "ideo", "ls", "nn"]),
        ("emoji😀giữa👍🏽cuối", ["emoji", "giua", "cuoi"]),
        ("email@ví-dụ.vn #thẻ $5 a_b a'b", ["email", "vi", "du", "vn", "the", "5", "a", "b", "a", "b"]),
        ("", []),
        ("!!! ... ??? — «» \u{200B}\u{00AD}", []),
        ("  đầu   cuối  ", ["dau", "cuoi"]),
    ])
    func separators(text: String, expected: [String]) {
        #expect(Self.folded(text) == expected, "\(Support.describe(text))")
        #expect(Self.analyzer.tokens(in: text).map(\.position) == Array(0..<expected.count), "\(text)")
    }

    /// Each of these alone between two words splits them.
    @Test(arguments: Array(",.;:!?\"'()[]{}<>«»“”‘’…–—-/\\|@#$%^&*+=~`_§°·•←™©✓€¥₫ \t\n\r\u{A0}\u{2009}\u{3000}😀"))
    func everySeparatorSplits(separator: Character) {
        let text = "Việt\(separator)Nam"
        let tokens = Self.analyzer.tokens(in: text)
        #expect(tokens.map(\.accent) == ["việt", "nam"], "\(Support.describe(text))")
        #expect(tokens.map(\.byteRange) == Self.ranges(of: ["Việt", "Nam"], in: text), "\(Support.describe(text))")
    }

    static let joiners = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}"]

    @Test(arguments: joiners)
    func zeroWidthAndSoftHyphenDoNotSplit(joiner: String) {
        let name = "U+" + Support.hex(joiner.unicodeScalars.first!.value)
        let text = "Việt\(joiner)Nam đồng\(joiner)\(joiner)bằng"
        let tokens = Self.analyzer.tokens(in: text)
        #expect(tokens.map(\.folded) == ["vietnam", "dongbang"], "\(name)")
        #expect(tokens.map(\.accent) == ["việtnam", "đồngbằng"], "\(name)")
        #expect(tokens.map(\.byteRange) == Self.ranges(of: ["Việt\(joiner)Nam", "đồng\(joiner)\(joiner)bằng"], in: text))
        // Keys never contain the joiner.
        for token in tokens {
            #expect(!token.folded.unicodeScalars.contains(joiner.unicodeScalars.first!), "\(name)")
            #expect(!token.accent.unicodeScalars.contains(joiner.unicodeScalars.first!), "\(name)")
        }
        // Leading and trailing joiners are not part of the token; alone they are no token.
        let edges = "\(joiner)nam\(joiner) \(joiner)x\(joiner)"
        #expect(Self.analyzer.tokens(in: edges).map(\.byteRange) == Self.ranges(of: ["nam", "x"], in: edges), "\(name)")
        #expect(Self.analyzer.tokens(in: joiner + joiner).isEmpty, "\(name)")
        // Inside a word written in NFD, between a letter and its marks' neighbours.
        let nfd = Support.nfd("Ngư\(joiner)ời")
        #expect(Support.keys(nfd) == ["nguoi|người"], "\(name) NFD")
    }

    @Test func joinersInsideAnIYWordDoNotChangeTheRules() {
        #expect(Support.keys("k\u{200B}ỹ") == ["ki|kĩ"])
        #expect(Support.keys("t\u{00AD}y") == ["ti|ty"])
        #expect(Support.keys("ho\u{200D}à") == ["hoa|hòa"])
    }

    @Test func combiningMarksStayInTheirToken() {
        let nfd = "Vie\u{323}\u{302}t Nam"
        let tokens = Self.analyzer.tokens(in: nfd)
        #expect(tokens.map(\.accent) == ["việt", "nam"])
        #expect(tokens.map(\.byteRange) == [0..<8, 9..<12])  // V i e + two 2-byte marks + t
        // A mark at the end of a token is inside its range.
        let trailing = "cafe\u{301}, ca\u{300}"
        #expect(Self.analyzer.tokens(in: trailing).map(\.byteRange) == [0..<6, 8..<12])
        #expect(Support.keys(trailing) == ["cafe|café", "ca|cà"])
        // A mark with no letter before it starts no token.
        #expect(Self.folded("\u{301} a") == ["a"])
        #expect(Self.analyzer.tokens(in: "\u{301}\u{323}").isEmpty)
        #expect(Self.analyzer.tokens(in: " \u{301}a").map(\.byteRange) == [3..<4])
        // Other combining marks too.
        #expect(Support.keys("n\u{308}a\u{30A}") == ["na|n\u{308}\u{E5}"])
    }

    @Test(arguments: [
        "Người Việt Nam yêu hoà bình và độc lập",
        "Thủ tướng Chính phủ ký Quyết định số 12/QĐ-TTg",
        "ĐẠI HỘI ĐẢNG TOÀN QUỐC LẦN THỨ XIII",
    ])
    func decomposedInputKeepsItsOwnOffsets(sentence: String) {
        for (name, form) in Support.forms(sentence) {
            let words = form.split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "-" }).map(String.init)
            let tokens = Self.analyzer.tokens(in: form)
            #expect(tokens.map(\.byteRange) == Self.ranges(of: words, in: form), "\(name) \(sentence)")
            #expect(Support.keys(form) == Support.keys(sentence), "\(name) \(sentence)")
            let utf8 = Array(form.utf8)
            #expect(tokens.map { String(decoding: utf8[$0.byteRange], as: UTF8.self) } == words, "\(name)")
        }
    }

    @Test func invalidUTF8SeparatesAndNeverCrashes() {
        let bytes: [UInt8] = [
            0x61, 0xFF, 0x62, 0xC3, 0x28, 0x63, 0xE1, 0xBA, 0x64, 0xED, 0xA0, 0x80, 0x65, 0xF4, 0x90, 0x80, 0x80, 0x66,
            0xC3,
        ]
        let tokens = Self.analyzer.tokens(inUTF8: bytes)
        #expect(tokens.map(\.folded) == ["a", "b", "c", "d", "e", "f"])
        #expect(tokens.map(\.byteRange) == [0..<1, 2..<3, 5..<6, 8..<9, 12..<13, 17..<18])
    }

    /// Overlong forms, surrogates, out-of-range and stray bytes inside words split them.
    @Test(arguments: [
        [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF], [0xED, 0xBF, 0xBF],
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xF8], [0xFE], [0x80], [0xBF, 0xBF], [0xE1, 0xBB],
        [0xF0, 0x9F, 0x98],
    ] as [[UInt8]])
    func invalidSequencesInsideAWord(invalid: [UInt8]) {
        let bytes = Array("việt".utf8) + invalid + Array("nam".utf8)
        let tokens = Self.analyzer.tokens(inUTF8: bytes)
        #expect(tokens.map(\.accent) == ["việt", "nam"], "\(invalid)")
        #expect(tokens.map(\.byteRange) == [0..<6, (6 + invalid.count)..<(9 + invalid.count)], "\(invalid)")
        // Truncated at the very end of the input.
        let truncated = Self.analyzer.tokens(inUTF8: Array("việt".utf8) + invalid)
        #expect(truncated.map(\.byteRange) == [0..<6], "\(invalid)")
    }

    @Test func invalidUTF8BetweenLetterAndMark() {
        // The mark after an invalid byte has no letter before it.
        let bytes = Array("a".utf8) + [0xFF] + Array("\u{301}b".utf8)
        #expect(Self.analyzer.tokens(inUTF8: bytes).map(\.folded) == ["a", "b"])
    }

    @Test func otherScriptsAndLatinLetters() {
        let tokens = Self.analyzer.tokens(in: "Café Straße naïve Ångström Œuvre Łódź Москва ĐÔNG 北京 ١٢٣")
        #expect(tokens.map(\.folded) == ["cafe", "strasse", "naive", "angstrom", "oeuvre", "lodz", "москва", "dong", "北京", "١٢٣"])
        #expect(tokens.map(\.accent) == ["café", "straße", "naïve", "ångström", "œuvre", "łódź", "москва", "đông", "北京", "١٢٣"])
        let diacritics = Dictionary(uniqueKeysWithValues: tokens.map { ($0.folded, $0.hasDiacritics) })
        for word in ["cafe", "naive", "angstrom", "lodz", "dong"] {
            #expect(diacritics[word] == true, "hasDiacritics of \(word)")
        }
        for word in ["москва", "北京", "١٢٣"] {
            #expect(diacritics[word] == false, "hasDiacritics of \(word)")
        }
    }

    @Test(arguments: [
        ("dang", false), ("đang", true), ("Đảng", true), ("ty", false), ("kỹ", true), ("mua", false), ("mưa", true),
        ("café", true), ("2016", false), ("ăn", true), ("quy", false),
    ])
    func hasDiacritics(word: String, expected: Bool) {
        for (name, form) in Support.forms(word) {
            #expect(Self.analyzer.tokens(in: form).map(\.hasDiacritics) == [expected], "\(name) \(word)")
        }
    }

    @Test func veryLongRunsAreSplit() {
        let limit = VietnameseAnalyzer.maxTokenLetters
        #expect(limit == 255)
        let ascii = Self.analyzer.tokens(in: String(repeating: "a", count: 600))
        #expect(ascii.map(\.folded.count) == [255, 255, 90])
        #expect(ascii.map(\.byteRange) == [0..<255, 255..<510, 510..<600])
        #expect(ascii.map(\.position) == [0, 1, 2])

        // Counted in letters, not bytes.
        let vietnamese = Self.analyzer.tokens(in: String(repeating: "ệ", count: 300))
        #expect(vietnamese.map(\.byteRange) == [0..<765, 765..<900])
        #expect(vietnamese.map { Self.summary($0.accent) } == [Self.summary(Self.repeated("ệ", 255)), Self.summary(Self.repeated("ệ", 45))])

        // Decomposed: a letter's marks are never split from it.
        let nfd = Self.analyzer.tokens(in: String(repeating: "e\u{323}\u{302}", count: 300))
        #expect(nfd.map(\.byteRange) == [0..<1275, 1275..<1500])
        #expect(nfd.map { Self.summary($0.accent) } == vietnamese.map { Self.summary($0.accent) })

        // Other scripts.
        let cyrillic = Self.analyzer.tokens(in: String(repeating: "ж", count: 300))
        #expect(cyrillic.map(\.byteRange) == [0..<510, 510..<600])
    }

    static func repeated(_ text: String, _ count: Int) -> String { String(repeating: text, count: count) }

    /// Run-length summary of a long key ("a×255 b×1"), so failures stay readable.
    static func summary(_ text: String) -> String {
        var parts: [(Character, Int)] = []
        for character in text {
            if let last = parts.last, last.0 == character {
                parts[parts.count - 1].1 += 1
            } else {
                parts.append((character, 1))
            }
        }
        return parts.map { "\(Support.describe(String($0.0)))×\($0.1)" }.joined(separator: " ")
    }

    /// A run just over the limit, and what each part must be: (folded, accent, hasDiacritics).
    struct SplitRun: Sendable, CustomTestStringConvertible {
        let text: String
        let parts: [(String, String, Bool)]
        var testDescription: String { SegmentationTests.summary(text) }
    }

    static let splitRuns: [SplitRun] = [
        SplitRun(text: repeated("á", 255) + "b", parts: [(repeated("a", 255), repeated("á", 255), true), ("b", "b", false)]),
        SplitRun(text: repeated("b", 255) + "á", parts: [(repeated("b", 255), repeated("b", 255), false), ("a", "á", true)]),
        SplitRun(text: repeated("ệ", 256), parts: [(repeated("e", 255), repeated("ệ", 255), true), ("e", "ệ", true)]),
        SplitRun(
            text: repeated("x", 254) + "ưa",
            parts: [(repeated("x", 254) + "u", repeated("x", 254) + "ư", true), ("a", "a", false)]),
        SplitRun(text: repeated("a", 255) + "ệ", parts: [(repeated("a", 255), repeated("a", 255), false), ("e", "ệ", true)]),
    ]

    /// Each part of a split run keeps its own keys and flags, as if it had been written alone.
    @Test(arguments: splitRuns)
    func longRunSplitKeepsEachPartsKeys(run: SplitRun) {
        let tokens = Self.analyzer.tokens(in: run.text)
        #expect(tokens.count == run.parts.count, "\(run.testDescription)")
        for (token, (folded, accent, diacritics)) in zip(tokens, run.parts) {
            let label = "\(run.testDescription), part \(token.position)"
            #expect(Self.summary(token.folded) == Self.summary(folded), "\(label): folded key")
            #expect(Self.summary(token.accent) == Self.summary(accent), "\(label): accent key")
            #expect(token.hasDiacritics == diacritics, "\(label): hasDiacritics")
        }
    }

    /// 256 letters with a joiner after each: the first token ends at its 255th letter (and its
    /// marks), not after the joiner that follows it.
    @Test(arguments: ["a", "ệ", "e\u{323}\u{302}", "ж", "北"], ["\u{200B}", "\u{00AD}"])
    func longRunSplitDoesNotTakeAJoinerIntoTheRange(letter: String, joiner: String) {
        let unit = letter.utf8.count + joiner.utf8.count
        let tokens = Self.analyzer.tokens(in: String(repeating: letter + joiner, count: 256))
        let label = Support.describe(letter + joiner)
        #expect(tokens.map(\.folded.count) == [255, 1], "\(label)")
        #expect(
            tokens.map(\.byteRange) == [0..<(254 * unit + letter.utf8.count), (255 * unit)..<(255 * unit + letter.utf8.count)],
            "\(label)")
    }
}
