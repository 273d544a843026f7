import Foundation

/// Every Vietnamese syllable this generator can write, enumerated from spelling rules: onset +
/// rhyme (with or without the o/u glide) + one of six tones, with the tone mark in its traditional
/// place. The rules keep syllables well formed (c/k/q, g/gh, ng/ngh, gi, i→y without onset, stop
/// finals take only sắc or nặng); they do not check that a syllable is an attested word.
enum VietnameseSyllables {
    /// Tone marks as combining scalars: ngang (none), huyền, sắc, hỏi, ngã, nặng.
    static let toneMarks = ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"]
    static let stopTones = [2, 5]

    /// Onsets before a rhyme without a glide. `c`, `g`, `ng` are respelled `k`, `gh`, `ngh` before
    /// front vowels; `p` (loanwords only) is left out.
    static let plainOnsets = [
        "", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "r", "s", "t", "th", "tr",
        "v", "x",
    ]

    /// Onsets that take the o/u glide (labials never do). `c` + glide is written `qu`.
    static let glideOnsets = ["", "c", "ch", "d", "đ", "h", "kh", "l", "ng", "nh", "s", "t", "th", "tr", "x"]

    /// Rhymes without a glide. The uppercase letter is the one that carries the tone.
    static let plainRhymes = [
        "A", "Ai", "Ao", "Au", "Ay", "An", "Ang", "Anh", "Am", "At", "Ac", "Ach", "Ap",
        "Ăn", "Ăng", "Ăm", "Ăt", "Ăc", "Ăp",
        "Ân", "Âng", "Âm", "Ât", "Âc", "Âp", "Âu", "Ây",
        "E", "Eo", "En", "Em", "Et", "Ep",
        "Ê", "Êu", "Ên", "Ênh", "Êm", "Êt", "Êch", "Êp",
        "I", "Ia", "Iu", "In", "Inh", "Im", "It", "Ich", "Ip",
        "iÊn", "iÊng", "iÊm", "iÊt", "iÊc", "iÊp", "iÊu",
        "O", "Oi", "On", "Ong", "Om", "Ot", "Oc", "Op",
        "Ô", "Ôi", "Ôn", "Ông", "Ôm", "Ôt", "Ôc", "Ôp",
        "Ơ", "Ơi", "Ơn", "Ơm", "Ơt", "Ơp",
        "U", "Ua", "Ui", "Un", "Ung", "Um", "Ut", "Uc", "Up",
        "uÔn", "uÔng", "uÔi", "uÔm", "uÔt", "uÔc",
        "Ư", "Ưa", "Ưi", "Ưu", "Ưng", "Ưc", "Ưt",
        "ưƠn", "ưƠng", "ưƠi", "ưƠu", "ưƠm", "ưƠt", "ưƠc", "ưƠp",
        "Y",
    ]

    /// What follows the glide letter `o` (hoa, hoăn, khoe…) or `u` (xuân, huệ, thuyền…).
    static let glideRests: [(glide: Character, rests: [String])] = [
        ("o", ["A", "Ai", "Ay", "An", "Ang", "Anh", "Ac", "Ach", "At", "Ăn", "Ăng", "Ăc", "Ăt", "E", "En", "Eo", "Et"]),
        ("u", ["Ân", "Ât", "Ây", "Ê", "Ênh", "Êch", "Y", "yÊn", "yÊt", "Ynh", "Ych", "Yt", "Yu"]),
    ]

    /// Lone `y` is written only after these (ý, kỹ, lý, mỹ, hy, tỷ, sỹ); elsewhere it is `i`.
    static let loneYOnsets: Set<String> = ["", "c", "l", "m", "h", "t", "s"]
    /// After `gi`, a rhyme starting with i merges with the onset's i (gì, gìn, giết).
    static let giMergingRhymes: Set<String> = ["I", "In", "It", "iÊn", "iÊng", "iÊt", "iÊu", "iÊm"]
    /// Without an onset, iê is written yê (yên, yêu, yết, yếm).
    static let yeRhymes: Set<String> = ["iÊn", "iÊt", "iÊu", "iÊm"]

    /// All syllables, NFC, traditional tone placement, in a fixed order without duplicates.
    static func all() -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        func add(_ onset: String, _ template: String) {
            for tone in tones(for: template) {
                let syllable = spell(onset + template, tone: tone)
                if seen.insert(syllable).inserted { out.append(syllable) }
            }
        }
        for onset in plainOnsets {
            for rhyme in plainRhymes {
                if let spelled = plainSpelling(onset: onset, rhyme: rhyme) { add(spelled.onset, spelled.rhyme) }
            }
        }
        for onset in glideOnsets {
            for (glide, rests) in glideRests {
                for rest in rests { add("", glideSpelling(onset: onset, glide: glide, rest: rest)) }
            }
        }
        return out
    }

    /// Stop finals (-c, -ch, -p, -t) allow only sắc and nặng.
    static func tones(for template: String) -> [Int] {
        let lower = template.lowercased()
        let stop = lower.hasSuffix("c") || lower.hasSuffix("ch") || lower.hasSuffix("p") || lower.hasSuffix("t")
        return stop ? stopTones : Array(0..<6)
    }

    /// The written onset and rhyme for a glide-less syllable, or nil when the pair is not a
    /// well-formed spelling.
    static func plainSpelling(onset: String, rhyme: String) -> (onset: String, rhyme: String)? {
        let first = rhyme.lowercased().first!
        let front = "ieêy".contains(first)
        if rhyme == "Y" && !loneYOnsets.contains(onset) { return nil }
        switch onset {
        case "":
            if yeRhymes.contains(rhyme) { return ("", "y" + rhyme.dropFirst()) }
            return rhyme.hasPrefix("iÊ") ? nil : ("", rhyme)
        case "c": return (front ? "k" : "c", rhyme)
        case "g": return rhyme == "Ia" ? nil : (front ? "gh" : "g", rhyme)
        case "ng": return (front ? "ngh" : "ng", rhyme)
        case "gi":
            if giMergingRhymes.contains(rhyme) { return ("g", rhyme) }
            return first == "i" || rhyme == "Y" || rhyme == "Ua" ? nil : ("gi", rhyme)
        default: return (onset, rhyme)
        }
    }

    /// The written form of onset + glide + rest. `c` + glide is `qu` + rest (qua, quân, quyết).
    /// Open oa, oe, uy put the tone on the glide letter, the traditional style (hòa, khỏe, thủy).
    static func glideSpelling(onset: String, glide: Character, rest: String) -> String {
        if onset == "c" { return "qu" + rest }
        if ["A", "E", "Y"].contains(rest) { return onset + glide.uppercased() + rest.lowercased() }
        return onset + String(glide) + rest
    }

    /// `template` with its uppercase letter lowercased and followed by the tone mark, in NFC.
    static func spell(_ template: String, tone: Int) -> String {
        var out = ""
        for character in template {
            if character.isUppercase {
                out += character.lowercased() + toneMarks[tone]
            } else {
                out.append(character)
            }
        }
        return out.precomposedStringWithCanonicalMapping
    }
}
