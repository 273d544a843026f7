import VietnameseText

/// Turns a file's bytes into text, telling which encoding it was in: UTF-8 or UTF-16 by BOM,
/// valid UTF-8, UTF-8 with a few invalid bytes (`damagedUTF8`), else a legacy Vietnamese 8-bit
/// encoding (Windows-1258, TCVN3, VNI, VISCII, or lines of several) by
/// `LegacyEncoding.decodeDetecting`, which falls back to Windows-1258.
enum TextDecoder {
    /// The encoding recorded for UTF-8 text with invalid bytes, each replaced by U+FFFD.
    static let damagedUTF8 = "utf-8 with invalid bytes"
    /// Well-formed UTF-8 characters per invalid byte that make a text damaged UTF-8 rather than
    /// legacy: "a few" bad bytes. Legacy files have at most 0.03 (above); a file of both (a
    /// Windows-1258 line, then UTF-8 ones) stays legacy until its UTF-8 clearly dominates.
    static let sequencesPerInvalidByte = 4

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
        if isMostlyUTF8(bytes) { return .text(String(decoding: bytes, as: UTF8.self), encoding: damagedUTF8) }
        let (text, encoding) = LegacyEncoding.decodeDetecting(bytes)
        return .text(text, encoding: encoding)
    }

    /// Why a file starting with `sample` (its first 8 KB, after any byte-order mark) is not
    /// text; nil when it is.
    static func binaryReason(_ sample: ArraySlice<UInt8>) -> String? {
        var controls = 0
        var nul = false
        sample.withUnsafeBufferPointer { bytes in
            func tally(_ byte: UInt8) {
                guard byte < 0x20 else { return }
                if byte == 0 { nul = true }
                if byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C && byte != 0x1B { controls += 1 }
            }
            guard let base = bytes.baseAddress else { return }
            let ones: UInt64 = 0x0101_0101_0101_0101
            var index = 0
            // Eight bytes at a time (this runs over most of every file indexed): only a word with
            // a byte below 0x20 sets a high bit here (Hacker's Delight 6-1; a byte after such a
            // byte may too), and only such a word is looked at byte by byte.
            while index + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if (word &- ones &* 0x20) & ~word & (ones << 7) != 0 {
                    for offset in index..<(index + 8) { tally(bytes[offset]) }
                }
                index += 8
            }
            for offset in index..<bytes.count { tally(bytes[offset]) }
        }
        // UTF-16 without a byte-order mark is rare (Windows writes one); NUL bytes mean binary.
        if nul { return "binary file (contains NUL bytes)" }
        return controls * 20 > sample.count ? "binary file (control characters)" : nil
    }

    /// Whether bytes that are not valid UTF-8 are still UTF-8 text, damaged: cut inside their
    /// last character (a truncated download), or with at least `sequencesPerInvalidByte`
    /// well-formed multi-byte characters per invalid byte. Legacy 8-bit text is the other way
    /// round: its letters are single bytes that seldom happen to form a UTF-8 sequence. Among the
    /// shared corpus's 21 TCVN3, VNI, VISCII and Windows-1258 text layers and the fixtures' 5, the
    /// most UTF-8-like had 16 sequences to 509 invalid bytes (VISCII); most have none. Read as
    /// legacy, a UTF-8 file with one bad byte would lose all of its Vietnamese letters.
    static func isMostlyUTF8(_ bytes: [UInt8]) -> Bool {
        let (sequences, invalid, firstInvalid) = tally(bytes[...])
        if isMostlyUTF8(sequences: sequences, invalid: invalid) { return true }
        // Only the end is damaged: a lead byte and fewer continuation bytes than it announces.
        return firstInvalid >= 0 && String(validating: bytes[..<firstInvalid], as: UTF8.self) != nil
            && bytes.count - firstInvalid < expectedLength(bytes[firstInvalid]) && expectedLength(bytes[firstInvalid]) > 1
            && bytes[(firstInvalid + 1)...].allSatisfy { $0 & 0xC0 == 0x80 }
    }

    /// Whether text read in pieces, `sequences` well-formed multi-byte characters and `invalid`
    /// bytes in all (see `tally`), is damaged UTF-8 by `isMostlyUTF8`'s count.
    static func isMostlyUTF8(sequences: Int, invalid: Int) -> Bool {
        invalid > 0 && sequences >= sequencesPerInvalidByte * invalid
    }

    /// The well-formed multi-byte characters and the invalid bytes of `bytes`, and the index of
    /// the first invalid byte (-1: none).
    static func tally(_ bytes: ArraySlice<UInt8>) -> (sequences: Int, invalid: Int, firstInvalid: Int) {
        var sequences = 0
        var invalid = 0
        var index = bytes.startIndex
        var firstInvalid = -1
        while index < bytes.endIndex {
            guard bytes[index] >= 0x80 else {
                index += 1
                continue
            }
            let length = sequenceLength(bytes, at: index)
            if length > 0 {
                sequences += 1
                index += length
            } else {
                if firstInvalid < 0 { firstInvalid = index }
                invalid += 1
                index += 1
            }
        }
        return (sequences, invalid, firstInvalid)
    }

    /// Bytes a UTF-8 sequence starting with `lead` has (0: not a lead byte).
    private static func expectedLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 0
        }
    }

    /// The length of the well-formed UTF-8 sequence at `index` (a byte ≥ 0x80), or 0
    /// (Unicode's table 3-7: no overlong forms, surrogates or values past U+10FFFF).
    private static func sequenceLength(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let length = expectedLength(lead)
        guard length > 0, index + length <= bytes.endIndex else { return 0 }
        let second = bytes[index + 1]
        let secondRange: ClosedRange<UInt8> =
            switch lead {
            case 0xE0: 0xA0...0xBF
            case 0xED: 0x80...0x9F
            case 0xF0: 0x90...0xBF
            case 0xF4: 0x80...0x8F
            default: 0x80...0xBF
            }
        guard secondRange.contains(second) else { return 0 }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return 0 }
        return length
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
