import Testing
import VietnameseText

/// Where tokens start and end, and what separates them.
@Suite struct SegmentationTests {
    static let analyzer = VietnameseAnalyzer()

    static func folded(_ text: String) -> [String] { analyzer.tokens(in: text).map(\.folded) }

    @Test(arguments: [
        ("85,94%", ["85", "94"]),
        ("31/8/2016", ["31", "8", "2016"]),
        ("37-NQ/TW", ["37", "nq", "tw"]),
        ("H5N1 covid19", ["h5n1", "covid19"]),
        ("xây dựng, Đảng.", ["xay", "dung", "dang"]),
        ("«Hà Nội» — “thủ đô”!", ["ha", "noi", "thu", "do"]),
        ("a\tb\nc\r\nd", ["a", "b", "c", "d"]),
        ("tab\u{00A0}nbsp\u{2003}em", ["tab", "nbsp", "em"]),
        ("emoji😀giữa", ["emoji", "giua"]),
        ("", []),
        ("!!! ... ???", []),
    ])
    func separators(text: String, expected: [String]) {
        #expect(Self.folded(text) == expected, "\(text)")
    }

    @Test func zeroWidthAndSoftHyphenDoNotSplit() {
        for joiner in ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}"] {
            let text = "Việt\(joiner)Nam đó"
            let tokens = Self.analyzer.tokens(in: text)
            #expect(tokens.map(\.folded) == ["vietnam", "do"], "joiner U+\(String(joiner.unicodeScalars.first!.value, radix: 16))")
            #expect(tokens.first?.byteRange == 0..<("Việt\(joiner)Nam".utf8.count))
        }
        // Leading and trailing joiners are not part of the token.
        let tokens = Self.analyzer.tokens(in: "\u{200B}nam\u{200B} x")
        #expect(tokens.first?.byteRange == 3..<6)
    }

    @Test func combiningMarksStayInTheirToken() {
        let nfd = "Vie\u{323}\u{302}t Nam"
        let tokens = Self.analyzer.tokens(in: nfd)
        #expect(tokens.map(\.accent) == ["việt", "nam"])
        #expect(tokens[0].byteRange == 0..<8)  // V i e + 2 + 2 bytes of marks + t
        // A mark with no letter before it starts no token.
        #expect(Self.folded("\u{301} a") == ["a"])
    }

    @Test func rangesPointIntoTheOriginalText() {
        let text = "Ông  ĐẢNG\u{301}x, naïve  thuỷ"
        let utf8 = Array(text.utf8)
        for token in Self.analyzer.tokens(in: text) {
            let slice = String(decoding: utf8[token.byteRange], as: UTF8.self)
            #expect(!slice.isEmpty)
            #expect(Self.analyzer.tokens(in: slice).map(\.accent) == [token.accent], "\(slice)")
        }
        #expect(Self.analyzer.tokens(in: text).map(\.position) == [0, 1, 2, 3])
    }

    @Test func invalidUTF8SeparatesAndNeverCrashes() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xC3, 0x28, 0x63, 0xE1, 0xBA, 0x64, 0xED, 0xA0, 0x80, 0x65, 0xF4, 0x90, 0x80, 0x80, 0x66, 0xC3]
        let tokens = Self.analyzer.tokens(inUTF8: bytes)
        #expect(tokens.map(\.folded) == ["a", "b", "c", "d", "e", "f"])
        #expect(tokens.map(\.byteRange) == [0..<1, 2..<3, 5..<6, 8..<9, 12..<13, 17..<18])
    }

    @Test func otherScriptsAndLatinLetters() {
        let tokens = Self.analyzer.tokens(in: "Café Straße naïve Ångström Москва Αθήνα 北京")
        #expect(tokens.map(\.folded) == ["cafe", "strasse", "naive", "angstrom", "москва", "αθηνα", "北京"])
        #expect(tokens.map(\.accent) == ["café", "straße", "naïve", "ångström", "москва", "αθήνα", "北京"])
    }

    @Test func veryLongRunsAreSplit() {
        let long = String(repeating: "a", count: 600)
        let tokens = Self.analyzer.tokens(in: long)
        #expect(tokens.map(\.folded.count) == [255, 255, 90])
        #expect(tokens.map(\.byteRange) == [0..<255, 255..<510, 510..<600])
    }

    @Test func listReuseGivesTheSameTokens() {
        var list = TokenList()
        let analyzer = Self.analyzer
        analyzer.analyze(Array("một bài báo dài về thuỷ điện".utf8), into: &list)
        analyzer.analyze(Array("Hoà".utf8), into: &list)
        #expect(list.count == 1)
        #expect(list.accentKey(at: 0) == "hòa")
        #expect(list.combinedKey(at: 0) == "hoa:hòa")
        analyzer.analyze(Array("dang".utf8), into: &list)
        #expect(list.combinedKey(at: 0) == "dang:")
        #expect(!list[0].hasDistinctAccentKey && !list[0].hasDiacritics)
    }
}
