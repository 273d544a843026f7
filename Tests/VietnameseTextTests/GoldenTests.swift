import Foundation
import Testing
import VietnameseText

/// Token dumps of paragraphs written for this project, compared with reviewed `.tokens` files.
///
/// A missing dump, or `RECORD_GOLDEN=1`, records a new one in the source tree and fails on
/// purpose, so a new baseline is never accepted silently: review it, then run again.
///
/// Inputs: `news` (news prose), `news-nfd` (the same paragraph in NFD), `legal` (codes, dates,
/// numbers), `styles` (old/new tone styles, i/y spellings, misplaced marks), `mixed` (Vietnamese
/// with English and other scripts, a zero-width space and a soft hyphen), `flood-cp1258`
/// (Windows-1258 style: precomposed bases, combining tones).
@Suite struct GoldenTests {
    /// The Golden folder in the source tree, next to this file.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let expectedInputs = ["flood-cp1258", "legal", "mixed", "news", "news-nfd", "styles"]

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

    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("\(name).txt"), encoding: .utf8)
    }

    @Test func everyGoldenInputIsPresent() {
        #expect(Self.inputs == Self.expectedInputs, "Golden folder: \(Self.folder.path)")
    }

    @Test(arguments: inputs)
    func matchesGoldenDump(name: String) throws {
        let input = try Data(contentsOf: Self.folder.appendingPathComponent("\(name).txt"))
        let actual = Self.dump(Array(input))
        let expectedURL = Self.folder.appendingPathComponent("\(name).tokens")
        let record = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
        guard !record, let expected = try? String(contentsOf: expectedURL, encoding: .utf8) else {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            Issue.record(
                "\(name): recorded a new baseline in \(expectedURL.path); review every line, then run the tests again")
            return
        }
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let count = max(actualLines.count, expectedLines.count)
        if let index = (0..<count).first(where: {
            $0 >= actualLines.count || $0 >= expectedLines.count || actualLines[$0] != expectedLines[$0]
        }) {
            let expectedLine = index < expectedLines.count ? String(expectedLines[index]) : "(end of file)"
            let actualLine = index < actualLines.count ? String(actualLines[index]) : "(end of output)"
            Issue.record(
                """
                \(name): first difference at line \(index + 1) of \(name).tokens \
                (\(expectedLines.count) expected lines, \(actualLines.count) actual):
                  expected: \(expectedLine)
                  actual:   \(actualLine)
                """)
        }
    }

    @Test func nfdParagraphIsTheNewsParagraphInNFD() throws {
        let news = try Self.text("news")
        let nfd = try Self.text("news-nfd")
        #expect(news.unicodeScalars.elementsEqual(Support.nfc(news).unicodeScalars))
        #expect(nfd.unicodeScalars.elementsEqual(Support.nfd(news).unicodeScalars))
        #expect(Support.keys(news) == Support.keys(nfd))
        #expect(Support.analyzer.tokens(in: news).count == Support.analyzer.tokens(in: nfd).count)
    }

    @Test func windows1258ParagraphHasTheKeysOfItsNFCForm() throws {
        let cp1258 = try Self.text("flood-cp1258")
        let nfc = Support.nfc(cp1258)
        // Really Windows-1258 style: neither NFC nor NFD, tones as separate scalars.
        #expect(!cp1258.unicodeScalars.elementsEqual(nfc.unicodeScalars))
        #expect(!cp1258.unicodeScalars.elementsEqual(Support.nfd(cp1258).unicodeScalars))
        #expect(cp1258.unicodeScalars.contains("\u{301}") && cp1258.unicodeScalars.contains("\u{1B0}"))
        #expect(Support.keys(cp1258) == Support.keys(nfc))
    }
}
