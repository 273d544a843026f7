/// How much of a decoded text is spelled like Vietnamese: the evidence `LegacyEncoding.detect`
/// weighs. A legacy file read with the wrong table turns its marked letters into symbols, Latin-1
/// letters or impossible vowel clusters, so the right table is the one under which the words with
/// non-ASCII letters form valid syllables.
///
/// The check is stricter than the analyzer's `Syllable` (which must accept every spelling that
/// occurs): at most one tone, a known vowel cluster, a known onset and coda, and the tones that a
/// stop coda (c ch p t) allows.
enum VietnameseSpelling {
    /// Words containing a non-ASCII scalar that are (`good`) or are not (`bad`) Vietnamese
    /// syllables. Words of ASCII letters say nothing about the encoding and are not counted.
    struct Evidence: Equatable {
        var good = 0
        var bad = 0

        /// A bad word counts double: wrong tables make garbage, right ones rarely do.
        var score: Int { good - 2 * bad }

        static func += (lhs: inout Evidence, rhs: Evidence) {
            lhs.good += rhs.good
            lhs.bad += rhs.bad
        }
    }

    static func evidence(_ scalars: some Collection<UInt32>) -> Evidence {
        var evidence = Evidence()
        var letters: [UInt16] = []
        letters.reserveCapacity(16)
        var nonASCII = false
        var lettersOnly = true

        func finish() {
            if nonASCII {
                if lettersOnly, isSyllable(letters) { evidence.good += 1 } else { evidence.bad += 1 }
            }
            letters.removeAll(keepingCapacity: true)
            nonASCII = false
            lettersOnly = true
        }

        for scalar in scalars {
            if isSeparator(scalar) {
                finish()
                continue
            }
            if scalar >= 0x80 { nonASCII = true }
            if let code = letterCode(scalar) {
                if letters.count < 16 { letters.append(code) }
            } else {
                lettersOnly = false
            }
        }
        finish()
        return evidence
    }

    /// Whitespace, ASCII punctuation and the punctuation real documents use in every encoding
    /// (no-break space, dashes, curly quotes, bullets, ellipsis, guillemets).
    @inline(__always)
    static func isSeparator(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 {
            switch scalar {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return false
            default: return true
            }
        }
        switch scalar {
        case 0x85, 0xA0, 0xAB, 0xBB, 0x2010...0x2027, 0x2030...0x203A: return true
        default: return false
        }
    }

    // MARK: Letters

    /// A letter as the spelling check sees it: bits 0–7 the ASCII consonant (đ = 1) or 0x80 + the
    /// vowel's index in `vowels`; bits 8–10 the tone (0 none, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng).
    /// Case is dropped. Nil for anything else (digits, symbols, other letters).
    @inline(__always)
    static func letterCode(_ scalar: UInt32) -> UInt16? {
        if scalar < 0x80 {
            let lower = scalar | 0x20
            guard (0x61...0x7A).contains(lower), scalar >= 0x41 else { return nil }
            if let index = asciiVowelIndex(lower) { return 0x80 | UInt16(index) }
            return UInt16(lower)
        }
        return nonASCIILetters[scalar]
    }

    private static func asciiVowelIndex(_ lower: UInt32) -> Int? {
        switch lower {
        case 0x61: return 0
        case 0x65: return 3
        case 0x69: return 5
        case 0x6F: return 6
        case 0x75: return 9
        case 0x79: return 11
        default: return nil
        }
    }

    /// The twelve vowels, lowercase: a ă â e ê i o ô ơ u ư y.
    static let vowels: [UInt32] = [0x61, 0x103, 0xE2, 0x65, 0xEA, 0x69, 0x6F, 0xF4, 0x1A1, 0x75, 0x1B0, 0x79]
    static let capitalVowels: [UInt32] = [0x41, 0x102, 0xC2, 0x45, 0xCA, 0x49, 0x4F, 0xD4, 0x1A0, 0x55, 0x1AF, 0x59]
    static let toneMarks: [UInt32] = [0x300, 0x301, 0x309, 0x303, 0x323]

    /// Every precomposed Vietnamese letter outside ASCII (both cases), built by composing the
    /// vowels with the tone marks.
    static let nonASCIILetters: [UInt32: UInt16] = {
        var letters: [UInt32: UInt16] = [0x111: 1, 0x110: 1]
        for list in [vowels, capitalVowels] {
            for (index, base) in list.enumerated() {
                let code = 0x80 | UInt16(index)
                if base >= 0x80 { letters[base] = code }
                for (tone, mark) in toneMarks.enumerated() {
                    // ậ ặ ệ ộ compose as ạ ẹ ọ + the vowel mark, so normalize rather than compose.
                    let composite = CanonicalComposer.normalize([base, mark])
                    if composite.count == 1 { letters[composite[0]] = code | UInt16(tone + 1) << 8 }
                }
            }
        }
        return letters
    }()

    // MARK: Syllables

    private static func vowelKey(_ indices: some Sequence<Int>) -> Int {
        indices.reduce(0) { $0 * 16 + $1 + 1 }
    }

    /// Vowel clusters Vietnamese writes (after the onsets gi and qu have taken their letter).
    static let nuclei: Set<Int> = {
        let clusters = """
            a ă â e ê i o ô ơ u ư y \
            ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê \
            iêu yêu oai oay oeo uây uôi ươi ươu uya uyê uyu
            """
        var keys = Set<Int>()
        for cluster in clusters.split(separator: " ") {
            let indices = cluster.unicodeScalars.map { scalar in vowels.firstIndex(of: scalar.value)! }
            keys.insert(vowelKey(indices))
        }
        return keys
    }()

    private static func key(_ letters: ArraySlice<UInt16>) -> UInt32 {
        letters.reduce(0) { $0 << 8 | UInt32($1 & 0xFF) }
    }

    private static func ascii(_ text: String) -> UInt32 {
        text.utf8.reduce(0) { $0 << 8 | UInt32($1) }
    }

    static let onsets: Set<UInt32> = Set(
        "b c d g h k l m n p q r s t v x ch gh gi kh ng nh ph qu th tr ngh".split(separator: " ").map { ascii(String($0)) }
            + [1])
    static let codas: Set<UInt32> = Set("c ch m n ng nh p t".split(separator: " ").map { ascii(String($0)) })
    static let stopCodas: Set<UInt32> = Set("c ch p t".split(separator: " ").map { ascii(String($0)) })

    /// The vowel clusters with their marks taken off (`ươ` → `uo`), for spellings typed or
    /// folded without them.
    static let foldedNuclei: Set<Int> = {
        // a ă â → a, e ê → e, o ô ơ → o, u ư → u (indices into `vowels`).
        let folded = [0, 0, 0, 3, 3, 5, 6, 6, 6, 9, 9, 11]
        var keys = Set<Int>()
        for key in nuclei {
            var digits: [Int] = []
            var rest = key
            while rest > 0 {
                digits.append(rest % 16 - 1)
                rest /= 16
            }
            keys.insert(vowelKey(digits.reversed().map { folded[$0] }))
        }
        return keys
    }()

    /// Vowel clusters never written at the end of a syllable: ă and â, and the diphthongs, take
    /// a final consonant (or, as the first part of `ây`, `iêu`, `ươi`…, are another cluster).
    static let closedNuclei: Set<Int> = Set(
        "ă â iê yê uô ươ uâ oă uyê".split(separator: " ").map { cluster in
            vowelKey(cluster.unicodeScalars.map { scalar in vowels.firstIndex(of: scalar.value)! })
        })

    /// Whether `letters` (codes from `letterCode`) spell one Vietnamese syllable. `folded`: the
    /// letters carry no marks or tones, and any syllable that would with them counts. `closed`:
    /// also refuse the clusters that need a final consonant without one (`câ`, `việ`), which
    /// no word has; legacy-encoding detection does not need that much.
    static func isSyllable(_ letters: [UInt16], folded: Bool = false, closed: Bool = false) -> Bool {
        let count = letters.count
        guard count > 0, count <= 7 else { return false }
        var tone: UInt16 = 0
        for letter in letters where letter >> 8 != 0 {
            guard tone == 0 else { return false }
            tone = letter >> 8
        }
        func isVowel(_ index: Int) -> Bool { letters[index] & 0x80 != 0 }
        func vowelIndex(_ index: Int) -> Int { Int(letters[index] & 0x7F) }

        var onsetEnd = 0
        while onsetEnd < count, !isVowel(onsetEnd) { onsetEnd += 1 }
        guard onsetEnd < count, onsetEnd <= 3 else { return false }
        var onset = key(letters[0..<onsetEnd])
        // qu + vowel and gi + vowel: the u / i belongs to the onset.
        if onset == 0x71 {
            guard onsetEnd + 1 < count, vowelIndex(onsetEnd) == 9, isVowel(onsetEnd + 1) else { return false }
            onset = ascii("qu")
            onsetEnd += 1
        } else if onset == 0x67, onsetEnd + 1 < count, vowelIndex(onsetEnd) == 5, isVowel(onsetEnd + 1) {
            onset = ascii("gi")
            onsetEnd += 1
        }
        guard onsetEnd == 0 || onsets.contains(onset) else { return false }

        var nucleusEnd = onsetEnd
        while nucleusEnd < count, isVowel(nucleusEnd) { nucleusEnd += 1 }
        let nucleus = vowelKey((onsetEnd..<nucleusEnd).map(vowelIndex))
        guard nucleusEnd - onsetEnd <= 3, (folded ? foldedNuclei : nuclei).contains(nucleus) else { return false }

        guard nucleusEnd < count else { return !closed || !closedNuclei.contains(nucleus) }
        let coda = key(letters[nucleusEnd..<count])
        guard nucleusEnd + 2 >= count, codas.contains(coda) else { return false }
        // After a stop only sắc and nặng occur.
        return folded || !stopCodas.contains(coda) || tone == 2 || tone == 5
    }
}
