/// The generator's words. `ranked` has Zipf–Mandelbrot weights (s = 1, q = 2.7, close to real
/// text): function words first, then common compounds spread among generated one-, two- and
/// three-syllable words. Names, places and the rest are drawn uniformly by the sentence writer.
struct Vocabulary: Sendable {
    let ranked: [WordForms]
    /// Running totals of the integer weights of `ranked` (integers, so draws are exact).
    let cumulativeWeights: [UInt64]
    let syllableCount: Int

    let familyNames: [WordForms]
    let middleNames: [WordForms]
    let givenNames: [WordForms]
    let places: [WordForms]
    let placeKinds: [WordForms]
    let organisations: [WordForms]
    let currencies: [WordForms]
    let acronyms: [WordForms]
    let loanwords: [WordForms]
    let foreignWords: [WordForms]
    /// Toneless, mark-free syllables for URLs and e-mail addresses.
    let asciiSyllables: [String]

    init(seed: UInt64, singleSyllableWords: Int = 2_500, twoSyllableWords: Int = 3_200, threeSyllableWords: Int = 300) {
        var rng = SplitMix64(seed: seed)
        var syllables = VietnameseSyllables.all()
        syllables.shuffle(using: &rng)
        syllableCount = syllables.count

        // Compounds reuse frequent syllables, as real ones do: syllables for them are drawn with
        // Zipf weights over the shuffled inventory.
        let syllableWeights = Self.cumulative(count: syllables.count, offset: 1_000)
        func syllable() -> String { syllables[Self.draw(syllableWeights, &rng)] }

        var seen = Set(WordLists.functionWords + WordLists.compounds)
        var generated: [String] = []
        for word in syllables.prefix(singleSyllableWords) where seen.insert(word).inserted { generated.append(word) }
        for (count, length) in [(twoSyllableWords, 2), (threeSyllableWords, 3)] {
            var made = 0
            while made < count {
                let word = (0..<length).map { _ in syllable() }.joined(separator: " ")
                if seen.insert(word).inserted {
                    generated.append(word)
                    made += 1
                }
            }
        }
        generated.shuffle(using: &rng)
        // Hand-written compounds take every 8th rank after the function words.
        var ordered = WordLists.functionWords
        var compounds = WordLists.compounds[...]
        for (index, word) in generated.enumerated() {
            if index % 8 == 0, let compound = compounds.popFirst() { ordered.append(compound) }
            ordered.append(word)
        }
        ordered.append(contentsOf: compounds)
        ranked = ordered.map(WordForms.init)
        cumulativeWeights = Self.cumulative(count: ranked.count, offset: 270)

        familyNames = WordLists.familyNames.map(WordForms.init)
        middleNames = WordLists.middleNames.map(WordForms.init)
        // Given names: the hand list plus capitalised generated syllables not ending in c, ch, nh,
        // p or t (rare in names).
        let generatedGiven = syllables.lazy.filter { !["c", "h", "p", "t"].contains($0.last!) }.prefix(300)
        givenNames = (WordLists.givenNames + generatedGiven.map(WordForms.capitalized)).map(WordForms.init)
        var generatedPlaces: [String] = []
        for _ in 0..<400 {
            generatedPlaces.append([syllable(), syllable()].map(WordForms.capitalized).joined(separator: " "))
        }
        places = (WordLists.places + generatedPlaces).map(WordForms.init)
        placeKinds = WordLists.placeKinds.map(WordForms.init)
        organisations = WordLists.organisations.map(WordForms.init)
        currencies = WordLists.currencies.map(WordForms.init)
        acronyms = WordLists.acronyms.map(WordForms.init)
        loanwords = WordLists.loanwords.map(WordForms.init)
        foreignWords = WordLists.foreignWords.map(WordForms.init)
        asciiSyllables = Array(syllables.lazy.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.prefix(500))
    }

    /// Weights proportional to 1 / (rank + offset/100), as integers, accumulated.
    static func cumulative(count: Int, offset: UInt64) -> [UInt64] {
        var total: UInt64 = 0
        return (1...count).map { rank in
            total += 1_000_000_000_000 / (100 * UInt64(rank) + offset)
            return total
        }
    }

    /// An index drawn with the weights whose running totals are `cumulative`.
    static func draw(_ cumulative: [UInt64], _ rng: inout SplitMix64) -> Int {
        let target = rng.next() % cumulative[cumulative.count - 1]
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] <= target { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func rankedWord(_ rng: inout SplitMix64) -> WordForms { ranked[Self.draw(cumulativeWeights, &rng)] }
}
