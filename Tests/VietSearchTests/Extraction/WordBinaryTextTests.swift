import Foundation
import TestSupport
import Testing
import VietnameseText

@testable import VietSearch

@Suite struct WordBinaryTextTests {
    @Test func unicodeDocumentWithStructure() throws {
        // A field (code dropped, result kept), a table row (cell marks), a picture mark.
        let text = "Cộng hòa xã hội chủ nghĩa Việt Nam\r\u{13} HYPERLINK \"x\" \u{14}Độc lập\u{15}\rô 1\u{07}ô 2\u{07}\u{07}\u{01}Hết\r"
        let document = WordDocumentBuilder(pieces: [
            .compressed(Array("Ti\u{1F}êu ".unicodeScalars.compactMap(Windows1252.byte))), .utf16("đề: " + text),
        ])
        let word = try WordBinaryText(document.bytes)
        #expect(word.body == "Tiêu đề: Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập\nô 1\tô 2\t\tHết\n")
        #expect(word.encoding == "utf-16")
        #expect(DocumentExtractor.extract(document.bytes, format: "doc")
            == .document(title: "Tiêu đề: Cộng hòa xã hội chủ nghĩa Việt Nam", body: word.body, encoding: "doc/utf-16"))
    }

    @Test func legacyBytesKeepTheSoftHyphenAndGoToTheDecoder() throws {
        // TCVN3 "trưởng" is t r 0xAD 0xEB n g: 0xAD, a soft hyphen in Windows-1252, is its ư.
        let trưởng: [UInt8] = [0x74, 0x72, 0xAD, 0xEB, 0x6E, 0x67]
        // Word may store legacy bytes in a UTF-16 piece, as the characters Windows-1252 reads.
        let document = WordDocumentBuilder(pieces: [
            .compressed(trưởng + [0x0D]), .utf16(Windows1252.decode(trưởng + [0x96, 0x0D])),
        ])
        let word = try WordBinaryText(document.bytes)
        let layer = trưởng + [0x0A] + trưởng + [0x96, 0x0A]
        #expect(word.byteLayer == layer)
        #expect(word.body == LegacyEncoding.decodeDetecting(layer).text)
        #expect(word.encoding == LegacyEncoding.decodeDetecting(layer).encoding)
    }

    @Test func unicodeLinesInALegacyDocumentStayUnicode() throws {
        // TCVN3 "Giám đốc" and a paragraph mark.
        let legacy: [UInt8] = [0x47, 0x69, 0xE1, 0x6D, 0x20, 0xAE, 0xE8, 0x63, 0x0D]
        let document = WordDocumentBuilder(pieces: [
            .compressed(legacy + legacy), .utf16("Trương Tấn Thiệu\r"), .compressed(legacy),
        ])
        let word = try WordBinaryText(document.bytes)
        let lines = word.body.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 5)
        #expect(lines[2] == "Trương Tấn Thiệu")
    }

    @Test func malformedFilesAreSkipped() throws {
        #expect(DocumentExtractor.extract(Array("not a word file".utf8), format: "doc") == .skipped("doc: not a Word 97–2003 file"))
        let valid = WordDocumentBuilder(pieces: [.compressed(Array("Hello\r".utf8))]).bytes
        #expect(DocumentExtractor.extract(Array(valid.prefix(700)), format: "doc").isSkipped)
        var noWord = valid
        noWord.replaceSubrange(0x480..<0x482, with: [0x58, 0x00])  // rename the WordDocument stream
        #expect(DocumentExtractor.extract(noWord, format: "doc") == .skipped("doc: no Word document inside"))
        var hugeFAT = valid
        hugeFAT.replaceSubrange(0x2C..<0x30, with: [0xFF, 0xFF, 0xFF, 0x7F])
        #expect(DocumentExtractor.extract(hugeFAT, format: "doc") == .skipped("doc: damaged file (FAT size)"))
        var loop = valid
        loop.replaceSubrange(0x208..<0x20C, with: le32(2))  // the WordDocument chain points at itself
        #expect(DocumentExtractor.extract(loop, format: "doc").isSkipped)
    }

    /// The fixtures' legacy bytes come back exactly, as the text layer the fixture tool wrote.
    @Test(arguments: LegacyCollection.fixtures.documents(withExtensions: ["doc"]))
    func byteLayerOfFixtures(_ document: LegacyCollection.Document) throws {
        let word = try WordBinaryText(try document.bytes())
        #expect(word.byteLayer == (try document.byteLayer()))
        #expect(word.encoding == document.encoding)
    }

    @Test(.sharedCorpus, arguments: LegacyCollection.corpus.documents(withExtensions: ["doc"]))
    func byteLayerOfRealDocuments(_ document: LegacyCollection.Document) throws {
        let word = try WordBinaryText(try document.bytes())
        let similarity = TextSimilarity.ratio(bytes: word.byteLayer, try document.byteLayer())
        #expect(similarity >= 0.99, "byte layer similarity \(similarity)")
    }
}

extension DocumentExtractor.Result {
    var isSkipped: Bool {
        if case .skipped = self { return true }
        return false
    }
}
