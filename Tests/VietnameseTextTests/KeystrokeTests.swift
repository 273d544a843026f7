import Foundation
import PropertyBased
import Testing
import VietnameseText

/// Telex and VNI typed without an input method: the hand-written golden table
/// (`Golden/keystrokes.tsv`), and the decoder as the encoder's inverse over many syllables.
@Suite struct KeystrokeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var method: KeystrokeMethod
        var typed: String
        var readings: [String]
        var testDescription: String { "\(method) \(typed)" }
    }

    static let cases: [Case] = {
        let url = GoldenTests.folder.appendingPathComponent("keystrokes.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 3 else { return nil }
            let readings = fields[2] == "-" ? [] : fields[2].components(separatedBy: " | ")
            return Case(method: fields[0] == "vni" ? .vni : .telex, typed: fields[1], readings: readings)
        }
    }()

    @Test func goldenTableIsRead() {
        #expect(Self.cases.count > 60)
    }

    @Test(arguments: cases)
    func decodesAsWritten(_ item: Case) {
        #expect(KeystrokeDecoder.decode(item.typed, method: item.method) == item.readings)
    }

    @Test func theMethodFollowsTheKeys() {
        #expect(KeystrokeDecoder.decode("tieengs") == ["tiếng"])
        #expect(KeystrokeDecoder.decode("tie61ng") == ["tiếng"])
    }

    @Test func encoderWritesBothTonePlaces() {
        #expect(KeystrokeEncoder.encode("Tiếng Việt", method: .telex, tone: .endOfWord) == "Tieengs Vieetj")
        #expect(KeystrokeEncoder.encode("Tiếng Việt", method: .telex, tone: .afterVowel) == "Tieesng Vieejt")
        #expect(KeystrokeEncoder.encode("người được", method: .telex, tone: .endOfWord) == "nguwowif dduwowcj")
        #expect(KeystrokeEncoder.encode("Việt Nam 2016?", method: .vni, tone: .endOfWord) == "Vie6t5 Nam 2016?")
        #expect(KeystrokeEncoder.encode("ĐẢNG", method: .vni, tone: .afterVowel) == "D9A3NG")
    }

    /// Every toned, marked syllable of a sample of Vietnamese text comes back from its keys, in
    /// both methods and both tone places (decomposed input included).
    @Test func decodingInvertsEncoding() {
        let words = """
            Nghiêng nghiêng bóng nắng khuyên nhủ người được việc quyết định giữa những thuở ấy \
            khỏe hoà thuỷ huỳnh hoặc xoăn khuỷu quậy gìn giữ đường Ươm ưu
            """.split(separator: " ").map(String.init)
        for word in words + words.map(Support.nfd) {
            for method in KeystrokeMethod.allCases {
                for place in KeystrokeEncoder.TonePlace.allCases {
                    let typed = KeystrokeEncoder.encode(word, method: method, tone: place)
                    let readings = KeystrokeDecoder.decode(typed, method: method)
                    #expect(readings.map(Support.keys).contains(Support.keys(word)), "\(word) → \(typed) → \(readings)")
                }
            }
        }
    }

    /// Every generated syllable (all onsets, rhymes and the tones each allows) that the strict
    /// spelling check accepts comes back from its keys, in both methods and both tone places,
    /// capitalized or not. (The generator also writes rare rhymes like `oao`, which it rejects.)
    @Test func decodingInvertsEncodingForGeneratedSyllables() async {
        await propertyCheck(count: 800, input: NormalizationPropertyTests.syllable) { syllable in
            guard SyllableSpelling.isValid(syllable.canonical) else { return }
            for word in [syllable.canonical, syllable.canonical.prefix(1).uppercased() + syllable.canonical.dropFirst()] {
                for method in KeystrokeMethod.allCases {
                    for place in KeystrokeEncoder.TonePlace.allCases {
                        let typed = KeystrokeEncoder.encode(word, method: method, tone: place)
                        let readings = KeystrokeDecoder.decode(typed, method: method)
                        if typed != word {
                            #expect(readings.contains(word), "\(word) → \(typed) → \(readings)")
                        }
                    }
                }
            }
        }
    }

    /// Keys in any order never decode to something that is not one valid syllable.
    static let keySoup = Generator<String, Shrink.None<String>> { rng in
        let keys = Array("aeouiywdsfrxjzngthc6789012")
        return String((0..<Int.random(in: 1...9, using: &rng)).map { _ in keys.randomElement(using: &rng)! })
    }

    @Test func readingsAreAlwaysOneSyllable() async {
        await propertyCheck(count: 2000, input: Self.keySoup) { word in
            for reading in KeystrokeDecoder.decode(word) {
                #expect(Support.analyzer.tokens(in: reading).count == 1, "\(word) → \(reading)")
                #expect(reading != word)
            }
        }
    }
}
