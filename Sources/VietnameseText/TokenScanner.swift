/// The single pass over the bytes behind `VietnameseAnalyzer`. Kept as a struct of locals and
/// raw buffers so the hot loop works on registers and pointers rather than on arrays: per-token
/// `Array.append` and enum conversions cost more than the scanning itself.
struct TokenScanner {
    let input: UnsafePointer<UInt8>
    let count: Int
    let info: UnsafePointer<UInt32>
    let letterBytes: UnsafePointer<UInt32>
    let table: ScalarTable

    /// Packed `VietnameseLetter`s of the current token (0 for a non-Vietnamese letter).
    let letters: UnsafeMutablePointer<UInt16>
    var letterCount = 0
    var tokenStart = -1
    var tokenEnd = 0
    /// The token needs the general Unicode path (non-Vietnamese letters or marks).
    var generic = false
    var hasDiacritics = false
    /// Counted while scanning, so finishing a token need not walk its letters again.
    var vowelCount = 0
    var toneCount = 0
    /// The tone bits of the token's letters, OR-ed (the tone itself when `toneCount == 1`).
    var toneBits: UInt16 = 0

    /// Output: the `TokenList`'s storage, written in place.
    let keys: UnsafeMutablePointer<UInt8>
    let keyCapacity: Int
    var keyCount = 0
    let entries: UnsafeMutablePointer<TokenList.Entry>
    var entryCount = 0

    // Capacity invariant, so the per-token path checks nothing: a Vietnamese token needs at most
    // 5 key bytes per input byte (folded 1 + separator + accent ≤ 3 per letter, plus slack for
    // 4-byte stores); the general path at most 1 folded + 1 + 1.5 accent per byte (lowercasing
    // İ is the one expansion), and it checks anyway. Tokens are at most one per 2 input bytes
    // plus one per `maxTokenLetters` split.
    static func keyCapacity(forInput count: Int) -> Int { count * 5 + 64 }
    static func entryCapacity(forInput count: Int) -> Int { count / 2 + count / 128 + 8 }

    init(
        input: UnsafePointer<UInt8>, count: Int, info: UnsafePointer<UInt32>, letterBytes: UnsafePointer<UInt32>,
        table: ScalarTable, letters: UnsafeMutablePointer<UInt16>, keys: UnsafeMutablePointer<UInt8>, keyCapacity: Int,
        entries: UnsafeMutablePointer<TokenList.Entry>
    ) {
        self.input = input
        self.count = count
        self.info = info
        self.letterBytes = letterBytes
        self.table = table
        self.letters = letters
        self.keys = keys
        self.keyCapacity = keyCapacity
        self.entries = entries
    }

    mutating func run() {
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
                entry = scalar < limit ? info[Int(scalar)] : (scalar == UInt32.max ? 0 : ScalarTable.slowInfo(scalar))
            }
            if entry & 7 == 1 {
                // A run of ASCII alphanumerics and precomposed Vietnamese letters: the common
                // case, kept in one tight loop.
                if tokenStart < 0 { tokenStart = i }
                var j = i
                var diacritics: UInt16 = 0
                repeat {
                    if letterCount == VietnameseAnalyzer.maxTokenLetters {
                        if diacritics & (VietnameseLetter.markMask | VietnameseLetter.toneMask) != 0 { hasDiacritics = true }
                        diacritics = 0
                        // The last letter ends here, unless it came before this run (a joiner
                        // between them is not part of either token).
                        if j > i { tokenEnd = j }
                        finishToken()
                        tokenStart = j
                    }
                    let packed = UInt16(truncatingIfNeeded: entry >> 8)
                    letters[letterCount] = packed
                    // The folded key is written as the letters arrive (its place is free).
                    keys[keyCount &+ letterCount] = UInt8(truncatingIfNeeded: packed & VietnameseLetter.baseMask)
                    diacritics |= packed
                    vowelCount &+= Int(packed >> 13)
                    let tone = packed & VietnameseLetter.toneMask
                    toneCount &+= tone != 0 ? 1 : 0
                    toneBits |= tone
                    letterCount &+= 1
                    j &+= length
                    guard j < n else { break }
                    let b = input[j]
                    if b < 0x80 {
                        entry = info[Int(b)]
                        length = 1
                    } else {
                        let (scalar, scalarLength) = decode(at: j, lead: b)
                        length = scalarLength
                        entry = scalar < limit ? info[Int(scalar)] : (scalar == UInt32.max ? 0 : ScalarTable.slowInfo(scalar))
                    }
                } while entry & 7 == 1
                if diacritics & (VietnameseLetter.markMask | VietnameseLetter.toneMask) != 0 { hasDiacritics = true }
                tokenEnd = j
                i = j
                if j >= n { break }
                // `entry` and `length` now describe the scalar at `j`, which ended the run.
            }
            switch entry & 7 {
            case 2:  // combining Vietnamese mark: belongs to the previous letter
                if tokenStart >= 0 {
                    applyMark(UInt16(truncatingIfNeeded: entry >> 8))
                    tokenEnd = i + length
                }
            case 4:  // other letter
                if letterCount == VietnameseAnalyzer.maxTokenLetters { finishToken() }
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
                if tokenStart >= 0 { finishToken() }
            }
            i += length
        }
        if tokenStart >= 0 { finishToken() }
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
    mutating func applyMark(_ mark: UInt16) {
        hasDiacritics = true
        guard letterCount > 0, !generic else {
            generic = true
            return
        }
        let letter = letters[letterCount - 1]
        // A mark carries either a vowel mark or a tone; the letter must not have that kind yet.
        let kindMask = mark & VietnameseLetter.markMask != 0 ? VietnameseLetter.markMask : VietnameseLetter.toneMask
        let marked = letter | mark
        if letter & kindMask != 0 || letterBytes[Int(marked)] == 0 { generic = true }
        letters[letterCount - 1] = marked
        if mark & VietnameseLetter.toneMask != 0 {
            toneCount += 1
            toneBits |= mark & VietnameseLetter.toneMask
        }
    }

    mutating func finishToken() {
        // No capacity checks here: see the invariant in `init`.
        if generic {
            appendGenericKeys()
        } else {
            appendVietnameseKeys()
        }
        letterCount = 0
        tokenStart = -1
        generic = false
        hasDiacritics = false
        vowelCount = 0
        toneCount = 0
        toneBits = 0
    }

    @inline(__always)
    mutating func appendEntry(foldedStart: Int, accentStart: Int, accentEnd: Int) {
        entries[entryCount] = TokenList.Entry(
            start: UInt32(truncatingIfNeeded: tokenStart),
            endAndFlag: UInt32(truncatingIfNeeded: tokenEnd) | (hasDiacritics ? TokenList.Entry.diacriticsFlag : 0),
            foldedStart: UInt32(truncatingIfNeeded: foldedStart),
            accentStart: UInt32(truncatingIfNeeded: accentStart),
            accentEnd: UInt32(truncatingIfNeeded: accentEnd))
        entryCount += 1
    }

    /// Keys of a token made only of ASCII alphanumerics and Vietnamese letters.
    @inline(__always)
    mutating func appendVietnameseKeys() {
        let n = letterCount
        let foldedStart = keyCount
        let out = keys + foldedStart
        // The scan wrote the folded bytes and counted vowels and tones.
        let vowels = vowelCount
        let toneCount = self.toneCount
        let tone = toneBits
        out[n] = TokenList.keySeparator
        keyCount &+= n &+ 1

        // Only a lone final i/y after a consonant or qu can be an i/y variant (kỹ, quy).
        let last = out[n - 1]
        let iyCandidate =
            n >= 2 && n <= 4 && (last == UInt8(ascii: "i") || last == UInt8(ascii: "y"))
            && (letters[n - 2] & VietnameseLetter.vowelBit == 0
                || (n == 3 && out[0] == UInt8(ascii: "q") && out[1] == UInt8(ascii: "u")))
        if !iyCandidate {
            if !hasDiacritics {
                // Plain ASCII: both keys are the lowercase letters.
                appendEntry(foldedStart: foldedStart, accentStart: keyCount, accentEnd: 0)
                return
            }
            if toneCount == 0 || (toneCount == 1 && vowels == 1) {
                // Nothing to move: no tone, or the tone is on the only vowel.
                appendAccentKey(foldedStart: foldedStart)
                return
            }
        }

        let syllable = Syllable.parse(letters, count: n)
        let iyIndex = syllable?.iyVariantIndex(letters) ?? -1
        if iyIndex >= 0 { out[iyIndex] = UInt8(ascii: "i") }
        let unifyIY = iyIndex >= 0 && (tone != 0 || syllable!.isQu)
        if !hasDiacritics && (iyIndex < 0 || unifyIY || letters[iyIndex] & 0x7F == UInt16(UInt8(ascii: "i"))) {
            // Accent key equals the folded key (lowercase ASCII, same i/y choice).
            appendEntry(foldedStart: foldedStart, accentStart: keyCount, accentEnd: 0)
            return
        }

        // Accent key: move a single tone to its canonical vowel when the token is a syllable;
        // otherwise keep each mark where it was.
        if toneCount == 1, let syllable {
            for index in 0..<n { letters[index] &= ~VietnameseLetter.toneMask }
            letters[syllable.tonePosition(letters)] |= tone
        }
        if unifyIY {
            letters[iyIndex] = (letters[iyIndex] & ~VietnameseLetter.baseMask) | UInt16(UInt8(ascii: "i"))
        }
        appendAccentKey(foldedStart: foldedStart)
    }

    /// Composes the current letters (lowercase NFC) as the accent key and appends the entry.
    @inline(__always)
    mutating func appendAccentKey(foldedStart: Int) {
        let accentStart = keyCount
        var length = accentStart
        for index in 0..<letterCount {
            let packed = letterBytes[Int(letters[index])]
            // Store all 3 bytes and advance by the real length (the buffer has slack).
            UnsafeMutableRawPointer(keys + length).storeBytes(of: packed.littleEndian, as: UInt32.self)
            length &+= Int(packed >> 24)
        }
        keyCount = length
        appendEntry(foldedStart: foldedStart, accentStart: accentStart, accentEnd: length)
    }

    /// Keys of any other token, through `GenericKeys` (allocates; rare in Vietnamese text).
    mutating func appendGenericKeys() {
        let generic = GenericKeys(
            table: table, bytes: UnsafeBufferPointer(start: input + tokenStart, count: tokenEnd - tokenStart))
        // Precomposed letters such as ñ carry marks too (as their NFD form shows).
        if generic.hasMarks { hasDiacritics = true }
        let needed = generic.folded.count + 1 + generic.accent.count
        // Never reached by real text (see the invariant); drop the token rather than overrun.
        guard keyCount + needed + 5 * (count - tokenEnd) + 8 <= keyCapacity else { return }
        let foldedStart = keyCount
        for byte in generic.folded {
            keys[keyCount] = byte
            keyCount += 1
        }
        unifyFoldedIY(from: foldedStart)
        keys[keyCount] = TokenList.keySeparator
        keyCount += 1
        if generic.accent == generic.folded {
            appendEntry(foldedStart: foldedStart, accentStart: keyCount, accentEnd: 0)
            return
        }
        let accentStart = keyCount
        for byte in generic.accent {
            keys[keyCount] = byte
            keyCount += 1
        }
        appendEntry(foldedStart: foldedStart, accentStart: accentStart, accentEnd: keyCount)
    }

    /// A folded key that spells a Vietnamese syllable gets the same i/y unification as one the
    /// Vietnamese path made (`ñỹ` folds to `ni`, as `ny` does), so keys are stable when analysed
    /// again: queries are built from keys.
    mutating func unifyFoldedIY(from start: Int) {
        let n = keyCount - start
        guard n >= 2, n <= Syllable.maxLetters else { return }
        for index in 0..<n {
            let byte = keys[start + index]
            guard byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") else { return }
            letters[index] = UInt16(byte) | (VietnameseLetter.isVowel(byte) ? VietnameseLetter.vowelBit : 0)
        }
        guard let syllable = Syllable.parse(letters, count: n) else { return }
        let index = syllable.iyVariantIndex(letters)
        if index >= 0 { keys[start + index] = UInt8(ascii: "i") }
    }
}
