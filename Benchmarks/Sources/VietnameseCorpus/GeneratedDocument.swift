/// One generated document: UTF-8 text plus how it was written, so benchmarks can split results by
/// input form.
public struct GeneratedDocument: Sendable {
    /// Unicode normalization of the document.
    public enum Form: String, Sendable, CaseIterable {
        /// Precomposed, as almost all real text is.
        case nfc
        /// Fully decomposed (tone and vowel marks as combining scalars).
        case nfd
        /// NFC with one or two stray decomposed words (as in a few real documents).
        case mixed
    }

    /// Title, newline, lead, newline, body (the layout of `CorpusLoader`'s title + "\n" + text).
    public var bytes: [UInt8]
    public var form: Form
    /// Open oa, oe, uy carry the tone on the second vowel (hoà, khoẻ, thuỷ) instead of the first.
    public var usesNewTonePlacement: Bool

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
