import Foundation
import Testing
import VietnameseText

/// Detection names the encoding of Vietnamese text and claims none for other 8-bit text.
///
/// Only text that is not valid UTF-8 reaches detection (`TextDecoder` tries UTF-8 first), so pure
/// ASCII English never does; it is checked here anyway. For text no table fits, `detect` gives
/// nil and `decodeDetecting` falls back to Windows-1258 (for Latin-1 letters the same as the
/// Windows-1252 such text is usually in).
@Suite struct LegacyDetectionTests {
    static let latinSentences: [String] = [
        // French
        "Le café est très bon à Paris, où l'été dure longtemps. Où êtes-vous allés hier soir ? "
            + "Nous avons mangé des crêpes et bu du cidre près de la cathédrale. C'était déjà là.",
        // German
        "Die Größe des Gebäudes überraschte uns. Müller fährt täglich über die Brücke nach "
            + "Köln, weil er dort für eine Firma arbeitet. Schöne Grüße aus München!",
        // Spanish
        "El niño comió una manzana en el jardín. ¿Dónde está la estación? Mañana iré allí con "
            + "mi señora; la canción fue muy bonita y el camión llegó tarde.",
        // Portuguese
        "A educação é importante para o coração da nação. São Paulo não é a capital do Brasil, "
            + "mas é a maior cidade; lá há muitos irmãos e irmãs.",
        // Icelandic/Danish-ish, with ð þ æ ø å
        "Þetta er góður dagur. Ég fór í búðina með börnunum. Søren bor i Århus og spiser rødgrød med fløde.",
        // English with a few Latin-1 symbols
        "The price is £5 or €6 — “quoted” text, 25°C, ½ cup, © 2004, naïve café, résumé and déjà vu.",
    ]

    @Test(arguments: latinSentences)
    func latin1TextIsNotClaimed(_ text: String) throws {
        let bytes = [UInt8](try #require(text.data(using: .windowsCP1252)))
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        #expect(LegacyEncoding.detect(bytes) == nil, "\(text)")
        let (decoded, encoding) = LegacyEncoding.decodeDetecting(bytes)
        #expect(encoding == "windows-1258")
        #expect(decoded == LegacyEncoding.windows1258.decode(bytes))
    }

    /// Each sentence line by line, too: no line of Latin-1 text makes a table win.
    @Test func latin1LinesAreNotClaimed() throws {
        let all = Self.latinSentences.joined(separator: "\n").replacingOccurrences(of: ". ", with: ".\n")
        let bytes = [UInt8](try #require(all.data(using: .windowsCP1252)))
        #expect(LegacyEncoding.detect(bytes) == nil)
        for line in all.split(separator: "\n") {
            let lineBytes = [UInt8](try #require(String(line).data(using: .windowsCP1252)))
            #expect(LegacyEncoding.detect(lineBytes) == nil, "\(line)")
        }
    }

    /// Pure ASCII (valid UTF-8, so it never reaches detection in practice) is never claimed.
    @Test func asciiIsNotClaimed() {
        let english = "The quick brown fox jumps over the lazy dog.\nVietnam has 63 provinces; Hanoi is the capital.\n"
        #expect(LegacyEncoding.detect(Array(english.utf8)) == nil)
        #expect(LegacyEncoding.decodeDetecting(Array(english.utf8)) == (english, "windows-1258"))
    }

    /// The real files' text layers, line by line, reading as English/Latin-1 never happens: each
    /// corpus line with a marked letter goes to the file's own encoding or to none (lines too
    /// short to tell), and single-encoding files never come out mixed (see LegacyCorpusTests).
    @Test func shortVietnameseSentences() throws {
        let sentences: [(LegacyEncoding, [UInt8])] = [
            (.vni, Array("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam".unicodeScalars.map { UInt8($0.value) })),
            (.tcvn3, Array("céng hßa x· héi chñ nghÜa viÖt nam".unicodeScalars.map { UInt8($0.value) })),
        ]
        for (encoding, bytes) in sentences {
            #expect(LegacyEncoding.detect(bytes) == encoding)
            #expect(LegacyEncoding.decodeDetecting(bytes).text.lowercased() == "cộng hòa xã hội chủ nghĩa việt nam")
        }
    }
}

extension LegacyDetectionTests {
    /// The repository's own Windows-1258 sample document is detected as such and decodes to the
    /// NFC of iconv's reading.
    @Test(.enabled(if: Iconv.isAvailable)) func repositoryWindows1258Sample() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        let bytes = [UInt8](try Data(contentsOf: url.appendingPathComponent("Samples/documents/ky-thuat-nong-nghiep.txt")))
        let (text, encoding) = LegacyEncoding.decodeDetecting(bytes)
        #expect(encoding == "windows-1258")
        let reference = String(decoding: try Iconv.convert(bytes, from: "CP1258", to: "UTF-8"), as: UTF8.self)
        #expect(Array(text.unicodeScalars) == Array(reference.precomposedStringWithCanonicalMapping.unicodeScalars))
    }
}
