import Foundation
import Testing

@testable import VietnameseCorpus

struct VietnameseCorpusGeneratorTests {
    static let documents = VietnameseCorpusGenerator().generate(count: 3_000)

    @Test func sameSeedSameDocumentsAndLongerRequestsExtendShorterOnes() {
        let again = VietnameseCorpusGenerator().generate(count: 50)
        #expect(again.map(\.bytes) == Self.documents.prefix(50).map(\.bytes))
        let bySize = VietnameseCorpusGenerator().generate(totalBytes: 100_000)
        #expect(bySize.map(\.bytes) == Self.documents.prefix(bySize.count).map(\.bytes))
        #expect(bySize.reduce(0) { $0 + $1.bytes.count } >= 100_000)
        #expect(VietnameseCorpusGenerator(seed: 1).generate(count: 1)[0].bytes != Self.documents[0].bytes)
    }

    @Test func formsAreWhatTheySay() {
        for document in Self.documents {
            let text = document.text
            switch document.form {
            case .nfc: #expect(Array(text.utf8) == Array(text.precomposedStringWithCanonicalMapping.utf8))
            case .nfd: #expect(Array(text.utf8) == Array(text.decomposedStringWithCanonicalMapping.utf8))
            case .mixed: #expect(CorpusProfile.containsCombiningMark(document.bytes))
            }
            if document.form == .nfc { #expect(!CorpusProfile.containsCombiningMark(document.bytes)) }
        }
        let nfd = Self.documents.filter { $0.form == .nfd }.count
        let mixed = Self.documents.filter { $0.form == .mixed }.count
        let newStyle = Self.documents.filter(\.usesNewTonePlacement).count
        #expect((60...130).contains(nfd), "NFD: \(nfd) of 3000")
        #expect((15...50).contains(mixed), "mixed: \(mixed) of 3000")
        #expect((480...720).contains(newStyle), "new tone placement: \(newStyle) of 3000")
    }

    @Test func lengthsAndLayoutLookLikeNews() {
        let profile = CorpusProfile(Corpus(name: "test", documents: Self.documents.map(\.bytes)))
        #expect((1_800...2_300).contains(profile.medianCharacters), "\(profile)")
        #expect(profile.maxCharacters <= 33_000 && profile.maxCharacters > 15_000, "\(profile)")
        #expect((0.35...0.48).contains(profile.nonASCIIByteShare), "\(profile)")
        for document in Self.documents.prefix(100) {
            // Title, lead and body lines; no empty line, no leading or trailing space.
            let lines = document.text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count >= 3 && lines.allSatisfy { !$0.isEmpty && $0.first != " " && $0.last != " " })
        }
    }

    @Test func textHasNumbersCodesAndCapitalisedSentences() {
        let text = Self.documents.prefix(200).map(\.text).joined(separator: "\n")
        for pattern in [#"\b\d{1,2}/\d{1,2}/\d{4}\b"#, #"\d+,\d+%"#, #"\d+-NQ/TW"#, #"\d{1,3}(\.\d{3})+"#, "“[^”]+”"] {
            #expect(text.range(of: pattern, options: .regularExpression) != nil, "no match for \(pattern)")
        }
        #expect(text.range(of: #"[.?!] \p{Ll}"#, options: .regularExpression) == nil, "a sentence starts lowercase")
    }
}
