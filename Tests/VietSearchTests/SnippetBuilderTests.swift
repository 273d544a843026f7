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

extension SnippetBuilderTests {
    static let body = "Hội nghị bàn về công tác xây dựng Đảng. Các đại biểu đang thảo luận nghị quyết 37-NQ/TW về thuỷ điện Hoà Bình, nhà máy lớn nhất."

    /// The window with the most distinct query words (then the most hits, then the earliest),
    /// starting up to two words before its first hit, and never losing one of its hits for that;
    /// ellipses where text was cut.
    @Test func theWindowWithTheMostQueryWords() {
        let builder = Self.builder(["thuỷ", "bình", "nghị"])
        #expect(Self.describe(builder, Self.body).snippet == "…luận [nghị] quyết 37-NQ/TW về [thuỷ]…")
        #expect(Self.describe(builder, Self.body, words: 11).snippet == "…luận [nghị] quyết 37-NQ/TW về [thuỷ] điện Hoà [Bình],…")
        #expect(Self.describe(builder, Self.body, words: 3).snippet == "Hội [nghị] bàn…")
        #expect(Self.describe(Self.builder(["bình"]), Self.body, words: 3).snippet == "…điện Hoà [Bình],…")
        #expect(Self.describe(builder, Self.body, words: 100).snippet.hasPrefix("Hội [nghị] bàn"))
        #expect(Self.describe(builder, Self.body, words: 100).snippet.hasSuffix("[Bình], nhà máy lớn nhất."))
    }

    @Test func phrasesMatchOnlyConsecutiveTokens() {
        let builder = SnippetBuilder(required: [[Self.term("nghị quyết")]], optional: [], exact: false)
        let result = Self.describe(builder, Self.body, words: 6)
        // Punctuation after the window's last word stays with it.
        #expect(result.snippet == "…thảo luận [nghị] [quyết] 37-NQ/…")
        #expect(result.hasAllWords)
        // "Hội nghị bàn": "nghị" alone is no hit.
        #expect(!Self.describe(builder, "Hội nghị bàn về quyết định").hasAllWords)
    }

    @Test func codesAreOnePhraseOfTheirTokens() {
        let builder = SnippetBuilder(required: [[Self.term("37-NQ/TW")]], optional: [], exact: false)
        #expect(Self.describe(builder, Self.body, words: 5).snippet == "…nghị quyết [37]-[NQ]/[TW]…")
    }

    @Test func prefixesMatchLongerWords() {
        let builder = SnippetBuilder(required: [[Self.term("thu", prefix: true)]], optional: [], exact: false)
        #expect(Self.describe(builder, "Thủ đô, thư viện và thuỷ điện; thì thầm", words: 20).snippet == "[Thủ] đô, [thư] viện và [thuỷ] điện; thì thầm")
    }

    /// Exact searches compare accent keys: "đang" is not "Đảng".
    @Test func exactComparesAccentForms() {
        let builder = Self.builder(["đang"], exact: true)
        let result = Self.describe(builder, "Xây dựng Đảng. Các đại biểu đang thảo luận.", words: 20)
        #expect(result.snippet == "Xây dựng Đảng. Các đại biểu [đang] thảo luận.")
        #expect(!Self.describe(builder, "Xây dựng Đảng").hasAllWords)
        #expect(Self.describe(Self.builder(["đang"]), "Xây dựng Đảng").hasAllWords)
    }

    /// A common word is marked only in a run of hits that has a required word.
    @Test func commonWordsOnlyNextToARareOne() {
        let builder = Self.builder(["dụng"], optional: ["có", "tác"])
        let result = Self.describe(builder, "Vỏ nho có tác dụng tốt. Có người nói tác giả có lý.", words: 20)
        #expect(result.snippet == "Vỏ nho [có] [tác] [dụng] tốt. Có người nói tác giả có lý.")
        #expect(result.hasAllWords)
        #expect(!Self.describe(builder, "Có người nói tác giả có lý.").hasAllWords)
    }

    /// Every required word, in the body or the title, each by any of its alternatives.
    @Test func allWordsCountTheTitleAndAlternatives() {
        let builder = SnippetBuilder(required: [[Self.term("lũ"), Self.term("lụt")], [Self.term("sông Đà")]], optional: [], exact: false)
        #expect(Self.describe(builder, title: "Mùa lũ", "Thuỷ điện trên sông Đà").hasAllWords)
        #expect(Self.describe(builder, title: "Tin tức", "Lụt lội trên sông Đà").hasAllWords)
        #expect(!Self.describe(builder, title: "Mùa lũ", "Thuỷ điện trên sông Hồng").hasAllWords)
        #expect(!Self.describe(builder, title: "Sông Đà", "Thuỷ điện").hasAllWords)
    }

    @Test func textWithoutWordsIsCutShort() {
        let text = String(repeating: "—", count: 300)
        #expect(Self.describe(Self.builder(["nước"]), text).snippet == String(repeating: "—", count: 200))
        #expect(Self.describe(Self.builder(["nước"]), "").snippet == "")
    }
}
