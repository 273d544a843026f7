/// Windows-1252, the code page that RTF `\'xx` escapes, compressed Word text and DOCX runs in
/// legacy fonts use. Legacy Vietnamese fonts (`.VnTime`, `VNI-Times`) were drawn over it, so
/// its bytes are the legacy bytes; this maps both ways between them and characters.
enum Windows1252 {
    /// 0x80–0x9F; the five bytes Windows leaves undefined map to the C1 control of the same value,
    /// as Windows itself does, so every byte round-trips.
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
    ]

    private static let reverse: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for (offset, value) in high.enumerated() { table[value] = UInt8(0x80 + offset) }
        return table
    }()

    static func scalar(_ byte: UInt8) -> Unicode.Scalar {
        let value = byte >= 0x80 && byte < 0xA0 ? high[Int(byte) - 0x80] : UInt32(byte)
        return Unicode.Scalar(value)!
    }

    /// The byte of a character, or nil when Windows-1252 has none.
    static func byte(_ scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if value < 0x80 || (value >= 0xA0 && value <= 0xFF) { return UInt8(value) }
        return reverse[value]
    }

    static func decode(_ bytes: some Collection<UInt8>) -> String {
        var text = String()
        text.unicodeScalars.append(contentsOf: bytes.lazy.map(scalar))
        return text
    }
}
