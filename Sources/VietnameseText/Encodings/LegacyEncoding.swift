/// Pre-Unicode Vietnamese 8-bit encodings that real files still arrive in. Decoding gives NFC text.
///
/// STUB: the API is fixed; the tables and detection are being written (issue #6).
public enum LegacyEncoding: String, Sendable, CaseIterable {
    /// Windows-1258: precomposed base letters, tones as combining bytes.
    case windows1258 = "windows-1258"
    /// TCVN 5712:1993 "ABC" (`.VnTime` fonts); lower case only for accented letters.
    case tcvn3
    /// VNI-Windows: a base letter followed by a mark byte (`Vieät` = Việt).
    case vni
    /// VISCII (RFC 1456).
    case viscii

    /// Decodes bytes in this encoding to NFC text. Never fails: every byte maps to something.
    public func decode(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: Array(bytes), as: UTF8.self)
    }

    /// Decodes text that a word processor read as Windows-1252 from a legacy-font run (a DOCX or
    /// RTF `\uN` run in a `.VnTime` or `VNI-` font holds the legacy bytes as CP1252 characters).
    public func decode(windows1252Text text: some StringProtocol) -> String {
        String(text)
    }

    /// The encoding of 8-bit text that is not valid UTF-8, or nil when none fits well enough.
    public static func detect(_ bytes: some Collection<UInt8>) -> LegacyEncoding? {
        nil
    }

    /// Detects and decodes, line by line where lines disagree (TCVN3 and VNI mixed in one file).
    /// `encoding` is the name recorded for the document: one `rawValue`, or several joined by "+"
    /// (`"tcvn3+vni"`).
    public static func decodeDetecting(_ bytes: [UInt8]) -> (text: String, encoding: String) {
        (String(decoding: bytes, as: UTF8.self), "utf-8")
    }
}
