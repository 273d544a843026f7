/// What a word with one typo (a letter left out, one too many, one wrong, two swapped) may have
/// been meant as, for a search that knows which syllables exist (its index's statistics).
///
/// Vietnamese tones and vowel marks make different words (`chó` dog, `chò` and `chòe` birds), so
/// a mark is never "corrected" into another: a candidate keeps the typed tone (unless the typo
/// took the toned letter away), and a valid syllable is never re-marked (`chó` never becomes
/// `chò` or `cho`). Only a spelling that is no syllable may differ from the meant one in a mark
/// alone (`ngưoi` → `người`).
public enum TypoCandidates {
    /// The folded spellings one edit away from `folded` (lowercase ASCII) that could be
    /// syllables, and `folded` itself when it could: a typo in a mark keeps the folded spelling
    /// (`ngưoi` → `người`, both `nguoi`). Look these up, then check each form found with
    /// `isOneTypo`.
    public static func foldedNeighbours(of folded: String) -> [String] {
        let letters = Array(folded.utf8)
        guard !letters.isEmpty, letters.count <= 8, letters.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else {
            return []
        }
        var seen = Set<[UInt8]>()
        var results: [String] = []
        func consider(_ candidate: [UInt8]) {
            guard seen.insert(candidate).inserted else { return }
            let text = String(decoding: candidate, as: UTF8.self)
            if SyllableSpelling.isValidFolded(text) { results.append(text) }
        }
        consider(letters)
        for index in letters.indices {
            var deleted = letters
            deleted.remove(at: index)
            consider(deleted)
            if index + 1 < letters.count {
                var swapped = letters
                swapped.swapAt(index, index + 1)
                consider(swapped)
            }
        }
        for letter in UInt8(ascii: "a")...UInt8(ascii: "z") {
            for index in letters.indices where letters[index] != letter {
                var substituted = letters
                substituted[index] = letter
                consider(substituted)
            }
            for index in 0...letters.count {
                var inserted = letters
                inserted.insert(letter, at: index)
                consider(inserted)
            }
        }
        return results
    }

    /// Whether `meant` (a syllable, any case or normalization) becomes `typed` through one typo
    /// that leaves its marks alone: one letter (with its marks) left out, added, replaced, or two
    /// neighbours swapped. The tone typed must be the meant one, or none (the typo took the
    /// toned letter); and when `typed` is itself a valid syllable, the replaced letter must be
    /// another letter, not the same one with another mark (`chó` → `chò`, `ngươi` → `người`
    /// never).
    public static func isOneTypo(typed: String, meant: String) -> Bool {
        guard let typedCodes = SyllableSpelling.letterCodes(typed), let meantCodes = SyllableSpelling.letterCodes(meant),
            let typedTone = tone(of: typedCodes), let meantTone = tone(of: meantCodes)
        else { return false }
        let a = typedCodes.map { $0 & 0xFF }
        let b = meantCodes.map { $0 & 0xFF }
        let edit: Edit?
        if typedTone == meantTone {
            edit = singleEdit(a, b)
        } else if typedTone == 0, let toned = meantCodes.firstIndex(where: { $0 >> 8 != 0 }) {
            // The tone went with its letter: left out, or replaced.
            var without = b
            without.remove(at: toned)
            if a == without {
                edit = .other
            } else if a.count == b.count, a.indices.allSatisfy({ $0 == toned || a[$0] == b[$0] }) {
                edit = .substitution(toned)
            } else {
                edit = nil
            }
        } else {
            edit = nil
        }
        guard let edit else { return false }
        if case .substitution(let index) = edit, folded(a[index]) == folded(b[index]), SyllableSpelling.isValid(typed) {
            return false
        }
        return true
    }

    private enum Edit: Equatable {
        case substitution(Int)
        case other
    }

    /// The one edit that turns `a` into `b`; nil when they are equal or further apart.
    private static func singleEdit(_ a: [UInt16], _ b: [UInt16]) -> Edit? {
        if a.count == b.count {
            let differences = a.indices.filter { a[$0] != b[$0] }
            if differences.count == 1 { return .substitution(differences[0]) }
            if differences.count == 2, differences[1] == differences[0] + 1, a[differences[0]] == b[differences[1]],
                a[differences[1]] == b[differences[0]]
            {
                return .other
            }
            return nil
        }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        guard long.count == short.count + 1 else { return nil }
        var index = 0
        while index < short.count, short[index] == long[index] { index += 1 }
        return short[index...] == long[(index + 1)...] ? .other : nil
    }

    /// The word's one tone (0: none); nil when letters carry two.
    private static func tone(of codes: [UInt16]) -> UInt16? {
        let tones = codes.map { $0 >> 8 }.filter { $0 != 0 }
        guard tones.count <= 1 else { return nil }
        return tones.first ?? 0
    }

    /// A letter code without its vowel mark: the vowel's plain letter, `d` for `đ`.
    private static func folded(_ code: UInt16) -> UInt16 {
        if code == 1 { return UInt16(UInt8(ascii: "d")) }
        guard code & 0x80 != 0 else { return code }
        return 0x80 | UInt16([0, 0, 0, 3, 3, 5, 6, 6, 6, 9, 9, 11][Int(code & 0x7F)])
    }
}
