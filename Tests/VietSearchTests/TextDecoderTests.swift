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

    /// Bytes around 0x20 and the control bytes text allows, with letters and UTF-8 bytes between.
    static let sampleBytes = Generator<[UInt8], Shrink.None<[UInt8]>> { rng in
        let alphabet: [UInt8] = [0x00, 0x01, 0x09, 0x0A, 0x0C, 0x0D, 0x1B, 0x1F, 0x20, 0x21, 0x61, 0x7F, 0x80, 0xA0, 0xC3, 0xFF]
        let letters = Int.random(in: 0...12, using: &rng)
        return (0..<Int.random(in: 0...60, using: &rng)).map { _ in
            Int.random(in: 0...15, using: &rng) < letters ? 0x61 : alphabet.randomElement(using: &rng)!
        }
    }

    /// The word-at-a-time test for binary files says what a test byte by byte says.
    @Test func binaryReasonIsAsByteByByte() async {
        func byteByByte(_ sample: [UInt8]) -> String? {
            if sample.contains(0) { return "binary file (contains NUL bytes)" }
            let allowed: Set<UInt8> = [0x09, 0x0A, 0x0D, 0x0C, 0x1B]
            let controls = sample.filter { $0 < 0x20 && !allowed.contains($0) }.count
            return controls * 20 > sample.count ? "binary file (control characters)" : nil
        }
        await propertyCheck(count: 2000, input: Self.sampleBytes) { sample in
            #expect(TextDecoder.binaryReason(sample[...]) == byteByByte(sample), "\(sample)")
        }
        // A slice that does not start at 0, as the decoder passes after a byte-order mark.
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(repeating: 0x01, count: 9) + Array("abcdefgh".utf8)
        #expect(TextDecoder.binaryReason(bytes[3...]) == "binary file (control characters)")
        #expect(TextDecoder.binaryReason(bytes[12...]) == nil)
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
