import Testing
import VietnameseText

/// The allocation-free form: `analyze(_:into:)` and the key layout in `TokenList.keyBytes`.
@Suite struct TokenListTests {
    static let analyzer = VietnameseAnalyzer()

    /// Every entry of `list` matches the `Token` of the same index.
    static func checkAgreement(_ list: TokenList, _ tokens: [Token], _ label: String) {
        #expect(list.count == tokens.count, "\(label)")
        #expect(list.isEmpty == tokens.isEmpty, "\(label)")
        for (index, token) in tokens.enumerated() where index < list.count {
            let entry = list[index]
            #expect(entry.byteRange == token.byteRange, "\(label) #\(index)")
            #expect(list.position(at: index) == index, "\(label) #\(index)")
            #expect(list.foldedKey(at: index) == token.folded, "\(label) #\(index)")
            #expect(list.accentKey(at: index) == token.accent, "\(label) #\(index)")
            #expect(entry.hasDiacritics == token.hasDiacritics, "\(label) #\(index)")
            #expect(entry.hasDistinctAccentKey == (token.folded != token.accent), "\(label) #\(index)")
            // Layout: folded ‖ ":" ‖ accent (accent empty when equal).
            let combined = String(decoding: list.keyBytes[entry.combinedKey], as: UTF8.self)
            let expected = token.folded + ":" + (token.folded == token.accent ? "" : token.accent)
            #expect(combined == expected, "\(label) #\(index)")
            #expect(list.combinedKey(at: index) == expected, "\(label) #\(index)")
            #expect(String(decoding: list.keyBytes[entry.variantPrefix], as: UTF8.self) == token.folded + ":")
            #expect(list.keyBytes[entry.foldedKey.upperBound] == TokenList.keySeparator, "\(label) #\(index)")
        }
    }

    @Test(arguments: [
        "Xây dựng Đảng hoà bình", "dang", "Ủy ban nhân dân", "", "... !!!", "kỹ sư ở Mỹ, công ty, quy định",
        "Vie\u{323}\u{302}t Nam", "café Москва 北京 2016",
    ])
    func listAgreesWithTokens(text: String) {
        var list = TokenList()
        Self.analyzer.analyze(Array(text.utf8), into: &list)
        Self.checkAgreement(list, Self.analyzer.tokens(in: text), text)
        // The String path, the array path and a non-contiguous collection agree.
        #expect(Self.analyzer.tokens(inUTF8: Array(text.utf8)) == Self.analyzer.tokens(in: text))
        #expect(Self.analyzer.tokens(inUTF8: text.utf8.lazy.map { $0 }) == Self.analyzer.tokens(in: text))
    }

    @Test func listReuseReplacesEverything() {
        var list = TokenList()
        Self.analyzer.analyze(Array("một bài báo dài về thuỷ điện và khoẻ mạnh".utf8), into: &list)
        #expect(list.count == 10)
        Self.analyzer.analyze(Array("Hoà".utf8), into: &list)
        #expect(list.count == 1)
        #expect(list.accentKey(at: 0) == "hòa")
        #expect(list.combinedKey(at: 0) == "hoa:hòa")
        #expect(list[0].hasDistinctAccentKey && list[0].hasDiacritics)
        Self.analyzer.analyze(Array("dang".utf8), into: &list)
        #expect(list.combinedKey(at: 0) == "dang:")
        #expect(list.accentKey(at: 0) == "dang")
        #expect(!list[0].hasDistinctAccentKey && !list[0].hasDiacritics)
        #expect(list[0].accentKey == list[0].foldedKey)
        Self.analyzer.analyze([UInt8](), into: &list)
        #expect(list.isEmpty && list.count == 0)
    }
}
