import Foundation
import Testing
import VietnameseText

@testable import VietSearch

extension Tag {
    /// Issue #6's acceptance: legacy documents come out as their Unicode transcripts.
    @Tag static var issue6Acceptance: Self
}

/// Issue #6 acceptance: real TCVN3 and VNI documents, extracted and decoded, match their
/// transcripts (similarity ≥ 0.99, ignoring case and whitespace: TCVN3 has no accented
/// capitals, so headings decode in lower case), and synthetic mixed-font documents decode to the
/// words they were built from.
@Suite(.tags(.issue6Acceptance)) struct LegacyDocumentAcceptanceTests {
    /// The corpus-driven tests are disabled without the corpus; this one says so, so that a run
    /// without it cannot pass unnoticed (CI has it).
    @Test func legacyCorpusIsPresent() {
        #expect(LegacyCorpus.isAvailable, "the legacy corpus is missing at \(LegacyCorpus.folder.path)")
        #expect(LegacyCorpus.documents(withExtension: "rtf").count == 8)
        #expect(LegacyCorpus.documents(withExtension: "doc").count == 10)
    }

    @Test(
        .enabled(if: LegacyCorpus.isAvailable),
        arguments: LegacyCorpus.documents(withExtension: "rtf") + LegacyCorpus.documents(withExtension: "doc"))
    func realDocumentMatchesItsTranscript(_ document: LegacyCorpus.Document) throws {
        let format = URL(fileURLWithPath: document.path).pathExtension
        guard case .document(_, let body, let encoding) = DocumentExtractor.extract(document.bytes, format: format) else {
            Issue.record("skipped: \(DocumentExtractor.extract(document.bytes, format: format))")
            return
        }
        let similarity = TextSimilarity.ratio(body, document.transcript)
        #expect(similarity >= 0.99, "similarity \(similarity)")
        #expect(encoding == "\(format)/\(document.encoding)")
    }

    @Test func mixedFontRTFDecodesEachRun() throws {
        let rtf = try #require(RTFText(RTFTextTests.mixedDocument))
        #expect(rtf.body.contains("Bộ Tài chính\nĐộc lập\tviệt nam\nCafé ệ"))
    }

    @Test func legacyDOCXDecodesEachRun() throws {
        let docx = try DOCXText(try DOCXTextTests.legacyDocument)
        #expect(docx.body.hasPrefix("Bộ Tài chính\nĐộc lập – Café\n"))
    }

    @Test func legacyWordKeepsTheTCVN3UHorn() throws {
        // "trưởng phòng" in TCVN3: ư is 0xAD, the byte Word calls an optional hyphen.
        let bytes: [UInt8] = [0x74, 0x72, 0xAD, 0xEB, 0x6E, 0x67, 0x20, 0x70, 0x68, 0xDF, 0x6E, 0x67, 0x0D]
        let word = try WordBinaryText(WordDocumentBuilder(pieces: [.compressed(Array(repeating: bytes, count: 5).flatMap { $0 })]).bytes)
        #expect(word.body.hasPrefix("trưởng phòng\n"))
        #expect(word.encoding == "tcvn3")
    }
}
