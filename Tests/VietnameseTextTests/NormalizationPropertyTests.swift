import Foundation
import PropertyBased
import Testing
import VietnameseText

/// Rules that hold for any input: generated text and arbitrary bytes.
@Suite struct NormalizationPropertyTests {
    static let analyzer = VietnameseAnalyzer()

    /// Pieces text is built from: Vietnamese syllables in both tone styles and with misplaced
    /// marks, every toned vowel, other Latin letters, digits, punctuation, spaces, joiners.
    static let pieces: [String] = [
        "xây", "dựng", "Đảng", "hoà", "hòa", "thuỷ", "KHOẺ", "người", "vịêt", "qúa", "gìa", "kỹ", "Mĩ", "quy", "ty",
        "nghiêng", "khuỷu", "ươ", "ặ", "Ẫ", "ỹ", "ừ", "đ", "Đ", "ð", "a", "ê", "ơ", "ư", "ă", "é", "ü", "ñ", "ç", "ø",
        "ß", "Å", "Ω", "ή", "ж", "北", "7", "2016", " ", " ", "  ", "\n", ",", ".", "/", "-", "%", "\"", "(", "\u{200B}",
        "\u{00AD}", "😀", "ǘ", "ṍ", "ḗ", "ı", "İ",
    ]

    static let text = Gen<String?>.element(of: pieces).compactMap { $0 }.array(of: 0...40).map { $0.joined() }

    static func keys(_ text: String) -> [String] {
        analyzer.tokens(in: text).map { "\($0.folded)|\($0.accent)" }
    }

    @Test func nfcAndNFDGiveIdenticalKeys() async {
        await propertyCheck(count: 500, input: Self.text) { text in
            let nfc = text.precomposedStringWithCanonicalMapping
            let nfd = text.decomposedStringWithCanonicalMapping
            #expect(Self.keys(nfc) == Self.keys(nfd), "text: \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(Self.keys(text) == Self.keys(nfc))
        }
    }

    @Test func windows1258FormGivesIdenticalKeys() async {
        await propertyCheck(count: 300, input: Self.text) { text in
            #expect(Self.keys(LetterTableTests.windows1258Form(text)) == Self.keys(text), "text: \(text)")
        }
    }

    static func checkRanges(_ tokens: [Token], inputCount: Int) {
        var previousEnd = 0
        for (offset, token) in tokens.enumerated() {
            #expect(token.position == offset)
            #expect(!token.byteRange.isEmpty)
            #expect(token.byteRange.lowerBound >= previousEnd)
            #expect(token.byteRange.upperBound <= inputCount)
            #expect(!token.folded.isEmpty && !token.accent.isEmpty)
            previousEnd = token.byteRange.upperBound
        }
    }

    @Test func arbitraryBytesNeverCrashAndRangesStayValid() async {
        let bytes = Gen<UInt8>.value(in: 0...255).array(of: 0...200)
        await propertyCheck(count: 1000, input: bytes) { bytes in
            Self.checkRanges(Self.analyzer.tokens(inUTF8: bytes), inputCount: bytes.count)
        }
    }

    @Test func mostlyUTF8BytesNeverCrash() async {
        // Valid text with random bytes spliced in: truncated and stray continuation bytes.
        let input = Self.text.map { Array($0.utf8) }
        let noise = Gen<UInt8>.value(in: 0x80...0xFF).array(of: 0...4)
        await propertyCheck(count: 500, input: input, noise, Gen.int(in: 0...1000)) { bytes, noise, at in
            var mixed = bytes
            mixed.insert(contentsOf: noise, at: bytes.isEmpty ? 0 : at % (bytes.count + 1))
            Self.checkRanges(Self.analyzer.tokens(inUTF8: mixed), inputCount: mixed.count)
        }
    }

    @Test func eachRangeAnalysedAloneGivesTheSameToken() async {
        await propertyCheck(count: 500, input: Self.text) { text in
            let utf8 = Array(text.utf8)
            let tokens = Self.analyzer.tokens(in: text)
            Self.checkRanges(tokens, inputCount: utf8.count)
            for token in tokens {
                let slice = Array(utf8[token.byteRange])
                // Ranges start and end on scalar boundaries.
                #expect(String(validating: slice, as: UTF8.self) != nil)
                let alone = Self.analyzer.tokens(inUTF8: slice)
                #expect(alone.map(\.folded) == [token.folded], "slice of \(text)")
                #expect(alone.map(\.accent) == [token.accent], "slice of \(text)")
            }
        }
    }

    @Test func keysAreStableUnderReanalysis() async {
        // Analysing a key again gives the key back: queries built from keys match documents.
        await propertyCheck(count: 300, input: Self.text) { text in
            for token in Self.analyzer.tokens(in: text) {
                #expect(Self.analyzer.tokens(in: token.folded).map(\.folded) == [token.folded], "\(token.folded)")
                #expect(Self.analyzer.tokens(in: token.accent).map(\.accent) == [token.accent], "\(token.accent)")
            }
        }
    }
}
