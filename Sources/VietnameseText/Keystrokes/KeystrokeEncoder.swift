/// Writes Vietnamese text as the keys a person types in Telex or VNI when no input method turns
/// them into letters: `tiếng` → `tieengs` (tone key at the end of the word) or `tieesng` (right
/// after its vowel); `việt` → `vie65t` / `vie6t5`. Each letter's mark follows it (`ư` → `uw`,
/// `đ` → `dd`), capitals are kept (`Việt` → `Vieetj`), and anything that is not a Vietnamese
/// letter passes through. The inverse of `KeystrokeDecoder`, for tests and for building test
/// queries.
public enum KeystrokeEncoder {
    /// Where the tone key goes.
    public enum TonePlace: Sendable, Hashable, CaseIterable {
        /// After the whole word: `tieengs`.
        case endOfWord
        /// Right after the vowel that carries the tone: `tieesng`.
        case afterVowel
    }

    /// `text` typed with `method`, word by word.
    public static func encode(_ text: String, method: KeystrokeMethod, tone place: TonePlace) -> String {
        var out = ""
        var pendingTone: UInt8?
        // NFC first: a decomposed letter's marks then arrive with it.
        let composed = CanonicalComposer.normalize(text.unicodeScalars.map(\.value)[...]).compactMap(Unicode.Scalar.init)
        for scalar in composed {
            guard let letter = decomposed(scalar.value) else {
                if let key = pendingTone { out.unicodeScalars.append(Unicode.Scalar(key)) }
                pendingTone = nil
                out.unicodeScalars.append(scalar)
                continue
            }
            out += keys(letter, method: method)
            if letter.tone != .ngang {
                let key = toneKey(letter.tone, method: method)
                if place == .afterVowel { out.unicodeScalars.append(Unicode.Scalar(key)) } else { pendingTone = key }
            }
        }
        if let key = pendingTone { out.unicodeScalars.append(Unicode.Scalar(key)) }
        return out
    }

    private struct Letter {
        var base: UInt32
        var mark: VowelMark
        var tone: Tone
    }

    /// A letter's base, vowel mark and tone; nil for anything but a Latin letter.
    private static func decomposed(_ scalar: UInt32) -> Letter? {
        if scalar == 0x111 || scalar == 0x110 { return Letter(base: scalar == 0x111 ? 0x64 : 0x44, mark: .stroke, tone: .ngang) }
        var parts: [UInt32] = []
        CanonicalComposer.appendFullDecomposition(of: scalar, to: &parts)
        guard let base = parts.first, (0x41...0x5A).contains(base) || (0x61...0x7A).contains(base) else { return nil }
        var letter = Letter(base: base, mark: .none, tone: .ngang)
        for mark in parts.dropFirst() {
            switch mark {
            case 0x302: letter.mark = .circumflex
            case 0x306: letter.mark = .breve
            case 0x31B: letter.mark = .horn
            default:
                guard let index = VietnameseSpelling.toneMarks.firstIndex(of: mark) else { return nil }
                letter.tone = Tone(rawValue: UInt8(index + 1))!
            }
        }
        return letter
    }

    private static func keys(_ letter: Letter, method: KeystrokeMethod) -> String {
        let base = Character(Unicode.Scalar(letter.base)!)
        switch (letter.mark, method) {
        case (.none, _): return String(base)
        case (.circumflex, .telex): return String(base) + String(base)
        case (.breve, .telex), (.horn, .telex): return String(base) + "w"
        case (.stroke, .telex): return String(base) + String(base)
        case (.circumflex, .vni): return String(base) + "6"
        case (.horn, .vni): return String(base) + "7"
        case (.breve, .vni): return String(base) + "8"
        case (.stroke, .vni): return String(base) + "9"
        }
    }

    private static func toneKey(_ tone: Tone, method: KeystrokeMethod) -> UInt8 {
        switch method {
        case .telex: return Array("zfsrxj".utf8)[Int(tone.rawValue)]
        case .vni: return Array("021345".utf8)[Int(tone.rawValue)]
        }
    }
}
