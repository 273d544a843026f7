import Testing
import VietnameseText

/// Tone marks go to one canonical place (traditional style), whatever the input did.
@Suite struct TonePlacementTests {
    static let analyzer = VietnameseAnalyzer()

    /// (as written, folded, accent key)
    static let cases: [(String, String, String)] = [
        // old/new style in open syllables with oa, oe, uy
        ("hoà", "hoa", "hòa"), ("hòa", "hoa", "hòa"), ("Hoà", "hoa", "hòa"),
        ("thuỷ", "thuy", "thủy"), ("thủy", "thuy", "thủy"),
        ("khoẻ", "khoe", "khỏe"), ("khỏe", "khoe", "khỏe"),
        ("uỷ", "uy", "ủy"), ("ủy", "uy", "ủy"),
        ("tuỳ", "tuy", "tùy"), ("hoạ", "hoa", "họa"), ("hoè", "hoe", "hòe"), ("thuý", "thuy", "thúy"),
        // with a final consonant both styles agree: the last vowel
        ("hoàng", "hoang", "hoàng"), ("hòang", "hoang", "hoàng"), ("huỳnh", "huynh", "huỳnh"),
        ("thoát", "thoat", "thoát"), ("toán", "toan", "toán"),
        // marked vowels carry the tone; misplaced marks are repaired
        ("việt", "viet", "việt"), ("vịêt", "viet", "việt"), ("lượng", "luong", "lượng"), ("lựơng", "luong", "lượng"),
        ("thuýên", "thuyen", "thuyến"), ("thuyền", "thuyen", "thuyền"), ("người", "nguoi", "người"), ("ngừơi", "nguoi", "người"),
        ("ngoằn", "ngoan", "ngoằn"), ("mưa", "mua", "mưa"), ("cửa", "cua", "cửa"), ("cưả", "cua", "cửa"),
        ("khuỷu", "khuyu", "khuỷu"), ("khuyủ", "khuyu", "khuỷu"), ("hoài", "hoai", "hoài"), ("hoaì", "hoai", "hoài"),
        ("xoáy", "xoay", "xoáy"), ("xóay", "xoay", "xoáy"), ("nghiêng", "nghieng", "nghiêng"),
        // qu and gi are onsets
        ("quốc", "quoc", "quốc"), ("qúa", "qua", "quá"), ("quá", "qua", "quá"), ("già", "gia", "già"), ("gìa", "gia", "già"),
        ("giường", "giuong", "giường"), ("gì", "gi", "gì"), ("gìn", "gin", "gìn"), ("giữ", "giu", "giữ"),
        // two vowels without a coda: the first
        ("mái", "mai", "mái"), ("maí", "mai", "mái"), ("mùa", "mua", "mùa"), ("muà", "mua", "mùa"), ("kìa", "kia", "kìa"),
        // đ
        ("Đảng", "dang", "đảng"), ("ĐẢNG", "dang", "đảng"), ("đi", "di", "đi"),
        // not syllables: marks stay where they are
        ("café", "cafe", "café"), ("José", "jose", "josé"), ("fiancée", "fiancee", "fiancée"),
        // two different tones: left as written
        ("hóà", "hoa", "hóà"),
    ]

    @Test(arguments: cases)
    func canonicalPlacement(written: String, folded: String, accent: String) {
        let tokens = Self.analyzer.tokens(in: written)
        #expect(tokens.count == 1, "\(written)")
        #expect(tokens.first?.folded == folded, "\(written)")
        #expect(tokens.first?.accent == accent, "\(written)")
    }

    @Test(arguments: [("hoà bình", "hòa bình"), ("thuỷ điện", "thủy điện"), ("sức khoẻ", "sức khỏe"), ("Uỷ ban", "ủy ban")])
    func bothStylesGiveTheSameKeys(newStyle: String, oldStyle: String) {
        let a = Self.analyzer.tokens(in: newStyle)
        let b = Self.analyzer.tokens(in: oldStyle)
        #expect(a.map(\.accent) == b.map(\.accent))
        #expect(a.map(\.folded) == b.map(\.folded))
    }
}
