import Testing
import VietnameseText

/// i/y spelling variants: unified only where they are the same syllable.
@Suite struct IYVariantTests {
    static let analyzer = VietnameseAnalyzer()

    static func keys(_ word: String) -> (folded: String, accent: String) {
        let tokens = analyzer.tokens(in: word)
        return (tokens.first?.folded ?? "", tokens.first?.accent ?? "")
    }

    /// Same word: both keys equal.
    static let same: [(String, String)] = [
        ("kỹ", "kĩ"), ("lý", "lí"), ("quý", "quí"), ("Mỹ", "Mĩ"), ("tỷ", "tỉ"), ("sỹ", "sĩ"), ("kỳ", "kì"),
        ("ký", "kí"), ("kỷ", "kỉ"), ("kỵ", "kị"), ("quỷ", "quỉ"), ("quỹ", "quĩ"), ("vỹ", "vĩ"), ("quy", "qui"),
        ("QUÝ", "quí"), ("Lý", "LÍ"),
    ]

    /// Different words: accent keys differ (folded may or may not).
    static let different: [(String, String)] = [
        ("tay", "tai"), ("máy", "mái"), ("tuy", "tui"), ("thủy", "thủi"), ("ý", "í"), ("yêu", "iêu"),
        ("gỳ", "gì"), ("kinh", "kynh"), ("yên", "iên"), ("huynh", "huinh"), ("ty", "ti"), ("my", "mi"),
        ("ly", "li"), ("hy", "hi"), ("ngày", "ngài"), ("quây", "quâi"), ("khuya", "khuia"),
    ]

    @Test(arguments: same)
    func unifiedVariants(a: String, b: String) {
        #expect(Self.keys(a).folded == Self.keys(b).folded, "\(a) / \(b)")
        #expect(Self.keys(a).accent == Self.keys(b).accent, "\(a) / \(b)")
    }

    @Test(arguments: different)
    func distinctWords(a: String, b: String) {
        #expect(Self.keys(a).accent != Self.keys(b).accent, "\(a) / \(b)")
    }

    @Test func unifiedSpellingIsI() {
        #expect(Self.keys("kỹ") == ("ki", "kĩ"))
        #expect(Self.keys("Mỹ") == ("mi", "mĩ"))
        #expect(Self.keys("quý") == ("qui", "quí"))
    }

    @Test func tonelessConsonantPlusYIsFoldedOnly() {
        // Typing `my` without marks must find Mỹ; `công ty` stays distinct from `ti` in accent keys.
        #expect(Self.keys("my").folded == Self.keys("Mỹ").folded)
        #expect(Self.keys("ty") == ("ti", "ty"))
        #expect(Self.keys("ti") == ("ti", "ti"))
    }

    @Test(arguments: ["tay", "tai", "tuy", "tui", "máy", "mái", "ý", "yêu", "gì", "kinh", "yên", "huynh", "ngày", "quyết", "khuya"])
    func neverRewritten(word: String) {
        // Outside the safe class the keys keep their own i or y.
        #expect(Self.keys(word).accent == word.lowercased(), "\(word)")
    }
}
