import VietnameseText

/// Turns a file's bytes into text, telling which encoding it was in: UTF-8 or UTF-16 by BOM,
/// valid UTF-8, else a legacy Vietnamese 8-bit encoding (Windows-1258, TCVN3, VNI, VISCII, or
/// lines of several) by `LegacyEncoding.decodeDetecting`, which falls back to Windows-1258.
enum TextDecoder {
    enum Result: Equatable {
        case text(String, encoding: String)
        /// Not text: a reason for the skip report.
        case binary(String)
    }

    static func decode(_ bytes: [UInt8]) -> Result {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return .text(String(decoding: bytes.dropFirst(3), as: UTF8.self), encoding: "utf-8")
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return .text(utf16(bytes.dropFirst(2), bigEndian: false), encoding: "utf-16le") }
        if bytes.starts(with: [0xFE, 0xFF]) { return .text(utf16(bytes.dropFirst(2), bigEndian: true), encoding: "utf-16be") }
        if let reason = binaryReason(bytes.prefix(8192)) { return .binary(reason) }
        if let text = String(validating: bytes, as: UTF8.self) { return .text(text, encoding: "utf-8") }
        let (text, encoding) = LegacyEncoding.decodeDetecting(bytes)
        return .text(text, encoding: encoding)
    }

    /// Why a file starting with `sample` (its first 8 KB, after any byte-order mark) is not
    /// text; nil when it is.
    static func binaryReason(_ sample: ArraySlice<UInt8>) -> String? {
        // UTF-16 without a byte-order mark is rare (Windows writes one); NUL bytes mean binary.
        if sample.contains(0) { return "binary file (contains NUL bytes)" }
        var controls = 0
        for byte in sample where byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C && byte != 0x1B {
            controls += 1
        }
        return controls * 20 > sample.count ? "binary file (control characters)" : nil
    }

    static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
