/// Writes one document: a title line, a lead of one to three sentences, then body sentences until
/// the target length. Sentences mix ranked vocabulary with names, places, organisations,
/// acronyms, numbers, dates and codes, and use the punctuation of Vietnamese news (commas,
/// “quotes”, en dashes, parentheses, ellipses).
struct DocumentWriter {
    let vocabulary: Vocabulary
    let newStyle: Bool
    let decomposed: Bool
    private(set) var bytes: [UInt8] = []
    private(set) var characters = 0
    private var wordsWritten = 0
    /// Mixed documents: how many stray decomposed words are still to come, and from which word on.
    private var straysLeft: Int
    private var nextStrayAt: Int

    init(vocabulary: Vocabulary, newStyle: Bool, decomposed: Bool, strays: Int, firstStrayAt: Int) {
        self.vocabulary = vocabulary
        self.newStyle = newStyle
        self.decomposed = decomposed
        straysLeft = strays
        nextStrayAt = firstStrayAt
        bytes.reserveCapacity(4_096)
    }

    mutating func write(targetCharacters: Int, _ rng: inout SplitMix64) {
        sentence(&rng, title: true)
        text("\n")
        for _ in 0...rng.below(3) {
            sentence(&rng, title: false)
            text(" ")
        }
        bytes.removeLast()
        text("\n")
        repeat {
            sentence(&rng, title: false)
            text(rng.chance(perMille: 150) ? "\n" : " ")
        } while characters < targetCharacters
        bytes.removeLast()
    }

    // MARK: Pieces

    /// ASCII or punctuation that normalization leaves alone.
    private mutating func text(_ string: String) {
        bytes.append(contentsOf: string.utf8)
        characters += string.unicodeScalars.count
    }

    private mutating func word(_ forms: WordForms, capitalized: Bool = false) {
        var nfd = decomposed
        if straysLeft > 0, wordsWritten >= nextStrayAt, forms.decomposes {
            nfd = true
            straysLeft -= 1
            nextStrayAt = wordsWritten + 50
        }
        bytes.append(contentsOf: forms.bytes(newStyle: newStyle, decomposed: nfd, capitalized: capitalized))
        characters += forms.characters
        wordsWritten += 1
    }

    private mutating func sentence(_ rng: inout SplitMix64, title: Bool) {
        let length = title ? 6 + rng.below(10) : 5 + rng.below(25)
        let quoted = rng.chance(perMille: 60) ? rng.below(length) : -1
        let quoteEnd = quoted + rng.below(4)
        for index in 0..<length {
            if index > 0 {
                if !title && rng.chance(perMille: 70) {
                    text(", ")
                } else if !title && rng.chance(perMille: 8) {
                    text(" – ")
                } else {
                    text(" ")
                }
            }
            if index == quoted { text("“") }
            element(&rng, first: index == 0)
            if index == min(quoteEnd, length - 1) && quoted >= 0 { text("”") }
        }
        guard !title else { return }
        switch rng.below(100) {
        case 0..<88: text(".")
        case 88..<91: text("?")
        case 91..<94: text("!")
        case 94..<97: text("…")
        default: text(":")
        }
    }

    /// One word or multi-word element of a sentence.
    private mutating func element(_ rng: inout SplitMix64, first: Bool) {
        switch rng.below(1000) {
        case 0..<25: personName(&rng)
        case 25..<40: place(&rng, first: first)
        case 40..<47:
            word(rng.pick(vocabulary.organisations))
            if rng.chance(perMille: 150) {
                text(" (")
                word(rng.pick(vocabulary.acronyms))
                text(")")
            }
        case 47..<55: word(rng.pick(vocabulary.acronyms))
        case 55..<80: number(&rng)
        case 80..<85:
            // One loanword in forty is not Vietnamese-spelled at all (café, Москва, 北京): about as
            // many such tokens per MB as in real news.
            let pool = rng.chance(perMille: 25) ? vocabulary.foreignWords : vocabulary.loanwords
            word(rng.pick(pool), capitalized: first)
        case 85..<86 where !first: address(&rng)
        default: word(vocabulary.rankedWord(&rng), capitalized: first)
        }
    }

    private mutating func personName(_ rng: inout SplitMix64) {
        if rng.chance(perMille: 300) {
            // Often just the given name after a title: ông Hùng, chị Lan.
            word(rng.pick(vocabulary.givenNames))
            return
        }
        word(rng.pick(vocabulary.familyNames))
        text(" ")
        if rng.chance(perMille: 700) {
            word(rng.pick(vocabulary.middleNames))
            text(" ")
        }
        word(rng.pick(vocabulary.givenNames))
    }

    private mutating func place(_ rng: inout SplitMix64, first: Bool) {
        if rng.chance(perMille: 400) {
            word(rng.pick(vocabulary.placeKinds), capitalized: first)
            text(" ")
        }
        word(rng.pick(vocabulary.places))
    }

    private mutating func address(_ rng: inout SplitMix64) {
        let name = rng.pick(vocabulary.asciiSyllables) + rng.pick(vocabulary.asciiSyllables)
        text(rng.chance(perMille: 500) ? "www.\(name).vn" : "\(name)\(rng.below(100))@gmail.com")
    }

    /// Numbers as news writes them: 31/8/2016, 85,94%, 1.250.000 đồng, 37-NQ/TW, 14h30…
    private mutating func number(_ rng: inout SplitMix64) {
        let year = 1975 + rng.below(45)
        switch rng.below(11) {
        case 0, 1: text("\(1 + rng.below(31))/\(1 + rng.below(12))/\(year)")
        case 2: text(rng.chance(perMille: 500) ? "\(rng.below(100)),\(rng.below(100))%" : "\(rng.below(100))%")
        case 3:
            let amount = rng.chance(perMille: 500)
                ? "\(1 + rng.below(999)),\(rng.below(10))" : Self.grouped(rng.below(10_000_000))
            text(amount + " ")
            word(rng.pick(vocabulary.currencies))
        case 4:
            let code = rng.pick(WordLists.documentCodes)
            text(rng.chance(perMille: 500) ? "\(1 + rng.below(300))/\(year)/\(code)" : "\(1 + rng.below(99))-\(code)")
        case 5: text("\(6 + rng.below(17))h\(rng.chance(perMille: 500) ? "30" : String(rng.below(6) * 10))")
        case 6: text(Self.grouped(1_000 + rng.below(100_000_000)))
        case 7: text("\(year)-\(year + 1 + rng.below(10))")
        case 8: text("0\(900 + rng.below(100)).\(100 + rng.below(900)).\(100 + rng.below(900))")
        case 9: text("\(year)")
        default: text("\(1 + rng.below(100))")
        }
    }

    /// 1250000 → "1.250.000" (Vietnamese groups thousands with dots).
    static func grouped(_ value: Int) -> String {
        var digits = Array(String(value))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(".", at: index)
            index -= 3
        }
        return String(digits)
    }
}
