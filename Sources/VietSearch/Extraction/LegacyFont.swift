import VietnameseText

/// What a font name says about the bytes drawn in it. Vietnamese documents from before Unicode
/// kept legacy bytes under a Western code page and relied on the font to show them: `.VnTime`,
/// `.VnArial`, `VnTimeH` are TCVN3 (ABC) fonts, `VNI-Times` and friends are VNI fonts.
///
/// TCVN3 capitals fonts (`.VnTimeH`) draw lower-case bytes as capitals. Their runs are not
/// upper-cased: search ignores case, and the corpus transcripts keep the bytes' case
/// (docs/FORMATS.md, "Measured on the real documents").
struct LegacyFont: Hashable {
    var encoding: LegacyEncoding

    /// Nil for an ordinary font.
    init?(name: some StringProtocol) {
        let lower = name.drop { $0 == " " || $0 == "@" }.lowercased()
        if lower.hasPrefix("vni") {
            encoding = .vni
        } else if lower.hasPrefix(".vn") || lower.hasPrefix("vn") {
            encoding = .tcvn3
        } else {
            return nil
        }
    }

    func decode(_ bytes: [UInt8]) -> String { encoding.decode(bytes) }

    func decode(windows1252Text text: String) -> String { encoding.decode(windows1252Text: text) }
}
