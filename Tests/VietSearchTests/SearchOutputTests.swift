import Foundation
import TestSupport
import Testing

@testable import VietSearch

/// The JSON pieces shared by `vnsearch search --json` and the server: times, highlight ranges.
@Suite struct SearchOutputTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"), (951_782_400, "2000-02-29T00:00:00Z"),
        (1_709_251_199, "2024-02-29T23:59:59Z"), (4_102_444_800, "2100-01-01T00:00:00Z"), (-2_208_988_800, "1900-01-01T00:00:00Z"),
    ])
    func utcTimes(seconds: Int64, text: String) {
        #expect(UTCTime.iso8601(seconds: seconds) == text)
        #expect(UTCTime.iso8601(nanoseconds: seconds * 1_000_000_000 + 999_999_999) == text)
    }

    /// Agrees with Foundation's formatter over four centuries of spread-out seconds.
    @Test func utcTimesAgreeWithFoundation() {
        let formatter = ISO8601DateFormatter()
        var seconds: Int64 = -6_000_000_000
        while seconds < 7_000_000_000 {
            #expect(UTCTime.iso8601(seconds: seconds) == formatter.string(from: Date(timeIntervalSince1970: Double(seconds))))
            seconds += 7_919_993
        }
    }

    @Test func highlightsAreCountedInUnicodeScalars() {
        let s = SearchResultsJSON.start
        let e = SearchResultsJSON.end
        // NFD "Hoà" is four scalars; the emoji is one scalar (two UTF-16 units).
        let snippet = "…\(s)Hoa\u{300}\(s)\n  \(e)\(e) 🌾 \(s)Bình\(e) **x**"
        let (text, ranges) = SearchResultsJSON.highlighted("…\(s)Hoa\u{300}\(e)\n  🌾 \(s)Bình\(e) **x**")
        #expect(text == "…Hoa\u{300} 🌾 Bình **x**")
        #expect(ranges == [1..<5, 8..<12])
        #expect(text == SearchResultsJSON.oneLine(SearchResultsJSON.plain("…\(s)Hoa\u{300}\(e)\n  🌾 \(s)Bình\(e) **x**")))
        #expect(SearchResultsJSON.highlighted(snippet).highlights.allSatisfy { !$0.isEmpty })
    }

    /// One line: no whitespace at either end, runs of it (any Unicode White_Space, line breaks
    /// too) become one space, everything else kept in order; the marks become `**` or nothing.
    @Test func oneLineAndMarksOnRandomText() {
        let pieces = ["a", "Đ", "hoa\u{300}", " ", "  ", "\n", "\r\n", "\t", "\u{A0}", "\u{2028}", "\u{3000}", "\u{85}", "🌾", "\u{1C}",
                      SearchResultsJSON.start, SearchResultsJSON.end, "*", "x\u{301}"]
        var random = SeededRandom(seed: 20261205)
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let line = SearchResultsJSON.oneLine(text)
            let scalars = Array(line.unicodeScalars)
            #expect(scalars.first.map { !$0.properties.isWhitespace } ?? true, "\(text.debugDescription)")
            #expect(scalars.last.map { !$0.properties.isWhitespace } ?? true, "\(text.debugDescription)")
            #expect(scalars.allSatisfy { $0 == " " || !$0.properties.isWhitespace })
            #expect(!line.contains("  "))
            let nonSpace = { (s: String) in String(String.UnicodeScalarView(s.unicodeScalars.filter { !$0.properties.isWhitespace })) }
            #expect(nonSpace(line) == nonSpace(text))
            let plain = SearchResultsJSON.plain(text)
            #expect(!plain.unicodeScalars.contains { String($0) == SearchResultsJSON.start || String($0) == SearchResultsJSON.end })
            let marks = text.unicodeScalars.filter { String($0) == SearchResultsJSON.start || String($0) == SearchResultsJSON.end }.count
            #expect(SearchResultsJSON.markdown(text).unicodeScalars.count == plain.unicodeScalars.count + 2 * marks)
        }
        #expect(SearchResultsJSON.oneLine(" \u{A0}Thuỷ\r\n\u{2028} điện\t ") == "Thuỷ điện")
        #expect(SearchResultsJSON.markdown("a\(SearchResultsJSON.start)b\(SearchResultsJSON.end)") == "a**b**")
    }

    @Test func byteRangesBecomeScalarRanges() {
        let text = "Thuỷ điện Hoa\u{300} Bình 🌾 hoà"
        let words = ["Hoa\u{300}", "Bình", "hoà"]
        var bytes: [Range<Int>] = []
        let utf8 = Array(text.utf8)
        var cursor = 0
        for word in words {
            let needle = Array(word.utf8)
            let start = (cursor...(utf8.count - needle.count)).first { Array(utf8[$0..<$0 + needle.count]) == needle }!
            bytes.append(start..<start + needle.count)
            cursor = start + needle.count
        }
        let scalars = SearchIndex.scalarRanges(bytes, in: text)
        let all = Array(text.unicodeScalars)
        #expect(scalars.map { String(String.UnicodeScalarView(all[$0])) } == words)
    }

    /// A search's title and snippet ranges and a document's match ranges mark the query's
    /// words, in any accent form and normalization.
    @Test func searchAndDocumentMatchesMarkTheWords() throws {
        try SearchIndexTests.withIndex { index in
            let results = try index.search("hoa binh", options: SearchOptions(highlightStart: SearchResultsJSON.start, highlightEnd: SearchResultsJSON.end))
            let first = try #require(results.results.first { $0.path == "/docs/hoa-binh-new.txt" })
            let title = Array(first.title.unicodeScalars)
            #expect(first.titleHighlights.map { String(String.UnicodeScalarView(title[$0])) } == ["Hoà", "bình"])
            let (snippet, ranges) = SearchResultsJSON.highlighted(first.snippet)
            let scalars = Array(snippet.unicodeScalars)
            #expect(ranges.map { String(String.UnicodeScalarView(scalars[$0])) } == ["Hoà", "Bình"])

            let document = try #require(try index.document(id: first.id))
            #expect(document.path == "/docs/hoa-binh-new.txt")
            let matches = try index.matches(of: "hoa binh", in: [document.title, document.text])
            let text = Array(document.text.unicodeScalars)
            #expect(matches[1].map { String(String.UnicodeScalarView(text[$0])) } == ["Hoà", "Bình"])
            #expect(try index.matches(of: "\"\" -", in: ["Hoà Bình"]) == [[]])
            #expect(try index.document(id: 999) == nil)
            #expect(try index.documentCount() == SearchIndexTests.documents.count)
            #expect(try index.folders(limit: 5).map(\.path) == ["/docs"])
        }
    }
}
