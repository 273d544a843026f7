import Foundation
import PropertyBased
import Testing
import VietnameseText

/// Generated Vietnamese text, encoded by inverting each table (`LegacyEncoder`), decodes back to
/// itself: no letter is missing from a table, and no byte of one letter changes its neighbour.
@Suite struct LegacyRoundTripTests {
    static let letters = Array(
        "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ")

    /// Every Vietnamese letter in both cases has a sequence; TCVN3 (VN3) has accented capitals
    /// only as a letter and a combining tone byte.
    @Test(arguments: LegacyEncoding.allCases)
    func everyLetterHasASequence(_ encoding: LegacyEncoding) throws {
        let encoder = try #require(LegacyEncoder.all[encoding])
        for letter in Self.letters + Self.letters.map({ Character($0.uppercased()) }) {
            #expect(encoder.canEncode(letter), "\(encoding): \(letter)")
        }
    }

    /// Syllables as people write them (every case, tone placements old and new), digits, ASCII
    /// punctuation and spaces.
    static let text = Generator<String, Shrink.None<String>> { rng in
        var out = ""
        let separators = [" ", " ", " ", ", ", ". ", "\n", "-", "/", "(", ")", "\"", "1", "37", ": "]
        for _ in 0..<Int.random(in: 1...40, using: &rng) {
            if Int.random(in: 0..<4, using: &rng) == 0 {
                out += separators.randomElement(using: &rng)!
            } else {
                out += NormalizationPropertyTests.syllable.run(using: &rng).written + " "
            }
        }
        return out.precomposedStringWithCanonicalMapping
    }

    @Test(arguments: LegacyEncoding.allCases)
    func generatedTextRoundTrips(_ encoding: LegacyEncoding) async throws {
        let encoder = try #require(LegacyEncoder.all[encoding])
        await propertyCheck(count: 300, input: Self.text) { text in
            guard let bytes = encoder.encode(text) else {
                Issue.record("\(encoding) cannot encode \(Support.describe(text))")
                return
            }
            let decoded = encoding.decode(bytes)
            #expect(Array(decoded.unicodeScalars) == Array(text.unicodeScalars), "\(encoding): \(Support.describe(text))")
        }
    }
}
