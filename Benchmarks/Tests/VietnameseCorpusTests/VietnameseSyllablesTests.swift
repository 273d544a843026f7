import Foundation
import Testing
import VietnameseText

@testable import VietnameseCorpus

struct VietnameseSyllablesTests {
    /// The project's analyzer puts the tone in its canonical (traditional) place; every generated
    /// syllable must already be written that way. The only differences allowed are the analyzer's
    /// i/y unification of a lone y after a consonant (kỹ → kĩ, quý → quí).
    @Test func everySyllableHasItsToneInTheCanonicalPlace() {
        let analyzer = VietnameseAnalyzer()
        for syllable in VietnameseSyllables.all() {
            let tokens = analyzer.tokens(in: syllable)
            #expect(tokens.count == 1, "\(syllable)")
            guard let accent = tokens.first?.accent, accent != syllable else { continue }
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: syllable.decomposedStringWithCanonicalMapping.unicodeScalars.map { $0 == "y" ? "i" : $0 })
            let loneY = String(scalars).precomposedStringWithCanonicalMapping
            #expect(accent == loneY, "\(syllable) is read as \(accent)")
        }
    }

    @Test func spellingRules() {
        let all = Set(VietnameseSyllables.all())
        for written in ["kiến", "nghĩa", "ghế", "quyết", "quân", "giết", "gì", "yên", "hòa", "thủy", "khỏe", "người", "rượu"] {
            #expect(all.contains(written), "\(written) missing")
        }
        // c/g/ng before front vowels, gi + i, i without onset, q without glide, tones on stop finals.
        for misspelled in ["ciến", "ngiã", "gế", "coan", "giiết", "iên", "qa", "quoan", "hàt", "mãc"] {
            #expect(!all.contains(misspelled), "\(misspelled) generated")
        }
        #expect(all.count > 10_000)
    }
}
