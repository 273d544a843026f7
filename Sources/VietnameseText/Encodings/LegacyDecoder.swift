/// Turns legacy bytes into NFC scalars, one table lookup per byte. Combining marks (the
/// Windows-1258 and TCVN3 tone bytes) are composed with the letter before them as they arrive;
/// VNI mark bytes are applied to the letter before them when they fit it.
struct LegacyDecoder {
    private(set) var table: [UInt32]
    private(set) var scalars: [UInt32] = []
    /// Index of the last starter in `scalars` (the run a new combining mark may compose with).
    private var clusterStart = 0

    init(_ encoding: LegacyEncoding, capacity: Int = 0) {
        table = encoding.table
        scalars.reserveCapacity(capacity)
    }

    /// Continues with another encoding's table (a mixed file's next line).
    mutating func switchTable(to encoding: LegacyEncoding) {
        table = encoding.table
    }

    mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        for byte in bytes { append(byte: byte) }
    }

    @inline(__always)
    mutating func append(byte: UInt8) {
        let entry = table[Int(byte)]
        if entry & LegacyEncoding.vniPayloadMask != 0, applyVNIMark(entry) { return }
        let scalar = entry & LegacyEncoding.scalarMask
        if entry & LegacyEncoding.combiningFlag != 0 {
            appendMark(scalar)
        } else {
            clusterStart = scalars.count
            scalars.append(scalar)
        }
    }

    /// A scalar that is already text (a character outside Windows-1252 in a legacy-font run).
    mutating func append(scalar: UInt32) {
        if CanonicalComposer.combiningClass(scalar) != 0 {
            appendMark(scalar)
        } else {
            clusterStart = scalars.count
            scalars.append(scalar)
        }
    }

    private mutating func appendMark(_ mark: UInt32) {
        let count = scalars.count
        if count == clusterStart + 1, let composite = CanonicalComposer.compose(scalars[clusterStart], mark) {
            scalars[clusterStart] = composite
            return
        }
        scalars.append(mark)
        guard clusterStart < scalars.count else { return }
        let normalized = CanonicalComposer.normalize(scalars[clusterStart...])
        scalars.replaceSubrange(clusterStart..., with: normalized)
    }

    /// Applies a VNI mark byte to the letter just before it: a circumflex to a e o, a breve to a,
    /// a tone to any vowel without one. False (the byte then stands for its own glyph) when the
    /// previous scalar is not such a letter.
    private mutating func applyVNIMark(_ entry: UInt32) -> Bool {
        guard let last = scalars.last, clusterStart == scalars.count - 1 else { return false }
        let mark = (entry >> LegacyEncoding.vniMarkShift) & 3
        let tone = (entry >> LegacyEncoding.vniToneShift) & 7
        var letter = last
        if mark != 0 {
            switch (mark, letter | 0x20) {
            case (1, 0x61), (1, 0x65), (1, 0x6F): letter = CanonicalComposer.compose(letter, 0x302)!
            case (2, 0x61): letter = CanonicalComposer.compose(letter, 0x306)!
            default: return false
            }
        }
        if tone != 0 {
            guard Self.isUntonedVowel(letter) else { return false }
            let toneMark: UInt32
            switch tone {
            case 1: toneMark = 0x300
            case 2: toneMark = 0x301
            case 3: toneMark = 0x309
            case 4: toneMark = 0x303
            default: toneMark = 0x323
            }
            if let composite = CanonicalComposer.compose(letter, toneMark) {
                letter = composite
            } else {
                // ậ ặ ệ ộ compose as ạ ẹ ọ + the vowel mark (the dot below sorts first).
                let normalized = CanonicalComposer.normalize([letter, toneMark])
                guard normalized.count == 1 else { return false }
                letter = normalized[0]
            }
        }
        scalars[scalars.count - 1] = letter
        return true
    }

    /// a ă â e ê i o ô ơ u ư y in either case, without a tone.
    static func isUntonedVowel(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x41, 0x45, 0x49, 0x4F, 0x55, 0x59, 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79,
            0xC2, 0xCA, 0xD4, 0xE2, 0xEA, 0xF4, 0x102, 0x103, 0x1A0, 0x1A1, 0x1AF, 0x1B0:
            return true
        default:
            return false
        }
    }

    var string: String { Self.string(scalars) }

    static func string(_ scalars: some Collection<UInt32>) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(scalars.count + scalars.count / 2)
        for value in scalars {
            switch value {
            case ..<0x80:
                utf8.append(UInt8(value))
            case ..<0x800:
                utf8.append(UInt8(0xC0 | value >> 6))
                utf8.append(UInt8(0x80 | value & 0x3F))
            case ..<0x10000:
                utf8.append(UInt8(0xE0 | value >> 12))
                utf8.append(UInt8(0x80 | (value >> 6) & 0x3F))
                utf8.append(UInt8(0x80 | value & 0x3F))
            default:
                utf8.append(UInt8(0xF0 | value >> 18))
                utf8.append(UInt8(0x80 | (value >> 12) & 0x3F))
                utf8.append(UInt8(0x80 | (value >> 6) & 0x3F))
                utf8.append(UInt8(0x80 | value & 0x3F))
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}
