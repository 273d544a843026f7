import Foundation
import Testing
import VietnameseText

@testable import VietSearch

@Suite struct RTFTextTests {
    @Test(.enabled(if: LegacyCorpus.isAvailable), arguments: LegacyCorpus.documents(withExtension: "rtf"))
    func byteLayerOfRealDocuments(_ document: LegacyCorpus.Document) throws {
        let rtf = try #require(RTFText(document.bytes))
        let similarity = TextSimilarity.ratio(bytes: rtf.byteLayer, document.byteLayer)
        print("byte layer \(document.name): \(similarity)")
        #expect(similarity >= 0.99)
        #expect(rtf.encoding == "tcvn3")
    }
}
