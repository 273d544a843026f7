import PropertyBased
import Testing

@testable import VietnameseText

/// The built-in dictionary, the dictionary file format, and definitions learned from text.
@Suite struct AbbreviationTests {
    /// A news-style paragraph written for this test: definitions both ways, and brackets that
    /// are not definitions (a byline, a photo credit, a currency, a source).
    static let paragraph = """
        Ban Thường vụ Tỉnh ủy đã chỉ đạo các tổ chức cơ sở đảng (TCCSĐ) rà soát đảng viên. Sau đó, TCCSĐ \
        báo cáo lên Ủy ban nhân dân (UBND) tỉnh và Hội đồng nhân dân (HĐND) tỉnh. UBKT (Ủy ban kiểm tra) \
        đã vào cuộc. Sở Giáo dục và Đào tạo (GD&ĐT) thông báo lịch thi trung học phổ thông (THPT) quốc gia \
        tại Thành phố Hồ Chí Minh (TP.HCM). Phát triển kinh tế - xã hội (KT-XH) là nhiệm vụ trọng tâm. \
        Ông Nguyễn Văn Bình (TTXVN) cho biết giá 5 tỷ đồng (VND) là hợp lý (ảnh: internet). Bà Rịa - Vũng Tàu \
        (BR-VT) đón khách. Có 3 người (ĐH) hay WHO (Tổ chức Y tế Thế giới) thì không. (Theo Báo Mới)
        """

    @Test func learnsDefinitionsFromText() {
        let found = AbbreviationExtractor.definitions(in: Self.paragraph)
        #expect(
            found == [
                AbbreviationDefinition(abbreviation: "TCCSĐ", expansion: "tổ chức cơ sở đảng"),
                AbbreviationDefinition(abbreviation: "UBND", expansion: "ủy ban nhân dân"),
                AbbreviationDefinition(abbreviation: "HĐND", expansion: "hội đồng nhân dân"),
                AbbreviationDefinition(abbreviation: "UBKT", expansion: "ủy ban kiểm tra"),
                AbbreviationDefinition(abbreviation: "GD&ĐT", expansion: "giáo dục và đào tạo"),
                AbbreviationDefinition(abbreviation: "THPT", expansion: "trung học phổ thông"),
                AbbreviationDefinition(abbreviation: "TP.HCM", expansion: "thành phố hồ chí minh"),
                AbbreviationDefinition(abbreviation: "KT-XH", expansion: "kinh tế xã hội"),
                AbbreviationDefinition(abbreviation: "BR-VT", expansion: "bà rịa vũng tàu"),
            ])
    }

    @Test func initialsMustMatchEverySyllable() {
        let none = [
            "các cán bộ (UBND)", "đã họp (HĐND)", "uy ban nhan (UBND)", "ủy ban, nhân dân (UBND)", "UBND (Ủy ban nhân)",
            "UBND (ủy ban nhân dân tỉnh)", "Ubnd (ủy ban nhân dân)", "ủy ban nhân dân (ubnd)", "tổ chức (T)", "(UBND)",
            "ủy ban nhân dân (UBND", "ủy ban nhân dân\n(UBND)", "số 12 (S)", "năm 2016 (N)",
        ]
        for text in none {
            #expect(AbbreviationExtractor.definitions(in: text).isEmpty, "\(text)")
        }
        // Decomposed text and a no-break space: still a definition.
        #expect(
            AbbreviationExtractor.definitions(in: "Hội đồng nhân dân\u{A0}(HĐND)".decomposedForTest)
                == [AbbreviationDefinition(abbreviation: "HĐND", expansion: "hội đồng nhân dân")])
    }

    @Test func builtinDictionaryCoversTheCommonAbbreviations() {
        let builtin = AbbreviationDictionary.builtin
        #expect(builtin.entries.count >= 250)
        #expect(Set(builtin.entries.map(\.expansion)).count >= 150)
        for spelling in ["TP.HCM", "TPHCM", "TP HCM", "tp. hcm", "TP Hồ Chí Minh"] {
            let key = AbbreviationDictionary.key(spelling)!.text
            #expect(builtin.entries(abbreviatedAs: key).map(\.expansion) == ["Thành phố Hồ Chí Minh"], "\(spelling)")
        }
        #expect(builtin.entries(abbreviatedAs: "hdnd").map(\.expansion) == ["hội đồng nhân dân"])
        #expect(builtin.entries(abbreviatedAs: "cp").map(\.expansion) == ["Chính phủ", "cổ phần"])
        #expect(builtin.entries(expandingTo: "uy ban nhan dan").map(\.abbreviation) == ["UBND"])
        #expect(builtin.entries(expandingTo: "thanh pho ho chi minh").map(\.abbreviation).contains("TPHCM"))
        #expect(builtin.longestKey >= 8)
    }

    /// A query scan stops a span no key starts with: whole tokens of either side's key, never
    /// part of one, and nothing past a key's end.
    @Test func keysStartingWithTokens() {
        let dictionary = AbbreviationDictionary(entries: [
            .init(abbreviation: "UBND", expansion: "ủy ban nhân dân"), .init(abbreviation: "TP HCM", expansion: "Thành phố Hồ Chí Minh"),
        ])
        let cases: [(String, Bool)] = [
            ("uy", true), ("uy ban", true), ("uy ban nhan", true), ("uy ban nhan dan", true), ("ubnd", true),
            ("tp", true), ("tp hcm", true), ("thanh pho ho", true), ("thanh pho ho chi minh", true),
            ("uy ba", false), ("u", false), ("ban", false), ("uy ban nhan dan tinh", false), ("ubnd tinh", false),
            ("tp hc", false), ("pho", false), ("", false),
        ]
        for (tokens, expected) in cases {
            #expect(dictionary.hasKey(startingWith: tokens) == expected, "\(tokens)")
        }
    }

    @Test func dictionaryFileFormat() throws {
        let dictionary = try AbbreviationDictionary(
            parsing: """
                # a comment, then a blank line

                NHNNVN, NHNN VN = Ngân hàng Nhà nước Việt Nam
                  BHXH = bảo hiểm xã hội, nói chung
                CP = cổ phần
                CP = cổ phần
                """)
        #expect(dictionary.entries.count == 4)
        #expect(dictionary.entries(abbreviatedAs: "nhnn vn").map(\.expansion) == ["Ngân hàng Nhà nước Việt Nam"])
        #expect(dictionary.entries(abbreviatedAs: "bhxh").map(\.expansion) == ["bảo hiểm xã hội, nói chung"])
        let error = #expect(throws: AbbreviationDictionary.ParseError.self) {
            try AbbreviationDictionary(parsing: "# x\nUBND ủy ban nhân dân\n")
        }
        #expect(error?.line == 2)
        #expect(error?.description == "line 2: expected ABBREVIATION[, SPELLING…] = expansion, found \"UBND ủy ban nhân dân\"")
        #expect(throws: AbbreviationDictionary.ParseError.self) { try AbbreviationDictionary(parsing: "= ủy ban") }
        #expect(throws: AbbreviationDictionary.ParseError.self) { try AbbreviationDictionary(parsing: "UBND = ...") }
        let merged = AbbreviationDictionary.builtin.merging(dictionary)
        #expect(merged.entries.count == AbbreviationDictionary.builtin.entries.count + 3)
    }

    /// A dictionary is a value: adding to a copy leaves the original as it was, in every lookup.
    @Test func aCopyChangesAlone() throws {
        let original = try AbbreviationDictionary(parsing: "BHXH = bảo hiểm xã hội")
        var copy = original
        copy.add(AbbreviationDictionary.Entry(abbreviation: "TTĐH", expansion: "thời tiết hôm nay"))
        copy.add(AbbreviationDictionary.Entry(abbreviation: "BH", expansion: "bảo hiểm"))
        #expect(copy.entries.count == 3)
        #expect(original.entries.map(\.abbreviation) == ["BHXH"])
        #expect(original.entries(abbreviatedAs: "ttdh").isEmpty)
        #expect(original.entries(expandingTo: "bao hiem").isEmpty)
        #expect(!original.hasKey(startingWith: "thoi tiet"))
        #expect(original.longestKey(startingWith: "bh") == 0)
        #expect(original.longestKey(startingWith: "bao") == 4)
        #expect(original.longestKey == 4)
        #expect(copy.entries(abbreviatedAs: "ttdh").map(\.expansion) == ["thời tiết hôm nay"])
        #expect(copy.hasKey(startingWith: "thoi tiet"))
    }

    /// A file saved with Windows line ends (CRLF, one `Character` in Swift) or NFD text reads as
    /// the same lines, and a line's number in an error counts those ends.
    @Test func dictionaryFileWithWindowsLineEnds() throws {
        let dictionary = try AbbreviationDictionary(parsing: "# x\r\nBHXH = bảo hiểm xã hội\r\n\r\nHĐND = hội đồng nhân dân\r\n")
        #expect(dictionary.entries.map(\.abbreviation) == ["BHXH", "HĐND"])
        #expect(dictionary.entries(abbreviatedAs: "hdnd").map(\.expansion) == ["hội đồng nhân dân"])
        let nfd = try AbbreviationDictionary(parsing: "BHXH = bảo hiểm xã hội".decomposedStringWithCanonicalMapping)
        #expect(nfd.entries(expandingTo: "bao hiem xa hoi").map(\.abbreviation) == ["BHXH"])
        let error = #expect(throws: AbbreviationDictionary.ParseError.self) {
            try AbbreviationDictionary(parsing: "BHXH = bảo hiểm\r\nUBND ủy ban\r\n")
        }
        #expect(error?.line == 2)
        #expect(error?.text == "UBND ủy ban")
    }

    /// Bytes near `(` (0x28) in value or in bits: `'` and `)` around it, 0xA8 (its high bit set),
    /// UTF-8 lead and continuation bytes, NUL.
    static let bracketBytes = Generator<[UInt8], Shrink.None<[UInt8]>> { rng in
        let alphabet: [UInt8] = [0x28, 0x28, 0x27, 0x29, 0xA8, 0x08, 0x61, 0x20, 0xC3, 0xA1, 0x00, 0xFF]
        return (0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
    }

    /// The word-at-a-time search for `(` finds what a search byte by byte finds, from any start.
    @Test func openingBracketIsFoundAsByteByByte() async {
        await propertyCheck(count: 2000, input: Self.bracketBytes, Gen.int(in: 0...48)) { bytes, start in
            let from = min(start, bytes.count)
            let expected = bytes[from...].firstIndex(of: UInt8(ascii: "("))
            let found = bytes.withUnsafeBufferPointer { AbbreviationExtractor.nextOpeningBracket($0, from: from) }
            #expect(found == expected, "\(bytes) from \(from)")
        }
    }
}

extension String {
    var decomposedForTest: String { Support.nfd(self) }
}
