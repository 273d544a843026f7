/// The two ways Vietnamese is typed on a keyboard without its letters.
public enum KeystrokeMethod: Sendable, Hashable, CaseIterable {
    /// Letters as keys: `aa ee oo` → â ê ô, `w` → ă ơ ư (`uow` → ươ), `dd` → đ, tones
    /// `s f r x j` (sắc huyền hỏi ngã nặng), `z` clears: `tieengs` → tiếng.
    case telex
    /// Digits as keys: `1`–`5` sắc huyền hỏi ngã nặng, `6` â ê ô, `7` ơ ư, `8` ă, `9` đ, `0`
    /// clears: `vie65t` → việt.
    case vni
}

/// Reads a word typed in Telex or VNI with no input method running (a machine without a
/// Vietnamese keyboard, a terminal, the input method switched off) as the syllable it spells.
///
/// Marks and tones may be typed right after their vowel or at the end of the word; capitals are
/// kept (`Chaats` → Chất, `VIEETJ` → VIỆT). Where keys allow more than one reading (`dduowcj`:
/// được or đuợc; `xoongf`: xồng or xoòng), every reading that spells a valid
/// Vietnamese syllable is returned, for the caller to choose among with what it knows (an
/// index's statistics). A word with nothing to decode, or that decodes to no valid syllable
/// (`2016`, `Obama`, `cos2`), gives none.
public enum KeystrokeDecoder {
    /// The valid syllables `word` can spell with `method`, most direct reading first.
    public static func decode(_ word: String, method: KeystrokeMethod) -> [String] {
        var states = [TypedSyllable()]
        for scalar in word.unicodeScalars {
            // Longer than any syllable's keys (`nghieengx` is 9): not a typed syllable.
            guard scalar.isASCII, word.unicodeScalars.count <= 12 else { return [] }
            let key = UInt8(scalar.value)
            let next: [TypedSyllable]?
            switch method {
            case .telex: next = telex(key, states)
            case .vni: next = vni(key, states)
            }
            guard let next, !next.isEmpty else { return [] }
            // Distinct states only: two keys can reach the same letters.
            var seen = Set<TypedSyllable>()
            states = next.filter { seen.insert($0).inserted }
        }
        var results: [String] = []
        for state in states where state.changed {
            let scalars = state.scalars
            let codes = scalars.compactMap(VietnameseSpelling.letterCode)
            guard codes.count == scalars.count, VietnameseSpelling.isSyllable(codes, closed: true) else { continue }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars.compactMap(Unicode.Scalar.init))
            if text != word, !results.contains(text) { results.append(text) }
        }
        return results
    }

    /// Decodes with the method the word's keys say: VNI when it has a digit, Telex otherwise.
    public static func decode(_ word: String) -> [String] {
        decode(word, method: word.unicodeScalars.contains { ("0"..."9").contains($0) } ? .vni : .telex)
    }

    private static func isLetter(_ key: UInt8) -> Bool { (key | 0x20) >= UInt8(ascii: "a") && (key | 0x20) <= UInt8(ascii: "z") }

    /// The states after one Telex key; nil when the key cannot be part of a typed word.
    private static func telex(_ key: UInt8, _ states: [TypedSyllable]) -> [TypedSyllable]? {
        guard isLetter(key) else { return nil }
        let lower = key | 0x20
        return states.flatMap { state -> [TypedSyllable] in
            var literal = state
            literal.append(key)
            switch lower {
            case UInt8(ascii: "d"):
                return [state.stroked() ?? literal]
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "o"):
                return circumflexed(state, base: lower) + [literal]
            case UInt8(ascii: "w"):
                guard state.hasVowel else {
                    // `w` alone is ư (`w`, `nhw` → như).
                    var vowel = literal
                    vowel.letters[vowel.letters.count - 1] = .init(base: UInt8(ascii: "u"), isUpper: key != lower, mark: .horn)
                    vowel.changed = true
                    return [vowel]
                }
                let marked = state.horned() + state.marking(.breve, bases: [UInt8(ascii: "a")])
                return marked.isEmpty ? [literal] : marked
            default:
                if let tone = telexTone(lower), state.hasVowel {
                    var toned = state
                    toned.setTone(tone, key: key)
                    return [toned]
                }
                return [literal]
            }
        }
    }

    /// A doubled vowel key (`aa`, `ee`, `oo`): the circumflex on the vowel typed just before, or
    /// after the final consonants on the nucleus's one vowel of that letter (`tienge`).
    private static func circumflexed(_ state: TypedSyllable, base: UInt8) -> [TypedSyllable] {
        guard let nucleus = state.nucleus, !nucleus.isEmpty else { return [] }
        let last = state.letters.count - 1
        let candidates = nucleus.filter { state.letters[$0].base == base && state.letters[$0].mark == .none }
        let target: Int?
        if nucleus.upperBound == state.letters.count {
            target = candidates.last == last ? last : nil
        } else {
            target = candidates.count == 1 ? candidates[0] : nil
        }
        guard let target else { return [] }
        var next = state
        next.letters[target].mark = .circumflex
        next.changed = true
        return [next]
    }

    private static func telexTone(_ lower: UInt8) -> Tone? {
        switch lower {
        case UInt8(ascii: "s"): return .sac
        case UInt8(ascii: "f"): return .huyen
        case UInt8(ascii: "r"): return .hoi
        case UInt8(ascii: "x"): return .nga
        case UInt8(ascii: "j"): return .nang
        case UInt8(ascii: "z"): return .ngang
        default: return nil
        }
    }

    /// The states after one VNI key; nil when the key cannot be part of a typed word.
    private static func vni(_ key: UInt8, _ states: [TypedSyllable]) -> [TypedSyllable]? {
        if isLetter(key) {
            return states.map { state in
                var next = state
                next.append(key)
                return next
            }
        }
        guard key >= UInt8(ascii: "0"), key <= UInt8(ascii: "9") else { return nil }
        let digit = key - UInt8(ascii: "0")
        return states.flatMap { state -> [TypedSyllable] in
            switch digit {
            case 0...5:
                // A tone digit before any vowel is a digit: `2016` is no typed word.
                guard state.hasVowel else { return [] }
                var toned = state
                toned.setTone(Tone(rawValue: [0, 2, 1, 3, 4, 5][Int(digit)])!, key: key)
                return [toned]
            case 6:
                return state.marking(.circumflex, bases: [UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "o")])
            case 7:
                return state.horned()
            case 8:
                return state.marking(.breve, bases: [UInt8(ascii: "a")])
            default:
                return state.stroked().map { [$0] } ?? []
            }
        }
    }
}
