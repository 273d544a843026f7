import Foundation
import Testing
import VietnameseText

@testable import VietnameseCorpus

struct WordFormsTests {
    @Test(arguments: [
        ("hòa", "hoà"), ("khỏe", "khoẻ"), ("thủy điện", "thuỷ điện"), ("ủy ban", "uỷ ban"), ("quý", "quý"),
        ("hoàn", "hoàn"), ("của", "của"), ("mùa", "mùa"), ("Thanh Hóa", "Thanh Hoá"),
    ])
    func newTonePlacement(traditional: String, new: String) {
        #expect(WordForms.newStyleTones(traditional) == new)
        let analyzer = VietnameseAnalyzer()
        #expect(analyzer.tokens(in: new).map(\.accent) == analyzer.tokens(in: traditional).map(\.accent))
    }

    @Test func formsCoverNormalizationAndCase() {
        let word = WordForms("thủy điện")
        let nfd = "thủy điện".decomposedStringWithCanonicalMapping
        #expect(word.bytes(newStyle: false, decomposed: false, capitalized: false) == Array("thủy điện".utf8))
        #expect(word.bytes(newStyle: false, decomposed: true, capitalized: false) == Array(nfd.utf8))
        #expect(word.bytes(newStyle: true, decomposed: false, capitalized: true) == Array("Thuỷ điện".utf8))
        #expect(word.characters == 9)
        #expect(word.decomposes)
        #expect(!WordForms("online").decomposes)
        #expect(WordForms("UBND").bytes(newStyle: false, decomposed: false, capitalized: true) == Array("UBND".utf8))
    }
}
