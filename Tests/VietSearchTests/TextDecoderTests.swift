import Foundation
import PropertyBased
import TestSupport
import Testing

@testable import VietSearch

/// UTF-8 with a few invalid bytes, or cut inside its last character, stays UTF-8 (the bad bytes
/// become U+FFFD, and the encoding says so); legacy text is still detected as legacy, every file
/// of the fixtures and of the shared corpus.
@Suite struct TextDecoderTests {
    static func decoded(_ bytes: [UInt8]) -> (text: String, encoding: String)? {
        guard case .text(let text, let encoding) = TextDecoder.decode(bytes) else { return nil }
        return (text, encoding)
    }

    static let damaged: [(String, [UInt8], String)] = [
        // The issue's reproduction: one bad byte made the whole file Windows-1258.
        ("one bad byte", Array("Xây dựng Đảng ".utf8) + [0xFF, 0x0A], "Xây dựng Đảng \u{FFFD}\n"),
        ("cut in its last character", Array("Xây dựng Đả".utf8).dropLast(1), "Xây dựng Đ\u{FFFD}"),
        ("cut, ASCII before", Array("abc ệ".utf8).dropLast(2), "abc \u{FFFD}"),
        ("a stray Latin-1 byte", Array("Sức khoẻ mùa hè, café ".utf8) + [0xE9], "Sức khoẻ mùa hè, café \u{FFFD}"),
        ("four letters per bad byte", Array("chào bạn đó ạ ".utf8) + [0x80], "chào bạn đó ạ \u{FFFD}"),
    ]

    @Test(arguments: damaged)
    func damagedUTF8StaysUTF8(_ name: String, _ bytes: [UInt8], _ expected: String) throws {
        let (text, encoding) = try #require(Self.decoded(bytes), "\(name)")
        #expect(encoding == TextDecoder.damagedUTF8, "\(name)")
        #expect(text == expected, "\(name)")
    }

    @Test func validAndLegacyAreUnchanged() throws {
        #expect(Self.decoded(Array("Xây dựng Đảng".utf8))?.encoding == "utf-8")
        // Windows-1258 with no UTF-8 letter: "Hoà Bình" as base letters and combining tones.
        let cp1258: [UInt8] = Array("Ho".utf8) + [0x61, 0xCC] + Array(" B".utf8) + [0x69, 0xCC] + Array("nh".utf8)
        #expect(Self.decoded(cp1258)?.encoding == "windows-1258")
        // ASCII and one bad byte: no UTF-8 evidence either way; left to detection.
        #expect(Self.decoded(Array("abc ".utf8) + [0xFF])?.encoding != TextDecoder.damagedUTF8)
        // Three letters to a bad byte: not "a few" bad bytes.
        #expect(Self.decoded(Array("chào bạn ạ ".utf8) + [0x80])?.encoding != TextDecoder.damagedUTF8)
        // Windows-1258 followed by UTF-8: as many bad bytes as letters; still Windows-1258.
        #expect(Self.decoded(cp1258 + Array(" thủy điện".utf8))?.encoding == "windows-1258")
    }

    /// Any UTF-8 text cut at any byte is UTF-8 (valid, or damaged at its end).
    @Test func everyCutOfUTF8StaysUTF8() async {
        let text = Array("Người dân xây dựng nông thôn mới 😀 ở Hoà Bình".utf8)
        await propertyCheck(input: Gen.int(in: 1...text.count)) { length in
            let encoding = Self.decoded(Array(text[..<length]))?.encoding
            #expect(encoding == "utf-8" || encoding == TextDecoder.damagedUTF8, "cut at \(length): \(encoding ?? "binary")")
        }
    }

    /// No legacy text layer is taken for UTF-8: the fixtures (always) and the corpus's real files.
    @Test(arguments: LegacyCollection.fixtures.textLayers)
    func fixturesStayLegacy(_ layer: LegacyCollection.TextLayer) throws {
        let bytes = try layer.bytes()
        #expect(!TextDecoder.isMostlyUTF8(bytes))
        #expect(Self.decoded(bytes)?.encoding == layer.encoding)
    }

    @Test(.sharedCorpus, arguments: LegacyCollection.corpus.textLayers)
    func corpusStaysLegacy(_ layer: LegacyCollection.TextLayer) throws {
        let bytes = try layer.bytes()
        #expect(!TextDecoder.isMostlyUTF8(bytes), "\(layer.path)")
        #expect(Self.decoded(bytes)?.encoding == layer.encoding, "\(layer.path)")
    }
}
