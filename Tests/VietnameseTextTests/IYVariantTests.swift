import Foundation
import Testing
import VietnameseText

/// i/y spelling variants: unified only where they are the same syllable.
///
/// A lone i/y after a consonant or qu with nothing after it is `i` in the folded key; in the
/// accent key it becomes `i` when it carries a tone or follows qu. Everything else keeps its own
/// letter.
@Suite struct IYVariantTests {
    typealias Case = KeyCase

    static func c(_ written: String, _ folded: String, _ accent: String) -> Case {
        Case(written: written, folded: folded, accent: accent)
    }

    /// Exact keys, written out by hand.
    static let cases: [Case] = [
        // Toned lone i/y after a consonant: i in both keys.
        c("kỹ", "ki", "kĩ"), c("kĩ", "ki", "kĩ"), c("KỸ", "ki", "kĩ"), c("lý", "li", "lí"), c("lí", "li", "lí"),
        c("Lý", "li", "lí"), c("Mỹ", "mi", "mĩ"), c("Mĩ", "mi", "mĩ"), c("tỷ", "ti", "tỉ"), c("tỉ", "ti", "tỉ"),
        c("sỹ", "si", "sĩ"), c("kỳ", "ki", "kì"), c("ký", "ki", "kí"), c("kỷ", "ki", "kỉ"), c("kỵ", "ki", "kị"),
        c("hỷ", "hi", "hỉ"), c("vỹ", "vi", "vĩ"), c("lỵ", "li", "lị"), c("thỷ", "thi", "thỉ"),
        c("nghỉ", "nghi", "nghỉ"), c("đỹ", "di", "đĩ"),
        // After qu: i in both keys, toneless too.
        c("quý", "qui", "quí"), c("quí", "qui", "quí"), c("QUÝ", "qui", "quí"), c("quỳ", "qui", "quì"),
        c("quỹ", "qui", "quĩ"), c("quỷ", "qui", "quỉ"), c("quỵ", "qui", "quị"), c("quy", "qui", "qui"),
        c("qui", "qui", "qui"), c("Quy", "qui", "qui"),
        // Toneless after a consonant: folded i, accent keeps the letter.
        c("ty", "ti", "ty"), c("ti", "ti", "ti"), c("my", "mi", "my"), c("mi", "mi", "mi"), c("ly", "li", "ly"),
        c("li", "li", "li"), c("hy", "hi", "hy"), c("hi", "hi", "hi"), c("TY", "ti", "ty"), c("ky", "ki", "ky"),
        // Never unified: ay/ai, uy/ui, syllable-initial y, g/gh onsets, i/y followed by a letter.
        c("tay", "tay", "tay"), c("tai", "tai", "tai"), c("máy", "may", "máy"), c("mái", "mai", "mái"),
        c("tuy", "tuy", "tuy"), c("tui", "tui", "tui"), c("thủy", "thuy", "thủy"), c("thủi", "thui", "thủi"),
        c("y", "y", "y"), c("i", "i", "i"), c("ý", "y", "ý"), c("í", "i", "í"), c("ỷ", "y", "ỷ"), c("Ý", "y", "ý"),
        c("yêu", "yeu", "yêu"), c("yên", "yen", "yên"), c("iên", "ien", "iên"),
        c("gì", "gi", "gì"), c("ghì", "ghi", "ghì"), c("GÌ", "gi", "gì"),
        c("kinh", "kinh", "kinh"), c("kynh", "kynh", "kynh"), c("huynh", "huynh", "huynh"), c("quyết", "quyet", "quyết"),
        c("quỳnh", "quynh", "quỳnh"), c("khuya", "khuya", "khuya"), c("ngày", "ngay", "ngày"), c("quây", "quay", "quây"),
        c("tym", "tym", "tym"), c("kìa", "kia", "kìa"), c("kỷu", "kyu", "kỷu"),
    ]

    @Test(arguments: cases)
    func exactKeys(c: Case) {
        for (name, form) in Support.forms(c.written) {
            guard let keys = Support.single(form, name) else { continue }
            #expect(keys.folded == c.folded, "\(name) \(Support.describe(form))")
            #expect(keys.accent == c.accent, "\(name) \(Support.describe(form))")
        }
    }

    /// Same word: both keys equal.
    static let same: [(String, String)] = [
        ("kỹ", "kĩ"), ("lý", "lí"), ("quý", "quí"), ("Mỹ", "Mĩ"), ("tỷ", "tỉ"), ("sỹ", "sĩ"), ("kỳ", "kì"),
        ("ký", "kí"), ("kỷ", "kỉ"), ("kỵ", "kị"), ("quỷ", "quỉ"), ("quỹ", "quĩ"), ("vỹ", "vĩ"), ("quy", "qui"),
        ("QUÝ", "quí"), ("Lý", "LÍ"), ("hỷ", "hỉ"),
    ]

    /// Different words: accent keys differ (folded keys may agree).
    static let different: [(String, String)] = [
        ("tay", "tai"), ("máy", "mái"), ("tuy", "tui"), ("thủy", "thủi"), ("ý", "í"), ("yêu", "iêu"),
        ("gỳ", "gì"), ("kinh", "kynh"), ("yên", "iên"), ("huynh", "huinh"), ("ty", "ti"), ("my", "mi"),
        ("ly", "li"), ("hy", "hi"), ("ngày", "ngài"), ("quây", "quâi"), ("khuya", "khuia"), ("ghỳ", "ghì"),
    ]

    @Test(arguments: same)
    func unifiedVariants(a: String, b: String) {
        for (name, form) in Support.forms(a) {
            #expect(Support.keys(form) == Support.keys(b), "\(name) \(a) / \(b)")
            #expect(Support.keys(form).count == 1, "\(name) \(a)")
        }
    }

    @Test(arguments: different)
    func distinctWords(a: String, b: String) {
        for (name, form) in Support.forms(a) {
            let x = Support.analyzer.tokens(in: form)
            let y = Support.analyzer.tokens(in: Support.windows1258(b))
            #expect(x.count == 1 && y.count == 1, "\(name) \(a) / \(b)")
            #expect(x.map(\.accent) != y.map(\.accent), "\(name) \(a) / \(b)")
        }
    }

    /// Toneless ty/ti, my/mi, ly/li, hy/hi: found by the same unaccented query, still told apart
    /// by the accent key.
    @Test(arguments: [("ty", "ti"), ("my", "mi"), ("ly", "li"), ("hy", "hi")])
    func tonelessPairsShareFoldedKeyOnly(y: String, i: String) {
        #expect(Support.keys(y) == ["\(i)|\(y)"], "\(y)")
        #expect(Support.keys(i) == ["\(i)|\(i)"], "\(i)")
    }

    static let consonantOnsets = [
        "b", "c", "ch", "d", "đ", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph", "r", "s", "t", "th",
        "tr", "v", "x",
    ]

    /// Every onset × every tone, written with i and with y.
    @Test func onsetToneMatrix() {
        var failures: [String] = []
        func check(_ ok: Bool, _ message: @autoclosure () -> String) { if !ok { failures.append(message()) } }
        for tone in 0...5 {
            let i = Support.withTone("i", tone: tone, at: 0)
            let y = Support.withTone("y", tone: tone, at: 0)
            for onset in Self.consonantOnsets {
                let foldedOnset = onset == "đ" ? "d" : onset
                let withI = Support.keys(onset + i)
                let withY = Support.keys(onset + y)
                check(withI == ["\(foldedOnset)i|\(onset + i)"], "\(onset + i): \(withI)")
                // Toned: the y spelling becomes the i spelling; toneless: only the folded key.
                let expectedY = tone > 0 ? "\(foldedOnset)i|\(onset + i)" : "\(foldedOnset)i|\(onset)y"
                check(withY == [expectedY], "\(onset + y): expected \(expectedY), got \(withY)")
                // Followed by another letter: never rewritten.
                check(Support.keys(onset + y + "nh") == ["\(foldedOnset)ynh|\(onset + y)nh"], "\(onset + y)nh")
            }
            // qu: always i.
            for spelling in [i, y] {
                check(Support.keys("qu" + spelling) == ["qui|qu\(i)"], "qu\(spelling): \(Support.keys("qu" + spelling))")
            }
            // g, gh and no onset: never unified (gì is not an i/y variant).
            for onset in ["g", "gh", ""] {
                let withI = Support.keys(onset + i)
                let withY = Support.keys(onset + y)
                check(withI.count == 1 && withY.count == 1 && withI != withY, "\(onset + i) / \(onset + y)")
                check(withY.first?.hasSuffix("|\(onset + y)") == true, "\(onset + y): \(withY)")
            }
            // After a vowel (ay/ai, uy/ui): never unified.
            for vowel in ["a", "u", "o", "â", "ư"] {
                let ay = Support.keys("t" + Support.withTone(vowel + "y", tone: tone, at: 0))
                let ai = Support.keys("t" + Support.withTone(vowel + "i", tone: tone, at: 0))
                check(ay != ai, "t\(vowel)y / t\(vowel)i with tone \(tone)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count):\n\(failures.prefix(40).joined(separator: "\n"))")
    }
}
