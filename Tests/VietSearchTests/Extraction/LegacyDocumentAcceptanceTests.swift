import Foundation
import TestSupport
import Testing
import VietnameseText

@testable import VietSearch

extension Tag {
    /// Issue #6's acceptance: legacy documents come out as their Unicode transcripts.
    @Tag static var issue6Acceptance: Self
}

/// Issue #6 acceptance: TCVN3 and VNI documents, extracted and decoded, match their transcripts.
/// The repository's fixtures (RTF, DOC and DOCX written by `Tools/make-legacy-fixtures.py` around
/// iconv's bytes) exactly; the shared corpus's real documents to a similarity of 0.99, ignoring
/// case and whitespace (TCVN3 has no accented capitals, so headings decode in lower case).
/// Synthetic mixed-font documents decode to the words they were built from.
@Suite(.tags(.issue6Acceptance)) struct LegacyDocumentAcceptanceTests {
    static let fixtures = LegacyCollection.fixtures.documents(withExtensions: ["rtf", "doc", "docx"])
    static let corpusDocuments = LegacyCollection.corpus.documents(withExtensions: ["rtf", "doc"])

    @Test func everyFixtureFormatIsPresent() {
        #expect(Self.fixtures.map(\.testDescription).sorted() == [
            "tcvn3/noi-quy-thu-vien.doc", "tcvn3/noi-quy-thu-vien.docx", "tcvn3/noi-quy-thu-vien.rtf",
            "vni/tiem-chung.doc", "vni/tiem-chung.docx", "vni/tiem-chung.rtf",
        ])
    }

    @Test(arguments: fixtures)
    func fixtureMatchesItsTranscript(_ document: LegacyCollection.Document) throws {
        let extracted = DocumentExtractor.extract(try document.bytes(), format: document.format)
        guard case .document(let title, let body, let encoding) = extracted else {
            Issue.record("skipped: \(extracted)")
            return
        }
        let transcript = try document.transcript()
        #expect(Array(body.unicodeScalars) == Array(transcript.unicodeScalars))
        #expect(title == transcript.prefix { $0 != "\n" })
        #expect(encoding == "\(document.format)/\(document.encoding)")
    }

    /// The corpus-driven tests are skipped without the corpus; this one fails where it is
    /// required (CI), so that a run without it cannot pass unnoticed there.
    @Test(.sharedCorpus) func legacyCorpusIsPresent() {
        #expect(LegacyCollection.corpus.isPresent, "\(SharedCorpus.missingMessage)")
        #expect(LegacyCollection.corpus.documents(withExtensions: ["rtf"]).count == 8)
        #expect(LegacyCollection.corpus.documents(withExtensions: ["doc"]).count == 10)
    }

    @Test(.sharedCorpus, arguments: corpusDocuments)
    func realDocumentMatchesItsTranscript(_ document: LegacyCollection.Document) throws {
        let extracted = DocumentExtractor.extract(try document.bytes(), format: document.format)
        guard case .document(_, let body, let encoding) = extracted else {
            Issue.record("skipped: \(extracted)")
            return
        }
        let similarity = TextSimilarity.ratio(body, try document.transcript())
        #expect(similarity >= 0.99, "similarity \(similarity)")
        #expect(encoding == "\(document.format)/\(document.encoding)")
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
