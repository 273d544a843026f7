import Foundation
import Testing

@testable import VietnameseText

/// The analyzer's generated scalar tables (`ScalarTable+Generated.swift`) against their derivation
/// from the standard library's Unicode properties (`ScalarTable.Derivation`), and the table the
/// analyzer builds from them against the derivation.
///
/// A difference fails; `RECORD_GOLDEN=1` rewrites the generated file and fails on purpose, so a
/// change of keys (a new Unicode version, a change of the classification) is reviewed as a diff.
@Suite struct ScalarTableDataTests {
    static let generatedFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/VietnameseText/ScalarTable+Generated.swift")

    static let derivation = ScalarTable.Derivation.fromUnicodeProperties()

    @Test func generatedFileIsTheDerivation() throws {
        let expected = Self.derivation.generatedSource()
        let actual = try? String(contentsOf: Self.generatedFile, encoding: .utf8)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try expected.write(to: Self.generatedFile, atomically: true, encoding: .utf8)
            Issue.record("recorded \(Self.generatedFile.path); review its diff, then run the tests again")
            return
        }
        #expect(actual == expected, "\(Self.generatedFile.path) differs from its derivation: RECORD_GOLDEN=1 rewrites it")
    }

    @Test func tableBuiltFromTheGeneratedDataIsTheDerivation() {
        let table = ScalarTable.shared
        let derivation = Self.derivation
        #expect(table.info == derivation.info)
        // The decompositions, as the table lends them.
        var records: [UInt32] = []
        for s in 0..<ScalarTable.tableLimit {
            let range = Int(table.decompositionStart[Int(s)])..<Int(table.decompositionStart[Int(s) + 1])
            if !range.isEmpty { records += [s, UInt32(range.count)] + table.decompositionPool[range] }
        }
        #expect(records == derivation.decompositions)
        var letters = [UInt32](repeating: 0, count: VietnameseLetter.composeTableSize)
        for s in derivation.vietnameseLetterScalars {
            letters[ScalarInfo(derivation.info[Int(s)]).letter.composeIndex] = ScalarTable.packUTF8(Unicode.Scalar(s)!)
        }
        #expect(table.vietnameseLetters == letters)
    }

    /// Spot checks that do not go through the derivation: letters the analyzer must know.
    @Test(arguments: [("đ", "d"), ("Ế", "e"), ("ử", "u"), ("ð", "d")])
    func vietnameseLettersAreClassified(letter: String, base: String) {
        let scalar = letter.unicodeScalars.first!.value
        let entry = ScalarInfo(ScalarTable.shared.info[Int(scalar)])
        #expect(entry.kind == .vietnameseLetter)
        #expect(entry.letter.base == UInt8(ascii: base.unicodeScalars.first!))
    }
}
