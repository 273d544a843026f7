/// Pre-Unicode Vietnamese 8-bit encodings that real files still arrive in. Decoding gives NFC text.
public enum LegacyEncoding: String, Sendable, CaseIterable {
    /// Windows-1258: precomposed base letters, tones as combining bytes.
    case windows1258 = "windows-1258"
    /// TCVN 5712:1993 "ABC" (`.VnTime` fonts); lower case only for accented letters.
    case tcvn3
    /// VNI-Windows: a base letter followed by a mark byte (`Vieät` = Việt).
    case vni
    /// VISCII (RFC 1456).
    case viscii

    /// The byte table (see `LegacyEncoding+Tables.swift`).
    var table: [UInt32] {
        switch self {
        case .windows1258: Self.windows1258Table
        case .tcvn3: Self.tcvn3Table
        case .vni: Self.vniTable
        case .viscii: Self.visciiTable
        }
    }

    /// Decodes bytes in this encoding to NFC text. Never fails: every byte maps to something.
    public func decode(_ bytes: some Collection<UInt8>) -> String {
        decodeScalars(bytes).string
    }

    func decodeScalars(_ bytes: some Collection<UInt8>) -> LegacyDecoder {
        var decoder = LegacyDecoder(self, capacity: bytes.count)
        decoder.append(contentsOf: bytes)
        return decoder
    }

    /// Decodes text that a word processor read as Windows-1252 from a legacy-font run (a DOCX or
    /// RTF `\uN` run in a `.VnTime` or `VNI-` font holds the legacy bytes as CP1252 characters).
    /// Each character goes back to its Windows-1252 byte (U+0080–U+00FF to the byte of the same
    /// value, so undefined bytes that came through as C1 controls survive too); characters that
    /// have no Windows-1252 byte pass through unchanged.
    public func decode(windows1252Text text: some StringProtocol) -> String {
        var decoder = LegacyDecoder(self, capacity: text.utf8.count)
        for scalar in text.unicodeScalars {
            if let byte = Self.windows1252Byte(scalar.value) {
                decoder.append(byte: byte)
            } else {
                decoder.append(scalar: scalar.value)
            }
        }
        return decoder.string
    }

    /// The Windows-1252 byte of a scalar, if it has one.
    static func windows1252Byte(_ scalar: UInt32) -> UInt8? {
        Unicode.Scalar(scalar).flatMap(Windows1252.byte)
    }
}
