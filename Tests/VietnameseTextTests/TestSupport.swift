import Foundation
import Testing
import VietnameseText

/// Helpers shared by the suites. Foundation is the independent oracle for NFC/NFD; the analyzer
/// itself never uses it.
enum Support {
    static let analyzer = VietnameseAnalyzer()

    /// The five Vietnamese tone marks as combining characters, in the order huyền, sắc, hỏi, ngã,
    /// nặng (ngang has no mark).
    static let toneMarks: [Unicode.Scalar] = ["\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"]
    static let toneMarkSet = Set(toneMarks)

    /// Keys of every token, as "folded|accent".
    static func keys(_ text: String) -> [String] {
        analyzer.tokens(in: text).map { "\($0.folded)|\($0.accent)" }
    }

    /// Keys of a text that must be exactly one token; nil (and an issue naming the input)
    /// otherwise.
    static func single(
        _ text: String, _ label: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation
    ) -> (folded: String, accent: String)? {
        let tokens = analyzer.tokens(in: text)
        guard tokens.count == 1 else {
            Issue.record(
                "\(describe(text)) \(label()): expected one token, got \(tokens.map(\.description))",
                sourceLocation: sourceLocation)
            return nil
        }
        return (tokens[0].folded, tokens[0].accent)
    }

    static func nfc(_ text: String) -> String { text.precomposedStringWithCanonicalMapping }
    static func nfd(_ text: String) -> String { text.decomposedStringWithCanonicalMapping }

    /// Windows-1258 style: â ê ô ă ơ ư đ (and any other base letter) precomposed, the Vietnamese
    /// tone written after it as a combining mark. Canonically equivalent to the input: a
    /// character whose tone cannot move past its other marks (two marks of one combining class,
    /// as in a◌́◌̂) is left as it was.
    static func windows1258(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for character in text {
            let decomposed = String(character).decomposedStringWithCanonicalMapping
            let scalars = decomposed.unicodeScalars
            let base = String(String.UnicodeScalarView(scalars.filter { !toneMarkSet.contains($0) }))
                .precomposedStringWithCanonicalMapping
            var converted = String.UnicodeScalarView(base.unicodeScalars)
            converted.append(contentsOf: scalars.filter { toneMarkSet.contains($0) })
            let equivalent = String(converted).decomposedStringWithCanonicalMapping.unicodeScalars
                .elementsEqual(scalars)
            out.append(contentsOf: equivalent ? converted : String(character).unicodeScalars)
        }
        return String(out)
    }

    /// The text in NFC, NFD and Windows-1258 form, each with a name for messages.
    static func forms(_ text: String) -> [(name: String, text: String)] {
        [("NFC", nfc(text)), ("NFD", nfd(text)), ("CP1258", windows1258(text))]
    }

    /// Lowercase, every combining mark dropped, đ → d: the folded key of plain Vietnamese text
    /// (before the i/y rule), computed with Foundation rather than the analyzer.
    static func foldOracle(_ text: String) -> String {
        let stripped = nfd(text.lowercased()).unicodeScalars.filter {
            $0.properties.generalCategory != .nonspacingMark
        }
        return String(String.UnicodeScalarView(stripped)).replacingOccurrences(of: "đ", with: "d")
    }

    /// Scalars as U+XXXX, so failure messages show invisible and decomposed input.
    static func describe(_ text: String) -> String {
        let codes = text.unicodeScalars.map { $0.isASCII && $0.value > 0x20 ? String($0) : "U+" + hex($0.value) }
        return "\"\(text)\" [\(codes.joined(separator: " "))]"
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Places `tone` (0 = ngang … 5 = nặng) on the character at `index` of `word`, in NFC.
    static func withTone(_ word: String, tone: Int, at index: Int) -> String {
        guard tone > 0 else { return word }
        var characters = word.map(String.init)
        characters[index] = nfc(characters[index] + String(toneMarks[tone - 1]))
        return characters.joined()
    }
}

/// One table row: a word as written and the keys it must get.
struct KeyCase: Sendable, CustomTestStringConvertible {
    let written: String
    let folded: String
    let accent: String
    var testDescription: String { "\(written) → \(folded) / \(accent)" }
}
