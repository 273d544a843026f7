import Foundation
import TestSupport
import Testing

@testable import VietnameseText

/// The byte tables against glibc iconv, and what the decoders do with letters and marks.
@Suite struct LegacyTableTests {
    static func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    /// Where our tables knowingly differ from glibc, and why.
    static let knownDifferences: [LegacyEncoding: Set<Int>] = [
        // Undefined in Windows-1258: iconv rejects them, we keep them as C1 controls.
        .windows1258: [0x81, 0x8A, 0x8D, 0x8E, 0x8F, 0x90, 0x9A, 0x9D, 0x9E],
        // glibc's TCVN5712-1 is VN1: capitals with tones in 0x01–0x17 (we keep controls),
        // 0x80–0x9F (real ABC files have Windows-1252 punctuation there) and some 0xA0–0xFF
        // slots VN3 leaves free (Windows-1252 glyphs, as in transcripts of real files).
        .tcvn3: Set([0x01, 0x02, 0x04, 0x05, 0x06, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17])
            .union(0x80...0x9F)
            .union([0xAF, 0xBA, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xCD, 0xD9, 0xDA, 0xDB, 0xE0, 0xF0, 0xFF]),
        .viscii: [],
    ]

    static let iconvNames: [(LegacyEncoding, String)] = [
        (.windows1258, "CP1258"), (.tcvn3, "TCVN5712-1"), (.viscii, "VISCII"),
    ]

    @Test(.enabled(if: Iconv.isAvailable), arguments: iconvNames)
    func everyByteAgreesWithIconv(_ encoding: LegacyEncoding, _ iconvName: String) throws {
        let reference = try Iconv.byteTable(iconvName)
        var differences = Set<Int>()
        for byte in 0...255 {
            let ours = Self.scalars(encoding.decode([UInt8(byte)]))
            if ours != reference[byte] { differences.insert(byte) }
        }
        let expected = Self.knownDifferences[encoding]!
        #expect(
            differences == expected,
            "unexpected: \(differences.subtracting(expected).sorted().map { String($0, radix: 16) }), agreeing now: \(expected.subtracting(differences).sorted().map { String($0, radix: 16) })"
        )
        // Where they differ, our choice: a control for C0, Windows-1252 for the rest.
        for byte in expected {
            let ours = Self.scalars(encoding.decode([UInt8(byte)]))
            if byte < 0x20 {
                #expect(ours == [UInt32(byte)])
            } else if encoding == .tcvn3 {
                #expect(ours == [UInt32(LegacyEncoding.windows1252High[byte - 0x80])])
            } else {
                #expect(ours == [UInt32(byte)])
            }
        }
    }

    /// A text with every Vietnamese letter (NFC, a fixture written for the project) encoded by
    /// iconv decodes back to itself exactly. TCVN3 (VN3) has no capitals with tones, so that round
    /// trip uses the lower-cased text.
    @Test(.enabled(if: Iconv.isAvailable), arguments: iconvNames)
    func iconvEncodedTextRoundTrips(_ encoding: LegacyEncoding, _ iconvName: String) throws {
        var text = try RepositoryFixtures.text("legacy/synthetic/mua-bao.utf8.txt")
        if encoding == .tcvn3 { text = text.lowercased() }
        text = text.precomposedStringWithCanonicalMapping
        let bytes = try Iconv.convert(Array(text.utf8), from: "UTF-8", to: iconvName)
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        let decoded = encoding.decode(bytes)
        #expect(Self.scalars(decoded) == Self.scalars(text))
        #expect(LegacyEncoding.detect(bytes) == encoding)
        #expect(LegacyEncoding.decodeDetecting(bytes).encoding == encoding.rawValue)
    }

    /// Whatever the bytes, the output is NFC: every byte after every letter or mark byte, and
    /// Windows-1258 tone bytes twice in a row (which must be reordered and composed as NFC does).
    @Test(arguments: LegacyEncoding.allCases)
    func outputIsNFC(_ encoding: LegacyEncoding) {
        for first in 0x20...0xFF {
            for second in 0x80...0xFF {
                let decoded = encoding.decode([UInt8(first), UInt8(second)])
                let nfc = decoded.precomposedStringWithCanonicalMapping
                if Self.scalars(decoded) != Self.scalars(nfc) {
                    Issue.record("\(encoding) \(String(first, radix: 16)) \(String(second, radix: 16)): \(Support.describe(decoded))")
                    return
                }
            }
        }
        for vowel in Array("aeiouyAEIOUY".utf8) + [0xE2, 0xEA, 0xF4, 0xF5, 0xFD, 0xE3] {
            for tone1 in [0xCC, 0xD2, 0xDE, 0xEC, 0xF2, 0xB0, 0xB4] as [UInt8] {
                for tone2 in [0xCC, 0xD2, 0xDE, 0xEC, 0xF2, 0xB0, 0xB4] as [UInt8] {
                    let decoded = encoding.decode([vowel, tone1, tone2])
                    #expect(Self.scalars(decoded) == Self.scalars(decoded.precomposedStringWithCanonicalMapping))
                }
            }
        }
    }

    @Test func windows1258ComposesTones() {
        // V i ê + dot below, t → Việt, four scalars.
        #expect(Self.scalars(LegacyEncoding.windows1258.decode([0x56, 0x69, 0xEA, 0xF2, 0x74])) == Self.scalars("Việt"))
        // ư + hook above: ử; Ơ + grave: Ờ; đ stays đ.
        #expect(LegacyEncoding.windows1258.decode([0xFD, 0xD2, 0x20, 0xD5, 0xCC, 0x20, 0xF0]) == "ử Ờ đ")
        // A tone after a consonant has nothing to compose with and stays a combining mark.
        #expect(Self.scalars(LegacyEncoding.windows1258.decode([0x74, 0xEC])) == [0x74, 0x301])
        // …unless Unicode has that letter: n + acute is ń in NFC.
        #expect(Self.scalars(LegacyEncoding.windows1258.decode([0x6E, 0xEC])) == [0x144])
    }

    @Test func tcvn3Letters() {
        // n ư ớ c: ư is 0xAD (the soft hyphen of Windows-1252).
        #expect(LegacyEncoding.tcvn3.decode([0x6E, 0xAD, 0xED, 0x63]) == "nước")
        // Đ capital, ® = đ, headings are lower case bytes.
        #expect(LegacyEncoding.tcvn3.decode([0xA7, 0xB8, 0x6E, 0x68, 0x20, 0xAE, 0xE9, 0x63]) == "Đánh độc")
        #expect(LegacyEncoding.tcvn3.decode([0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7]) == "ĂÂÊÔƠƯĐ")
        // Curly quotes and the en dash of Windows-1252 survive.
        #expect(LegacyEncoding.tcvn3.decode([0x93, 0x61, 0x94, 0x20, 0x96]) == "“a” –")
        // The VN3 combining tones compose with the vowel before them.
        #expect(LegacyEncoding.tcvn3.decode([0x61, 0xB3]) == "á")
    }

    static let vniCases: [(String, String)] = [
        ("Vieät Nam", "Việt Nam"),
        ("VIEÄT NAM", "VIỆT NAM"),
        ("Ñoàng Nai", "Đồng Nai"),
        ("ñöôïc", "được"),
        ("tænh uyû", "tỉnh uỷ"),
        ("naêm", "năm"),
        ("naëng", "nặng"),
        ("hoaëc", "hoặc"),
        ("ngaøy thaùng", "ngày tháng"),
        ("Kính göûi", "Kính gửi"),
        ("CHÆ TIEÂU", "CHỈ TIÊU"),
        ("NGHÓA", "NGHĨA"),
        ("TÖÏ DO", "TỰ DO"),
        ("baûo hoä", "bảo hộ"),
        ("aá aà aå aã aä", "ấ ầ ẩ ẫ ậ"),
        ("aé aè aú aü aë", "ắ ằ ẳ ẵ ặ"),
        ("AÙ AØ AÛ AÕ AÏ", "Á À Ả Ã Ạ"),
        ("AÉ AÈ AÚ AÜ AË", "Ắ Ằ Ẳ Ẵ Ặ"),
        ("ôù ÔØ öï ÖÕ", "ớ Ờ ự Ữ"),
        ("î Î ò Ò ó Ó", "ỵ Ỵ ị Ị ĩ Ĩ"),
        // A mark byte that fits no letter before it stands for its own Windows-1252 glyph.
        ("ù nâ iê", "ù nâ iê"),
    ]

    @Test(arguments: vniCases)
    func vniLetters(_ input: String, _ expected: String) {
        let bytes = input.unicodeScalars.map { UInt8($0.value) }
        #expect(Self.scalars(LegacyEncoding.vni.decode(bytes)) == Self.scalars(expected), "\(input)")
        #expect(Self.scalars(LegacyEncoding.vni.decode(windows1252Text: input)) == Self.scalars(expected), "\(input)")
    }

    @Test func windows1252TextGoesBackToItsBytes() {
        // A .VnTime run as Windows-1252 characters: n ư ớ c (ư came through as a soft hyphen).
        #expect(LegacyEncoding.tcvn3.decode(windows1252Text: "n\u{AD}íc") == "nước")
        // Windows-1252's own 0x80–0x9F characters become their bytes again (VISCII: capitals).
        #expect(LegacyEncoding.viscii.decode(windows1252Text: "\u{20AC}\u{201A}") == "ẠẰ")
        #expect(LegacyEncoding.tcvn3.decode(windows1252Text: "\u{201C}x\u{201D}") == "“x”")
        // Characters Windows-1252 does not have pass through.
        #expect(LegacyEncoding.tcvn3.decode(windows1252Text: "Ω \u{4E2D} ViÖt") == "Ω \u{4E2D} Việt")
        // A Substring works too.
        let line = "x Vieät y"
        #expect(LegacyEncoding.vni.decode(windows1252Text: line.dropFirst(2).dropLast(2)) == "Việt")
    }
}
