import Foundation
import TestSupport
import Testing
import VietnameseText

@testable import VietSearch

@Suite struct RTFTextTests {
    /// TCVN3 bytes of "Bộ Tài chính" and "việt nam" (from the byte tables' lower-case block).
    static let tcvn3Ministry: [UInt8] = [0x42, 0xE9, 0x20, 0x54, 0xB5, 0x69, 0x20, 0x63, 0x68, 0xDD, 0x6E, 0x68]
    static let tcvn3VietNam: [UInt8] = [0x76, 0x69, 0xD6, 0x74, 0x20, 0x6E, 0x61, 0x6D]
    /// VNI bytes of "Độc lập" (a letter, then its mark byte).
    static let vniIndependence: [UInt8] = [0xD1, 0x6F, 0xE4, 0x63, 0x20, 0x6C, 0x61, 0xE4, 0x70]

    static func escaped(_ bytes: [UInt8]) -> String {
        bytes.map { $0 >= 0x80 ? "\\'" + String($0, radix: 16) : String(UnicodeScalar($0)) }.joined()
    }

    /// A document switching between a TCVN3 font, a VNI font and Times New Roman, in groups and
    /// with `\plain`, plus `\uN` in a legacy run and in an ordinary one.
    static var mixedDocument: [UInt8] {
        let rtf = """
            {\\rtf1\\ansi\\ansicpg1252\\uc1\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}\
            {\\f1\\fswiss\\fcharset0{\\*\\panose 020b7200000000000000}.VnTime;}{\\f2\\fnil VNI-Times{\\*\\falt Arial};}}
            {\\colortbl;\\red0\\green0\\blue0;}{\\stylesheet{\\f1 Normal;}}{\\info{\\title \\'e9 junk}}
            {\\header {\\f1 page 1\\par}}\\pard\\plain {\\f1\\fs26 \(escaped(tcvn3Ministry))\\par }\
            {\\f2 \(escaped(vniIndependence))}\\tab {\\f1 \(escaped(Array(tcvn3VietNam.prefix(2))))\\u214\\'3f\
            \(escaped(Array(tcvn3VietNam.dropFirst(3))))}\\par
            \\plain Caf\\'e9 \\u7879?\\line {\\field{\\*\\fldinst HYPERLINK "x"}{\\fldrslt link}}\\cell end\\par}
            """
        return Array(rtf.utf8)
    }

    @Test func mixedLegacyFontsAreDecodedRunByRun() throws {
        let rtf = try #require(RTFText(Self.mixedDocument))
        // \u214 is Ö, the Windows-1252 reading of 0xD6: back to the legacy byte.
        let expectedLayer = Self.tcvn3Ministry + [0x0A] + Self.vniIndependence + [0x09] + Self.tcvn3VietNam + [0x0A]
            + Array("Caf".utf8) + [0xE9, 0x20] + Array("ệ".utf8) + Array("\nlink\tend\n".utf8)
        #expect(rtf.byteLayer == expectedLayer)
        // Runs end where the font changes; each is decoded by its font's encoding.
        let expected = LegacyEncoding.tcvn3.decode(Self.tcvn3Ministry + [0x0A]) + LegacyEncoding.vni.decode(Self.vniIndependence)
            + "\t" + LegacyEncoding.tcvn3.decode(Self.tcvn3VietNam + [0x0A]) + "Café ệ\nlink\tend\n"
        #expect(rtf.body == expected)
        #expect(rtf.encoding == "tcvn3+vni")
    }

    @Test(arguments: [
        (".VnTime", LegacyEncoding.tcvn3), (".VnTimeH", .tcvn3), (".VnTimeH Tur", .tcvn3), ("VnTimeH(Ds)", .tcvn3),
        (".VnCentury SchoolbookH", .tcvn3), ("VnTime", .tcvn3), (".VnArial", .tcvn3), ("VNI-Times", .vni),
        ("VNI-Helve", .vni),
    ])
    func legacyFontNames(_ name: String, _ encoding: LegacyEncoding) {
        #expect(LegacyFont(name: name)?.encoding == encoding)
    }

    @Test func ordinaryFontNames() {
        for name in ["Times New Roman", "Arial", "Symbol", "Tahoma CE", ""] { #expect(LegacyFont(name: name) == nil) }
    }

    @Test func unicodeRTF() throws {
        let rtf = try #require(RTFText(Array("{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}\\f0\\uc1 Vi\\u7879?t Nam\\par\\uc0\\u273\\u7865 p}".utf8)))
        #expect(rtf.body == "Việt Nam\nđẹp")
        #expect(rtf.encoding == "windows-1252")
        #expect(DocumentExtractor.extract(Array("{\\rtf1 {\\f0 Xin ch\\u224?o}}".utf8), format: "rtf")
            == .document(title: "Xin chào", body: "Xin chào", encoding: "rtf/windows-1252"))
    }

    @Test func windows1258CodePage() throws {
        // Windows-1258: "Hoà" as H o a + combining grave (0xCC).
        let rtf = try #require(RTFText(Array("{\\rtf1\\ansi\\ansicpg1258 Hoa\\'cc}".utf8)))
        #expect(rtf.body == LegacyEncoding.windows1258.decode(Array("Hoa".utf8) + [0xCC]))
        #expect(rtf.encoding == "windows-1258")
    }

    @Test func escapesAndBinaryData() throws {
        let rtf = try #require(RTFText(Array("{\\rtf1 a\\{b\\}c\\\\d\\~e\\-f\\_g{\\pict\\bin3 }}}x}h\\emdash}".utf8)))
        #expect(rtf.body == "a{b}c\\d\u{A0}ef-gh—")
    }

    @Test func notRTFAndMalformed() {
        #expect(RTFText(Array("plain text".utf8)) == nil)
        #expect(DocumentExtractor.extract(Array("plain text".utf8), format: "rtf") == .skipped("rtf: not an RTF file"))
        #expect(DocumentExtractor.extract(Array("{\\rtf1 {\\fonttbl}}}}}".utf8), format: "rtf") == .skipped("rtf: no text"))
        // Unbalanced, truncated in the middle of an escape, absurd parameters: no crash.
        for text in ["{\\rtf1 {{{{ abc", "{\\rtf1 \\'e", "{\\rtf1 \\u-99999999999999 x\\uc99999999999 \\bin99999999999999",
            "{\\rtf1 \\f99999999999999999999 x", "{\\rtf1 \\u1114112 \\u55296 y"]
        {
            _ = DocumentExtractor.extract(Array(text.utf8), format: "rtf")
        }
    }

    /// The fixtures' legacy bytes come back exactly, as the text layer the fixture tool wrote.
    @Test(arguments: LegacyCollection.fixtures.documents(withExtensions: ["rtf"]))
    func byteLayerOfFixtures(_ document: LegacyCollection.Document) throws {
        let rtf = try #require(RTFText(try document.bytes()))
        #expect(rtf.byteLayer == (try document.byteLayer()))
        #expect(rtf.encoding == document.encoding)
    }

    @Test(.sharedCorpus, arguments: LegacyCollection.corpus.documents(withExtensions: ["rtf"]))
    func byteLayerOfRealDocuments(_ document: LegacyCollection.Document) throws {
        let rtf = try #require(RTFText(try document.bytes()))
        let similarity = TextSimilarity.ratio(bytes: rtf.byteLayer, try document.byteLayer())
        #expect(similarity >= 0.99, "byte layer similarity \(similarity)")
        #expect(rtf.encoding == "tcvn3")
    }

    /// Nesting saves at most `maximumDepth` group states (each `{` saved one: 20 MB of them took
    /// 1.1 GB); text inside and after deep nesting is kept, and the state at the limit comes back.
    @Test func deepNestingIsBounded() throws {
        let depth = 100_000
        var parser = RTFText.Parser(Array("{\\rtf1 ".utf8) + [UInt8](repeating: UInt8(ascii: "{"), count: depth) + Array("xin chào".utf8))
        parser.parse()
        #expect(parser.saved.count == RTFText.Parser.maximumDepth)
        let bytes = Array("{\\rtf1 truoc ".utf8) + [UInt8](repeating: UInt8(ascii: "{"), count: depth) + Array("\\b giua ".utf8)
            + [UInt8](repeating: UInt8(ascii: "}"), count: depth) + Array("sau}".utf8)
        let rtf = try #require(RTFText(bytes))
        #expect(rtf.body == "truoc giua sau")
    }
}
