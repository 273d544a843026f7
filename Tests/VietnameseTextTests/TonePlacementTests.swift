import Foundation
import Testing
import VietnameseText

/// Tone marks go to one canonical place (traditional style), whatever the input did.
@Suite struct TonePlacementTests {
    typealias Case = KeyCase

    static func c(_ written: String, _ folded: String, _ accent: String) -> Case {
        Case(written: written, folded: folded, accent: accent)
    }

    static let cases: [Case] = [
        // Open syllables with oa, oe, uy: both styles give the traditional one.
        c("hoà", "hoa", "hòa"), c("hòa", "hoa", "hòa"), c("Hoà", "hoa", "hòa"), c("HOÀ", "hoa", "hòa"),
        c("hoạ", "hoa", "họa"), c("họa", "hoa", "họa"), c("hoả", "hoa", "hỏa"), c("thoả", "thoa", "thỏa"),
        c("loã", "loa", "lõa"), c("xoá", "xoa", "xóa"), c("oà", "oa", "òa"),
        c("khoẻ", "khoe", "khỏe"), c("khỏe", "khoe", "khỏe"), c("hoè", "hoe", "hòe"), c("loè", "loe", "lòe"),
        c("thuỷ", "thuy", "thủy"), c("thủy", "thuy", "thủy"), c("thuý", "thuy", "thúy"), c("tuỳ", "tuy", "tùy"),
        c("tùy", "tuy", "tùy"), c("uỷ", "uy", "ủy"), c("ủy", "uy", "ủy"), c("Uỷ", "uy", "ủy"), c("uý", "uy", "úy"),
        c("luỹ", "luy", "lũy"), c("huỷ", "huy", "hủy"), c("suý", "suy", "súy"),
        // With a final consonant both styles agree on the last vowel; the other spelling is repaired.
        c("hoàng", "hoang", "hoàng"), c("hòang", "hoang", "hoàng"), c("thuyền", "thuyen", "thuyền"),
        c("huỳnh", "huynh", "huỳnh"), c("hủynh", "huynh", "huỷnh"), c("thoát", "thoat", "thoát"),
        c("thóat", "thoat", "thoát"), c("toán", "toan", "toán"), c("khoảng", "khoang", "khoảng"),
        c("choàng", "choang", "choàng"), c("hoằng", "hoang", "hoằng"), c("ngoằn", "ngoan", "ngoằn"),
        c("khuếch", "khuech", "khuếch"), c("oách", "oach", "oách"), c("quỳnh", "quynh", "quỳnh"),
        c("quyển", "quyen", "quyển"),
        // The marked vowel carries the tone; misplaced marks are repaired.
        c("việt", "viet", "việt"), c("vịêt", "viet", "việt"), c("lượng", "luong", "lượng"),
        c("lựơng", "luong", "lượng"), c("thuýên", "thuyen", "thuyến"), c("người", "nguoi", "người"),
        c("ngừơi", "nguoi", "người"), c("ngươì", "nguoi", "người"), c("mưa", "mua", "mưa"), c("cửa", "cua", "cửa"),
        c("cưả", "cua", "cửa"), c("thuở", "thuo", "thuở"), c("thủơ", "thuo", "thuở"), c("rượu", "ruou", "rượu"),
        c("rựơu", "ruou", "rượu"), c("muối", "muoi", "muối"), c("múôi", "muoi", "muối"), c("hiếu", "hieu", "hiếu"),
        c("híêu", "hieu", "hiếu"), c("yếu", "yeu", "yếu"), c("ýêu", "yeu", "yếu"), c("khuấy", "khuay", "khuấy"),
        c("khúây", "khuay", "khuấy"), c("tuổi", "tuoi", "tuổi"), c("chuyện", "chuyen", "chuyện"),
        c("chụyên", "chuyen", "chuyện"), c("cứu", "cuu", "cứu"), c("cưú", "cuu", "cứu"), c("hươu", "huou", "hươu"),
        c("thuế", "thue", "thuế"), c("thúê", "thue", "thuế"), c("nghiêng", "nghieng", "nghiêng"),
        c("nghịêng", "nghieng", "nghiệng"), c("đâỳ", "day", "đầy"),
        // Three open vowels: the middle one.
        c("khuỷu", "khuyu", "khuỷu"), c("khuyủ", "khuyu", "khuỷu"), c("khủyu", "khuyu", "khuỷu"),
        c("hoài", "hoai", "hoài"), c("hoaì", "hoai", "hoài"), c("hòai", "hoai", "hoài"), c("ngoài", "ngoai", "ngoài"),
        c("xoáy", "xoay", "xoáy"), c("xóay", "xoay", "xoáy"), c("ngoáy", "ngoay", "ngoáy"), c("ngoẹo", "ngoeo", "ngoẹo"),
        c("ngọeo", "ngoeo", "ngoẹo"), c("oai", "oai", "oai"), c("oải", "oai", "oải"), c("oáy", "oay", "oáy"),
        // qu and gi are onsets: the tone goes on the vowel after them.
        c("quốc", "quoc", "quốc"), c("QUỐC", "quoc", "quốc"), c("qúa", "qua", "quá"), c("quá", "qua", "quá"),
        c("quạ", "qua", "quạ"), c("qùa", "qua", "quà"), c("quấy", "quay", "quấy"), c("qủa", "qua", "quả"),
        c("già", "gia", "già"), c("gìa", "gia", "già"), c("giữa", "giua", "giữa"), c("giỏi", "gioi", "giỏi"),
        c("gỉoi", "gioi", "giỏi"), c("giường", "giuong", "giường"), c("giếng", "gieng", "giếng"),
        c("giặt", "giat", "giặt"), c("giải", "giai", "giải"),
        // gi before a consonant or alone: the i is the vowel.
        c("gì", "gi", "gì"), c("gìn", "gin", "gìn"), c("GÌN", "gin", "gìn"), c("ghì", "ghi", "ghì"),
        // Two open vowels without a mark: the first.
        c("mái", "mai", "mái"), c("maí", "mai", "mái"), c("mùa", "mua", "mùa"), c("muà", "mua", "mùa"),
        c("kìa", "kia", "kìa"), c("kià", "kia", "kìa"), c("tháo", "thao", "tháo"), c("thaó", "thao", "tháo"),
        c("đũa", "dua", "đũa"), c("ngày", "ngay", "ngày"), c("ngaỳ", "ngay", "ngày"),
        // đ in upper and lower case.
        c("Đảng", "dang", "đảng"), c("ĐẢNG", "dang", "đảng"), c("đi", "di", "đi"), c("ĐƯỜNG", "duong", "đường"),
        // Not Vietnamese syllables: marks stay where they were written.
        c("café", "cafe", "café"), c("José", "jose", "josé"), c("fiancée", "fiancee", "fiancée"),
        c("Bogotá", "bogota", "bogotá"), c("NAÏVE", "naive", "naïve"),
    ]

    @Test(arguments: cases)
    func canonicalPlacement(c: Case) {
        for (name, form) in Support.forms(c.written) {
            guard let keys = Support.single(form, name) else { continue }
            #expect(keys.folded == c.folded, "\(name) \(Support.describe(form))")
            #expect(keys.accent == c.accent, "\(name) \(Support.describe(form))")
        }
    }

    @Test(arguments: [
        ("hoà bình", "hòa bình"), ("thuỷ điện", "thủy điện"), ("sức khoẻ", "sức khỏe"), ("Uỷ ban", "ủy ban"),
        ("tuỳ ý", "tùy ý"), ("hoạ sĩ", "họa sĩ"), ("thoả thuận", "thỏa thuận"), ("loè loẹt", "lòe loẹt"),
        ("khoá học", "khóa học"), ("luỹ tre", "lũy tre"),
    ])
    func bothStylesGiveTheSameKeys(newStyle: String, oldStyle: String) {
        let a = Support.keys(newStyle)
        let b = Support.keys(oldStyle)
        #expect(a == b, "\(newStyle) / \(oldStyle)")
        #expect(a.count == 2, "\(newStyle)")
    }

    // MARK: - Every rhyme, every tone, every placement

    /// Rhymes (vowels + coda) with the index of the character that carries the tone in the
    /// traditional style, written out by hand: a marked vowel (ă â ê ô ơ ư; ơ in ươ, ê in iê/yê/uyê)
    /// carries it; else the last vowel before a final consonant; else the first of two open vowels
    /// or the middle of three.
    static let rhymes: [(rhyme: String, tone: Int)] = [
        ("a", 0), ("ac", 0), ("ach", 0), ("ai", 0), ("am", 0), ("an", 0), ("ang", 0), ("anh", 0), ("ao", 0),
        ("ap", 0), ("at", 0), ("au", 0), ("ay", 0),
        ("ăc", 0), ("ăm", 0), ("ăn", 0), ("ăng", 0), ("ăp", 0), ("ăt", 0),
        ("âc", 0), ("âm", 0), ("ân", 0), ("âng", 0), ("âp", 0), ("ât", 0), ("âu", 0), ("ây", 0),
        ("e", 0), ("ec", 0), ("em", 0), ("en", 0), ("eng", 0), ("eo", 0), ("ep", 0), ("et", 0),
        ("ê", 0), ("êch", 0), ("êm", 0), ("ên", 0), ("ênh", 0), ("êp", 0), ("êt", 0), ("êu", 0),
        ("ia", 0), ("ich", 0), ("iêc", 1), ("iêm", 1), ("iên", 1), ("iêng", 1), ("iêp", 1), ("iêt", 1), ("iêu", 1),
        ("im", 0), ("in", 0), ("inh", 0), ("ip", 0), ("it", 0), ("iu", 0),
        ("o", 0), ("oa", 0), ("oac", 1), ("oach", 1), ("oai", 1), ("oam", 1), ("oan", 1), ("oang", 1), ("oanh", 1),
        ("oao", 1), ("oap", 1), ("oat", 1), ("oay", 1), ("oăc", 1), ("oăm", 1), ("oăn", 1), ("oăng", 1), ("oăt", 1),
        ("oc", 0), ("oe", 0), ("oen", 1), ("oeo", 1), ("oet", 1), ("oi", 0), ("om", 0), ("on", 0), ("ong", 0),
        ("op", 0), ("ot", 0),
        ("ô", 0), ("ôc", 0), ("ôi", 0), ("ôm", 0), ("ôn", 0), ("ông", 0), ("ôp", 0), ("ôt", 0),
        ("ơ", 0), ("ơi", 0), ("ơm", 0), ("ơn", 0), ("ơp", 0), ("ơt", 0),
        ("u", 0), ("ua", 0), ("uân", 1), ("uâng", 1), ("uât", 1), ("uây", 1), ("uc", 0), ("uê", 1), ("uêch", 1),
        ("uênh", 1), ("ui", 0), ("um", 0), ("un", 0), ("ung", 0), ("uơ", 1), ("uôc", 1), ("uôi", 1), ("uôm", 1),
        ("uôn", 1), ("uông", 1), ("uôt", 1), ("up", 0), ("ut", 0), ("uy", 0), ("uya", 1), ("uych", 1), ("uyên", 2),
        ("uyêt", 2), ("uynh", 1), ("uyt", 1), ("uyu", 1),
        ("ư", 0), ("ưa", 0), ("ưc", 0), ("ưi", 0), ("ưm", 0), ("ưn", 0), ("ưng", 0), ("ươc", 1), ("ươi", 1),
        ("ươm", 1), ("ươn", 1), ("ương", 1), ("ươp", 1), ("ươt", 1), ("ươu", 1), ("ưt", 0), ("ưu", 0),
        ("ych", 0), ("yêm", 1), ("yên", 1), ("yêt", 1), ("yêu", 1), ("ynh", 0), ("yt", 0),
    ]

    static let vowels = Set("aăâeêioôơuưy")

    /// Onsets that combine with any rhyme here (g only before a, o, u…: `gi` is its own onset).
    static let onsets = [
        "", "b", "c", "ch", "d", "đ", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph", "r", "s", "t",
        "th", "tr", "v", "x", "g", "gh", "qu", "gi",
    ]

    static func onsetFits(_ onset: String, _ rhyme: String) -> Bool {
        let first = rhyme.first!
        switch onset {
        case "g": return !"iyeê".contains(first)
        case "gi": return !"iy".contains(first)
        case "qu": return "aăâeêyôơ".contains(first)
        default: return true
        }
    }

    /// Stop codas (c ch p t) take only sắc and nặng.
    static func tones(for rhyme: String) -> [Int] {
        let stop = rhyme.hasSuffix("c") || rhyme.hasSuffix("ch") || rhyme.hasSuffix("p") || rhyme.hasSuffix("t")
        return stop ? [2, 5] : [0, 1, 2, 3, 4, 5]
    }

    /// One generated syllable: the canonical spelling and every spelling with the tone on another
    /// vowel (including the u of qu and the i of gi).
    struct Syllable: Sendable {
        let canonical: String
        let variants: [String]
    }

    static func syllable(onset: String, rhyme: String, toneIndex: Int, tone: Int) -> Syllable {
        let canonical = onset + Support.withTone(rhyme, tone: tone, at: toneIndex)
        let word = onset + rhyme
        var variants: [String] = []
        if tone > 0 {
            for (index, character) in word.enumerated() where vowels.contains(character) {
                variants.append(Support.withTone(word, tone: tone, at: index))
            }
        }
        return Syllable(canonical: canonical, variants: variants.isEmpty ? [canonical] : variants)
    }

    @Test func tableIsConsistent() {
        for (rhyme, tone) in Self.rhymes {
            let characters = Array(rhyme)
            #expect(tone < characters.count && Self.vowels.contains(characters[tone]), "\(rhyme)")
        }
        #expect(Set(Self.rhymes.map(\.rhyme)).count == Self.rhymes.count)
    }

    /// Every rhyme with every tone it takes, the tone written on each of its vowels, in NFC, NFD and
    /// Windows-1258 form and in capitals: one accent key, the canonical spelling.
    @Test func everyRhymeEveryToneEveryPlacement() {
        var checked = 0
        var failures: [String] = []
        for (rhymeIndex, (rhyme, toneIndex)) in Self.rhymes.enumerated() {
            for tone in Self.tones(for: rhyme) {
                // A different onset each time, so every onset meets many rhymes.
                let fitting = Self.onsets.filter { Self.onsetFits($0, rhyme) }
                let onset = fitting[(rhymeIndex * 7 + tone) % fitting.count]
                let syllable = Self.syllable(onset: onset, rhyme: rhyme, toneIndex: toneIndex, tone: tone)
                let folded = Support.foldOracle(syllable.canonical)
                for variant in syllable.variants {
                    for (name, form) in Support.forms(variant) + [("UPPER", variant.uppercased())] {
                        checked += 1
                        let tokens = Support.analyzer.tokens(in: form)
                        let actual = tokens.map { "\($0.folded) \($0.accent)" }
                        if actual != ["\(folded) \(syllable.canonical)"] {
                            failures.append("\(name) \(variant): expected \(folded) \(syllable.canonical), got \(actual)")
                        }
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(checked):\n\(failures.prefix(40).joined(separator: "\n"))")
        #expect(checked > 3000)
    }

    /// Every onset with a sample of rhymes, the tone on a random vowel.
    @Test func everyOnset() {
        var failures: [String] = []
        for onset in Self.onsets {
            for (rhyme, toneIndex) in Self.rhymes where Self.onsetFits(onset, rhyme) {
                let tone = Self.tones(for: rhyme).last!
                let syllable = Self.syllable(onset: onset, rhyme: rhyme, toneIndex: toneIndex, tone: tone)
                let expected = ["\(Support.foldOracle(syllable.canonical)) \(syllable.canonical)"]
                for variant in syllable.variants {
                    let actual = Support.analyzer.tokens(in: variant).map { "\($0.folded) \($0.accent)" }
                    if actual != expected { failures.append("\(variant): expected \(expected), got \(actual)") }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count):\n\(failures.prefix(40).joined(separator: "\n"))")
    }
}
