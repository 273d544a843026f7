import Testing
import VietnameseText

@testable import VietSearch

/// The snippet window, its highlights, and whether a document has every required word.
@Suite struct SnippetBuilderTests {
    static let analyzer = VietnameseAnalyzer()

    /// A term for `text` as the planner writes it: the folded keys of its tokens (accent keys
    /// when `exact`).
    static func term(_ text: String, exact: Bool = false, prefix: Bool = false) -> SnippetBuilder.Term {
        SnippetBuilder.Term(keys: analyzer.tokens(in: text).map { Array((exact ? $0.accent : $0.folded).utf8) }, lastIsPrefix: prefix)
    }

    static func builder(_ required: [String], optional: [String] = [], exact: Bool = false) -> SnippetBuilder {
        SnippetBuilder(
            required: required.map { [term($0, exact: exact)] }, optional: optional.map { term($0, exact: exact) }, exact: exact)
    }

    static func describe(_ builder: SnippetBuilder, title: String = "", _ body: String, words: Int = 8) -> (snippet: String, hasAllWords: Bool) {
        builder.describe(title: title, body: body, words: words, start: "[", end: "]")
    }

    /// Two query words with one folded key ("mùa mưa"): a text with them has every word.
    @Test func wordsSharingAFoldedKey() {
        let result = Self.describe(Self.builder(["mùa", "mưa"]), "Mùa mưa bão năm nay đến sớm")
        #expect(result.hasAllWords)
        #expect(result.snippet == "[Mùa] [mưa] bão năm nay đến sớm")
    }
}
