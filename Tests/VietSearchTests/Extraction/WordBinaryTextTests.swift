import Foundation
import Testing
import VietnameseText

@testable import VietSearch

@Suite struct WordBinaryTextTests {
    @Test(.enabled(if: LegacyCorpus.isAvailable), arguments: LegacyCorpus.documents(withExtension: "doc"))
    func byteLayerOfRealDocuments(_ document: LegacyCorpus.Document) throws {
        let word = try WordBinaryText(document.bytes)
        let similarity = TextSimilarity.ratio(bytes: word.byteLayer, document.byteLayer)
        print("byte layer \(document.name): \(similarity)")
        try? Data(word.byteLayer).write(to: URL(fileURLWithPath: "/tmp/layer-\(document.name).txt"))
        #expect(similarity >= 0.99)
    }
}
