import Testing

@testable import VietnameseText

/// The composer's tables, parsed from the generated rows, hold every row, and compose and
/// decompose as Unicode does.
@Suite struct CanonicalComposerTests {
    @Test func everyGeneratedRowIsParsed() {
        let rows = canonicalDecompositionRows.split(separator: "\n").filter { !$0.isEmpty }
        #expect(CanonicalComposer.decompositions.count == rows.count)
        let composing = rows.filter { $0.split(separator: " ").count > 3 && $0.split(separator: " ")[3] == "c" }
        #expect(CanonicalComposer.compositions.count == composing.count)
    }

    @Test(arguments: [
        (0x61, 0x300, 0xE0),  // a + grave = à
        (0x1B0, 0x309, 0x1EED),  // ư + hook above = ử
        (0x1EA1, 0x306, 0x1EB7),  // ạ + breve = ặ
        (0x44, 0x323, 0x1E0C),  // D + dot below = Ḍ
    ] as [(UInt32, UInt32, UInt32)])
    func composesPairs(first: UInt32, second: UInt32, composite: UInt32) {
        #expect(CanonicalComposer.compose(first, second) == composite)
    }

    @Test func decompositionsAgreeWithTheStandardLibrary() {
        // NFD through the standard library's String comparison: equal strings, same scalars.
        for (scalar, _) in CanonicalComposer.decompositions {
            guard let character = Unicode.Scalar(scalar) else { continue }
            var full: [UInt32] = []
            CanonicalComposer.appendFullDecomposition(of: scalar, to: &full)
            let decomposed = String(String.UnicodeScalarView(full.compactMap(Unicode.Scalar.init)))
            #expect(decomposed == String(Character(character)), "U+\(String(scalar, radix: 16))")
        }
    }
}
