/// A word being replayed key by key as an input method would have turned it into letters: the
/// letters so far (each with its case and vowel mark) and the syllable's tone.
///
/// Keys act on the *nucleus* (the vowels after the onset, the `u` of `qu` and the `i` of `gi`
/// belonging to the onset), wherever they are typed: right after the vowel (`tieesng`) or at the
/// end of the word (`tieengs`), as input methods in their free-marking mode accept.
struct TypedSyllable: Hashable {
    struct Letter: Hashable {
        /// Lowercase ASCII.
        var base: UInt8
        var isUpper: Bool
        var mark: VowelMark
    }

    var letters: [Letter] = []
    var tone: Tone = .ngang
    /// The key that set the tone: pressed again, it takes the tone back and types itself.
    var toneKey: UInt8 = 0
    /// A key acted as a mark or tone (otherwise there is nothing to decode).
    var changed = false

    static func isVowel(_ base: UInt8) -> Bool {
        switch base {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"), UInt8(ascii: "y"):
            return true
        default: return false
        }
    }

    var hasVowel: Bool { letters.contains { Self.isVowel($0.base) } }

    /// Indices of the nucleus vowels, nil before the first vowel.
    var nucleus: Range<Int>? {
        guard var start = letters.firstIndex(where: { Self.isVowel($0.base) }) else { return nil }
        let next = start + 1
        let followedByVowel = next < letters.count && Self.isVowel(letters[next].base)
        if start == 1, letters[0].base == UInt8(ascii: "q"), letters[1].base == UInt8(ascii: "u"), followedByVowel {
            start = next
        } else if start == 1, letters[0].base == UInt8(ascii: "g"), letters[1].base == UInt8(ascii: "i"), followedByVowel {
            start = next
        }
        var end = start
        while end < letters.count, Self.isVowel(letters[end].base) { end += 1 }
        return start..<end
    }

    mutating func append(_ key: UInt8) {
        let lower = key | 0x20
        letters.append(Letter(base: lower, isUpper: key != lower, mark: .none))
    }

    /// Sets the tone from a tone key; the same key twice takes it back and types the key itself.
    mutating func setTone(_ tone: Tone, key: UInt8) {
        let lower = key | 0x20
        if toneKey == lower && self.tone == tone && tone != .ngang {
            self.tone = .ngang
            toneKey = 0
            append(key)
            return
        }
        self.tone = tone
        toneKey = lower
        changed = true
    }

    /// `đ` from the onset `d`: the key right after it (`dd`, `d9`) or anywhere after a vowel
    /// (`did`), since no Vietnamese syllable ends in d. Nil when there is no such `d`.
    func stroked() -> TypedSyllable? {
        guard let first = letters.first, first.base == UInt8(ascii: "d"), first.mark == .none,
            letters.count == 1 || hasVowel
        else { return nil }
        var next = self
        next.letters[0].mark = .stroke
        next.changed = true
        return next
    }

    /// Every way `mark` can apply to one vowel of the nucleus whose base is in `bases`.
    func marking(_ mark: VowelMark, bases: [UInt8]) -> [TypedSyllable] {
        guard let nucleus else { return [] }
        return nucleus.compactMap { index in
            guard letters[index].mark == .none, bases.contains(letters[index].base) else { return nil }
            var next = self
            next.letters[index].mark = mark
            next.changed = true
            return next
        }
    }

    /// The horn key: `uo` takes it on both vowels (`ươ`, one key: `nguowif`) or on the `o`
    /// alone (`uơ`: thuở, huơ); otherwise a single `u` or `o` takes it.
    func horned() -> [TypedSyllable] {
        var results: [TypedSyllable] = []
        if let nucleus {
            for index in nucleus.dropLast()
            where letters[index].base == UInt8(ascii: "u") && letters[index + 1].base == UInt8(ascii: "o")
                && letters[index + 1].mark == .none && letters[index].mark != .circumflex
            {
                var both = self
                both.letters[index].mark = .horn
                both.letters[index + 1].mark = .horn
                both.changed = true
                results.append(both)
            }
        }
        return results + marking(.horn, bases: [UInt8(ascii: "u"), UInt8(ascii: "o")])
    }

    /// The letters as NFC scalars, the tone on the vowel Vietnamese spelling puts it on (the
    /// traditional placement, as the analyzer's accent key).
    var scalars: [UInt32] {
        var out: [UInt32] = []
        let tonePlace = tonePosition
        for (index, letter) in letters.enumerated() {
            if letter.mark == .stroke {
                out.append(letter.isUpper ? 0x110 : 0x111)
                continue
            }
            out.append(UInt32(letter.isUpper ? letter.base - 0x20 : letter.base))
            switch letter.mark {
            case .circumflex: out.append(0x302)
            case .breve: out.append(0x306)
            case .horn: out.append(0x31B)
            case .none, .stroke: break
            }
            if index == tonePlace, tone != .ngang { out.append(VietnameseSpelling.toneMarks[Int(tone.rawValue) - 1]) }
        }
        return CanonicalComposer.normalize(out[...])
    }

    /// Where the tone mark goes: the last vowel with a vowel mark; else the last vowel before a
    /// final consonant; else the middle of three vowels or the first of two (hòa, thủy, mái).
    private var tonePosition: Int {
        guard let nucleus, !nucleus.isEmpty else { return -1 }
        if let marked = nucleus.last(where: { letters[$0].mark != .none }) { return marked }
        if nucleus.upperBound < letters.count { return nucleus.upperBound - 1 }
        return nucleus.count == 3 ? nucleus.lowerBound + 1 : nucleus.lowerBound
    }
}
