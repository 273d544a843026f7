/// Windows-1252, the code page that RTF `\'xx` escapes, compressed Word text and DOCX runs in
/// legacy fonts use. Legacy Vietnamese fonts (`.VnTime`, `VNI-Times`) were drawn over it, so
/// its bytes are the legacy bytes; this maps both ways between them and characters.
public enum Windows1252 {
    /// 0x80–0xFF from `LegacyEncoding`'s table; the five bytes Windows leaves undefined map to the
    /// C1 control of the same value, as Windows itself does, so every byte round-trips.
    private static let reverse: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for (offset, value) in LegacyEncoding.windows1252High.prefix(0x20).enumerated() { table[UInt32(value)] = UInt8(0x80 + offset) }
        return table
    }()

    public static func scalar(_ byte: UInt8) -> Unicode.Scalar {
        let value = byte >= 0x80 && byte < 0xA0 ? UInt32(LegacyEncoding.windows1252High[Int(byte) - 0x80]) : UInt32(byte)
        return Unicode.Scalar(value)!
    }

    /// The byte of a character, or nil when Windows-1252 has none.
    public static func byte(_ scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if value < 0x80 || (value >= 0xA0 && value <= 0xFF) { return UInt8(value) }
        return reverse[value]
    }

    public static func decode(_ bytes: some Collection<UInt8>) -> String {
        var text = String()
        text.unicodeScalars.append(contentsOf: bytes.lazy.map(scalar))
        return text
    }
}
