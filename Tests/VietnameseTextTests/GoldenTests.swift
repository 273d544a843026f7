import Foundation
import Testing
import VietnameseText

/// Token dumps of paragraphs written for this project, compared with reviewed `.tokens` files.
///
/// A missing dump, or `RECORD_GOLDEN=1`, records a new one in the source tree and fails on
/// purpose, so a new baseline is never accepted silently: review it, then run again.
@Suite struct GoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var inputs: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// One line per token: position, byte range, folded key, accent key, the original slice.
    static func dump(_ bytes: [UInt8]) -> String {
        VietnameseAnalyzer().tokens(inUTF8: bytes).map { token in
            let slice = String(decoding: bytes[token.byteRange], as: UTF8.self)
            return "\(token.position)\t\(token.byteRange.lowerBound)..<\(token.byteRange.upperBound)\t\(token.folded)\t\(token.accent)\t\(slice)"
        }.joined(separator: "\n") + "\n"
    }

    @Test func thereAreGoldenInputs() {
        #expect(Self.inputs.count >= 5)
    }

    @Test(arguments: inputs)
    func matchesGoldenDump(name: String) throws {
        let input = try Data(contentsOf: Self.folder.appendingPathComponent("\(name).txt"))
        let actual = Self.dump(Array(input))
        let expectedURL = Self.folder.appendingPathComponent("\(name).tokens")
        let record = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
        guard !record, let expected = try? String(contentsOf: expectedURL, encoding: .utf8) else {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            Issue.record("recorded \(expectedURL.lastPathComponent): review it, then run the tests again")
            return
        }
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        if let index = zip(actualLines, expectedLines).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record("\(name): first difference at token line \(index + 1):\n  expected: \(expectedLines[index])\n  actual:   \(actualLines[index])")
        } else {
            #expect(actualLines.count == expectedLines.count, "\(name): token count differs")
        }
    }

    @Test func nfdParagraphHasTheSameKeysAsNFC() throws {
        let keys = { (name: String) throws -> [String] in
            let text = try String(contentsOf: Self.folder.appendingPathComponent("\(name).txt"), encoding: .utf8)
            return VietnameseAnalyzer().tokens(in: text).map { "\($0.folded) \($0.accent)" }
        }
        #expect(try keys("news") == keys("news-nfd"))
    }
}
