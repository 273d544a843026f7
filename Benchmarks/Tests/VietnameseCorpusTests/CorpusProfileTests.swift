import Testing

@testable import VietnameseCorpus

struct CorpusProfileTests {
    @Test(arguments: [
        ("Hòa", false), ("Ho\u{300}a", true), ("A\u{309}", true), ("x\u{36F}", true), ("x\u{370}", false), ("", false),
        ("\u{CC}", false),
    ])
    func findsCombiningMarks(text: String, expected: Bool) {
        #expect(CorpusProfile.containsCombiningMark(Array(text.utf8)) == expected)
    }

    @Test func profile() {
        let profile = CorpusProfile(Corpus(name: "t", documents: [Array("ab".utf8), Array("đây".utf8), Array("e\u{301}".utf8)]))
        #expect(profile.documentCount == 3)
        #expect(profile.byteCount == 2 + 5 + 3)
        #expect(profile.medianCharacters == 2)
        #expect(profile.maxCharacters == 3)
        #expect(profile.documentsWithCombiningMarks == 1)
    }
}
