import VietnameseText

/// What a font name says about the bytes drawn in it. Vietnamese documents from before Unicode
/// kept legacy bytes under a Western code page and relied on the font to show them: `.VnTime`,
/// `.VnArial`, `VnTimeH` are TCVN3 (ABC) fonts, `VNI-Times` and friends are VNI fonts.
enum LegacyFont {
    /// The encoding a font implies, or nil for an ordinary font.
    static func encoding(ofFont name: some StringProtocol) -> LegacyEncoding? {
        let lower = name.drop { $0 == " " || $0 == "@" }.lowercased()
        if lower.hasPrefix("vni") { return .vni }
        if lower.hasPrefix(".vn") || lower.hasPrefix("vn") { return .tcvn3 }
        return nil
    }
}
