import Foundation
import TestSupport
import Testing

@testable import VietSearch

/// Damaged and hostile files of every document format are skipped or give some text; none may
/// crash the indexer or make it allocate without bound.
@Suite struct ExtractionFuzzTests {

    static func mutations(of original: [UInt8], count: Int, seed: UInt64) -> [[UInt8]] {
        var random = SeededRandom(seed: seed)
        var cases: [[UInt8]] = []
        for index in 0..<count {
            var bytes = original
            switch index % 3 {
            case 0:
                bytes = Array(bytes.prefix(random.below(bytes.count)))
            case 1:
                // Flip bytes, mostly in the headers where the numbers are.
                for _ in 0..<(1 + random.below(8)) {
                    let position = random.below(random.below(2) == 0 ? min(bytes.count, 2048) : bytes.count)
                    if position < bytes.count { bytes[position] = UInt8(truncatingIfNeeded: random.next()) }
                }
            default:
                // A 32-bit field set to an extreme.
                let position = random.below(min(bytes.count, 4096)) & ~3
                let value: [UInt8] = random.below(2) == 0 ? [0xFF, 0xFF, 0xFF, 0x7F] : [0xFE, 0xFF, 0xFF, 0xFF]
                if position + 4 <= bytes.count { bytes.replaceSubrange(position..<position + 4, with: value) }
            }
            cases.append(bytes)
        }
        return cases
    }

    @Test(arguments: ["rtf", "doc", "docx", "pdf"])
    func randomBytesWithTheRightExtension(_ format: String) {
        var random = SeededRandom(seed: 42)
        let magic: [String: [UInt8]] = [
            "rtf": Array("{\\rtf1".utf8), "doc": CompoundFile.signature, "docx": [0x50, 0x4B, 0x03, 0x04], "pdf": Array("%PDF-1.4".utf8),
        ]
        for length in [0, 1, 7, 100, 511, 512, 600, 4096, 20000] {
            let noise = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            _ = DocumentExtractor.extract(noise, format: format)
            _ = DocumentExtractor.extract(magic[format]! + noise, format: format)
        }
    }

    @Test func syntheticWordDocuments() {
        let original = WordDocumentBuilder(pieces: [.compressed(Array("Hello\r".utf8)), .utf16("Xin chào\r")]).bytes
        for bytes in Self.mutations(of: original, count: 300, seed: 7) {
            _ = DocumentExtractor.extract(bytes, format: "doc")
        }
    }

    @Test(arguments: LegacyCollection.fixtures.documents(withExtensions: ["doc", "rtf", "docx"]))
    func damagedFixtures(_ document: LegacyCollection.Document) throws {
        let original = try document.bytes()
        for bytes in Self.mutations(of: original, count: 100, seed: UInt64(original.count)) {
            _ = DocumentExtractor.extract(bytes, format: document.format)
        }
    }

    @Test(.sharedCorpus, arguments: LegacyCollection.corpus.documents(withExtensions: ["doc", "rtf"]))
    func damagedRealDocuments(_ document: LegacyCollection.Document) throws {
        let original = try document.bytes()
        for bytes in Self.mutations(of: original, count: 60, seed: UInt64(original.count)) {
            _ = DocumentExtractor.extract(bytes, format: document.format)
        }
    }

    @Test func damagedDOCX() throws {
        let original = try DOCXTextTests.legacyDocument
        for bytes in Self.mutations(of: original, count: 150, seed: 11) {
            _ = DocumentExtractor.extract(bytes, format: "docx")
        }
    }
}
