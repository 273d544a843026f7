/// The single pass over the bytes. Kept as a struct of locals so the hot loop works on registers
/// and raw pointers rather than on class fields and arrays.
struct TokenScanner: ~Copyable {
    let input: UnsafePointer<UInt8>
    let count: Int
    let info: UnsafePointer<UInt32>
    let letterBytes: UnsafePointer<UInt32>
    let table: ScalarTable

    /// Packed `VietnameseLetter`s of the current token (placeholders for other letters).
    let letters: UnsafeMutablePointer<UInt32>
    /// Where keys are assembled before being appended to the list.
    let scratch: UnsafeMutablePointer<UInt8>

    var letterCount = 0
    var tokenStart = -1
    var tokenEnd = 0
    /// The token needs the general Unicode path (non-Vietnamese letters or marks).
    var generic = false
    var hasDiacritics = false

    static let scratchSize = VietnameseAnalyzer.maxTokenLetters * 8 + 16

    init(
        input: UnsafePointer<UInt8>, count: Int, info: UnsafePointer<UInt32>, letterBytes: UnsafePointer<UInt32>,
        table: ScalarTable
    ) {
        self.input = input
        self.count = count
        self.info = info
        self.letterBytes = letterBytes
        self.table = table
        letters = .allocate(capacity: VietnameseAnalyzer.maxTokenLetters)
        scratch = .allocate(capacity: Self.scratchSize)
    }

    deinit {
        letters.deallocate()
        scratch.deallocate()
    }

    mutating func run(into list: inout TokenList) {
        var i = 0
        let n = count
        let limit = ScalarTable.tableLimit
        while i < n {
            let b0 = input[i]
            var entry: UInt32
            var length = 1
            if b0 < 0x80 {
                entry = info[Int(b0)]
            } else {
                let (scalar, scalarLength) = decode(at: i, lead: b0)
                length = scalarLength
                if scalar < limit {
                    entry = info[Int(scalar)]
                } else if scalar == UInt32.max {
                    entry = 0  // invalid UTF-8: a separator
                } else {
                    entry = ScalarTable.slowInfo(scalar)
                }
            }
            switch entry & 7 {
            case 1:  // Vietnamese letter or ASCII alphanumeric
                if letterCount == VietnameseAnalyzer.maxTokenLetters { finishToken(into: &list) }
                if tokenStart < 0 { tokenStart = i }
                let packed = entry >> 8
                letters[letterCount] = packed
                letterCount += 1
                if packed > 0xFF { hasDiacritics = true }
                tokenEnd = i + length
            case 2:  // combining Vietnamese mark: belongs to the previous letter
                if tokenStart >= 0 {
                    applyMark(entry >> 8)
                    tokenEnd = i + length
                }
            case 4:  // other letter
                if letterCount == VietnameseAnalyzer.maxTokenLetters { finishToken(into: &list) }
                if tokenStart < 0 { tokenStart = i }
                letters[letterCount] = 0
                letterCount += 1
                generic = true
                tokenEnd = i + length
            case 5:  // other combining mark
                if tokenStart >= 0 {
                    generic = true
                    hasDiacritics = true
                    tokenEnd = i + length
                }
            case 3:  // ignorable: neither splits nor counts
                break
            default:
                if tokenStart >= 0 { finishToken(into: &list) }
            }
            i += length
        }
        if tokenStart >= 0 { finishToken(into: &list) }
    }

    /// Decodes the scalar at `i` (lead byte ≥ 0x80). Returns `UInt32.max` and length 1 for
    /// invalid UTF-8 (bad lead, truncated, overlong, surrogate, beyond U+10FFFF).
    @inline(__always)
    func decode(at i: Int, lead b0: UInt8) -> (UInt32, Int) {
        let remaining = count - i
        if b0 < 0xC2 { return (UInt32.max, 1) }
        if b0 < 0xE0 {
            guard remaining >= 2 else { return (UInt32.max, 1) }
            let b1 = input[i + 1]
            guard b1 & 0xC0 == 0x80 else { return (UInt32.max, 1) }
            return (UInt32(b0 & 0x1F) << 6 | UInt32(b1 & 0x3F), 2)
        }
        if b0 < 0xF0 {
            guard remaining >= 3 else { return (UInt32.max, 1) }
            let b1 = input[i + 1]
            let b2 = input[i + 2]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return (UInt32.max, 1) }
            let scalar = UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
            guard scalar >= 0x800, !(0xD800...0xDFFF).contains(scalar) else { return (UInt32.max, 1) }
            return (scalar, 3)
        }
        guard b0 < 0xF5, remaining >= 4 else { return (UInt32.max, 1) }
        let b1 = input[i + 1]
        let b2 = input[i + 2]
        let b3 = input[i + 3]
        guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return (UInt32.max, 1) }
        let scalar =
            UInt32(b0 & 0x07) << 18 | UInt32(b1 & 0x3F) << 12 | UInt32(b2 & 0x3F) << 6 | UInt32(b3 & 0x3F)
        guard scalar >= 0x10000, scalar <= 0x10FFFF else { return (UInt32.max, 1) }
        return (scalar, 4)
    }

    /// Puts a combining tone or vowel mark on the previous letter. A second mark of the same kind,
    /// a mark on a letter Vietnamese does not mark, or a mark after a non-Vietnamese letter sends
    /// the token down the general path, which composes exactly what is there.
    @inline(__always)
    mutating func applyMark(_ packedMark: UInt32) {
        hasDiacritics = true
        guard letterCount > 0, !generic else {
            generic = true
            return
        }
        var letter = VietnameseLetter(packed: letters[letterCount - 1])
        let mark = VietnameseLetter(packed: packedMark)
        if mark.mark != .none {
            if letter.mark != .none { generic = true }
            letter.mark = mark.mark
        } else {
            if letter.tone != .ngang { generic = true }
            letter.tone = mark.tone
        }
        if letterBytes[letter.composeIndex] == 0 { generic = true }
        letters[letterCount - 1] = letter.packed
    }

    mutating func finishToken(into list: inout TokenList) {
        let foldedStart = list.keyBytes.count
        if generic {
            let keys = GenericKeys(table: table, bytes: UnsafeBufferPointer(start: input + tokenStart, count: tokenEnd - tokenStart))
            list.appendKeyBytes(keys.folded)
            let accentStart = list.keyBytes.count
            list.appendKeyBytes(keys.accent)
            list.appendToken(
                start: tokenStart, end: tokenEnd, foldedStart: foldedStart, accentStart: accentStart,
                hasDiacritics: hasDiacritics)
        } else {
            appendVietnameseKeys(into: &list, foldedStart: foldedStart)
        }
        letterCount = 0
        tokenStart = -1
        generic = false
        hasDiacritics = false
    }

    /// Keys of a token made only of ASCII alphanumerics and Vietnamese letters.
    @inline(__always)
    mutating func appendVietnameseKeys(into list: inout TokenList, foldedStart: Int) {
        let n = letterCount
        let syllable = Syllable.parse(letters, count: n)
        let iyIndex = syllable?.iyVariantIndex(letters) ?? -1

        // Folded key: the ASCII base letters.
        for index in 0..<n { scratch[index] = UInt8(truncatingIfNeeded: letters[index]) }
        if iyIndex >= 0 { scratch[iyIndex] = UInt8(ascii: "i") }
        list.appendKeyBytes(UnsafeBufferPointer(start: scratch, count: n))
        let accentStart = list.keyBytes.count

        var tone = Tone.ngang
        var toneCount = 0
        if hasDiacritics {
            for index in 0..<n {
                let t = VietnameseLetter(packed: letters[index]).tone
                if t != .ngang {
                    tone = t
                    toneCount += 1
                }
            }
        }
        let unifyIY = iyIndex >= 0 && (tone != .ngang || syllable!.isQu)
        if !hasDiacritics && !(iyIndex >= 0 && !unifyIY) {
            // Accent key equals the folded key (lowercase ASCII, same i/y choice).
            list.appendToken(
                start: tokenStart, end: tokenEnd, foldedStart: foldedStart, accentStart: accentStart,
                hasDiacritics: false)
            return
        }

        // Accent key: move a single tone to its canonical vowel when the token is a syllable;
        // otherwise keep each mark where it was.
        if toneCount == 1, let syllable {
            for index in 0..<n { letters[index] &= ~(UInt32(7) << 11) }
            let target = syllable.tonePosition(letters)
            letters[target] |= UInt32(tone.rawValue) << 11
        }
        if iyIndex >= 0, unifyIY {
            letters[iyIndex] = (letters[iyIndex] & ~0xFF) | UInt32(UInt8(ascii: "i"))
        }
        var length = 0
        for index in 0..<n {
            let packedUTF8 = letterBytes[VietnameseLetter(packed: letters[index]).composeIndex]
            let byteCount = Int(packedUTF8 >> 24)
            var bytes = packedUTF8
            for k in 0..<byteCount {
                scratch[length + k] = UInt8(truncatingIfNeeded: bytes)
                bytes >>= 8
            }
            length += byteCount
        }
        list.appendKeyBytes(UnsafeBufferPointer(start: scratch, count: length))
        list.appendToken(
            start: tokenStart, end: tokenEnd, foldedStart: foldedStart, accentStart: accentStart,
            hasDiacritics: hasDiacritics)
    }
}
