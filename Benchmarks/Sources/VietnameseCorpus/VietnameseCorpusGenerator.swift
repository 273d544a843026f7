import Foundation

/// Deterministic synthetic Vietnamese: valid syllables (onset + rhyme + tone, tone placed in the
/// traditional style), a vocabulary with Zipf-like frequencies, sentences with punctuation,
/// capitalized starts and names, numbers, dates and codes, document lengths with a long tail
/// (median about 2,000 characters), and about 3% of documents in NFD plus a few with a stray
/// combining sequence. No corpus text: everything is built from the spelling rules below.
public struct VietnameseCorpusGenerator: Sendable {
    public let seed: UInt64
    /// Syllables ordered by frequency rank.
    let vocabulary: [String]
    /// Cumulative Zipf weights over `vocabulary`.
    let cumulative: [Double]

    static let onsets = [
        "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph",
        "qu", "r", "s", "t", "th", "tr", "v", "x",
    ]

    /// Rhymes; the capital letter carries the tone (traditional placement).
    static let rhymes = [
        "A", "Ai", "Ao", "Au", "Ay", "Ăn", "Ăng", "Ăm", "Ăc", "Ăt", "Ăp", "Ân", "Âng", "Âm", "Ât", "Âp", "Âc", "Âu", "Ây",
        "E", "Eo", "En", "Eng", "Em", "Et", "Ep", "Ec", "Ê", "Êu", "Ên", "Ênh", "Êm", "Êt", "Êch", "I", "Ia", "Iu", "In",
        "Inh", "Im", "It", "Ich", "iÊn", "iÊng", "iÊm", "iÊt", "iÊp", "iÊc", "iÊu", "O", "Oi", "On", "Ong", "Om", "Ot",
        "Op", "Oc", "Oa", "oAn", "oAng", "oAi", "oAy", "oAt", "oAc", "oAnh", "oĂn", "oĂng", "oĂc", "oĂt", "Oe", "oEn",
        "Ô", "Ôi", "Ôn", "Ông", "Ôm", "Ôt", "Ôp", "Ôc", "Ơ", "Ơi", "Ơn", "Ơm", "Ơt", "Ơp", "U", "Ua", "Ui", "Un", "Ung",
        "Um", "Ut", "Up", "Uc", "uÂn", "uÂt", "uÂy", "uÔn", "uÔng", "uÔi", "uÔt", "uÔc", "Uy", "uYn", "uYnh", "uYt",
        "uyÊn", "uyÊt", "Ư", "Ưa", "Ưi", "Ưu", "Ưng", "Ưc", "Ưt", "Ưn", "ưƠn", "ưƠng", "ưƠi", "ưƠc", "ưƠt", "ưƠu",
        "ưƠm", "Y", "Anh", "Ach", "An", "Ang", "Am", "At", "Ap", "Ac",
    ]

    /// Combining tones: ngang (none), huyền, sắc, hỏi, ngã, nặng.
    static let tones = ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"]

    public init(seed: UInt64 = 2024, vocabularySize: Int = 4000) {
        self.seed = seed
        var rng = SplitMix64(seed: seed)
        var syllables: [String] = []
        for onset in Self.onsets {
            for rhyme in Self.rhymes where Self.spellingAllows(onset: onset, rhyme: rhyme) {
                let stop = ["c", "ch", "p", "t"].contains { rhyme.lowercased().hasSuffix($0) }
                // Syllables ending in a stop take only sắc or nặng.
                for tone in stop ? [2, 5] : Array(0..<6) {
                    syllables.append(Self.spell(onset: onset, rhyme: rhyme, tone: tone))
                }
            }
        }
        syllables.shuffle(using: &rng)
        vocabulary = Array(syllables.prefix(vocabularySize))
        var total = 0.0
        cumulative = vocabulary.indices.map { rank in
            total += 1.0 / pow(Double(rank + 1), 1.05)
            return total
        }
    }

    /// Spelling rules that keep syllables real: k/gh/ngh before i e ê y, c/g/ng elsewhere, no
    /// qu before u/o, no gi before i.
    static func spellingAllows(onset: String, rhyme: String) -> Bool {
        let first = rhyme.lowercased().first!
        let front = "ieêy".contains(first)
        switch onset {
        case "c", "g", "ng": return !front
        case "k", "gh", "ngh": return front
        case "qu": return !"uoôơư".contains(first)
        case "gi": return first != "i"
        default: return true
        }
    }

    static func spell(onset: String, rhyme: String, tone: Int) -> String {
        var out = onset
        for character in rhyme {
            if character.isUppercase {
                out += character.lowercased() + tones[tone]
            } else {
                out.append(character)
            }
        }
        return out.precomposedStringWithCanonicalMapping
    }

    /// `count` documents (title, blank line, body).
    public func documents(count: Int) -> [String] {
        var rng = SplitMix64(seed: seed &+ 1)
        return (0..<count).map { _ in document(&rng) }
    }

    /// Documents until their UTF-8 size reaches `bytes`.
    public func documents(totalBytes bytes: Int) -> [String] {
        var rng = SplitMix64(seed: seed &+ 1)
        var out: [String] = []
        var size = 0
        while size < bytes {
            let next = document(&rng)
            size += next.utf8.count
            out.append(next)
        }
        return out
    }

    func syllable(_ rng: inout SplitMix64) -> String {
        let target = rng.unit() * cumulative[cumulative.count - 1]
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] < target { low = mid + 1 } else { high = mid }
        }
        return vocabulary[low]
    }

    func number(_ rng: inout SplitMix64) -> String {
        switch rng.next() % 5 {
        case 0: return "\(1 + rng.next() % 28)/\(1 + rng.next() % 12)/\(1990 + rng.next() % 35)"
        case 1: return "\(rng.next() % 100),\(rng.next() % 100)%"
        case 2: return "\(rng.next() % 99)-NQ/TW"
        default: return "\(rng.next() % 10_000)"
        }
    }

    func sentence(_ rng: inout SplitMix64) -> String {
        let length = 6 + Int(rng.next() % 22)
        var words: [String] = []
        for index in 0..<length {
            let roll = rng.unit()
            if roll < 0.03 {
                words.append(number(&rng))
            } else if roll < 0.08 || index == 0 {
                let name = syllable(&rng)
                words.append(name.prefix(1).uppercased() + name.dropFirst())
            } else {
                words.append(syllable(&rng))
            }
        }
        let punctuation = [".", ".", ".", "?", "!", ";"]
        var text = ""
        for (index, word) in words.enumerated() {
            if index > 0 { text += rng.next() % 9 == 0 ? ", " : " " }
            text += word
        }
        return text + punctuation[Int(rng.next() % UInt64(punctuation.count))]
    }

    func document(_ rng: inout SplitMix64) -> String {
        // Log-normal length: median ≈ 2,000 characters, long tail.
        let u1 = max(rng.unit(), 1e-12)
        let u2 = rng.unit()
        let normal = sqrt(-2 * log(u1)) * cos(2 * .pi * u2)
        let targetCharacters = min(40_000, max(120, Int(2000 * exp(0.8 * normal))))
        var body = ""
        while body.count < targetCharacters {
            body += sentence(&rng) + (rng.next() % 6 == 0 ? "\n" : " ")
        }
        let title = sentence(&rng)
        var text = title + "\n\n" + body
        let form = rng.next() % 100
        if form < 3 {
            text = text.decomposedStringWithCanonicalMapping
        } else if form < 5 {
            text += " Tha\u{300}nh pho\u{302}\u{301}."  // a stray decomposed sequence
        }
        return text
    }
}
