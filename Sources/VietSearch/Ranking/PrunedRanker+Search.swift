extension PrunedRanker {
    /// Which parts are read (essential), and in what order the others are looked up: a
    /// `Draft`, frozen (constant tables, read by the inner loops without copies or checks).
    final class ReadingPlan {
        /// The threshold it was made for.
        let threshold: Double
        let essentialParts: [Int]
        /// Words whose stored pair with the previous word is essential (its rows are candidates).
        let essentialPairs: [Int]
        /// The parts looked up, in order (`lookups`).
        let lookupParts: [Int]
        let drivers: [Int]
        /// Essential phrases whose candidates are their stored pair rows (`phraseRows`): those
        /// rows, not their first tokens, drive the windows.
        let phraseDrivers: [Int]
        /// Per term, whether it is a driver: a driver without an entry at a candidate is absent.
        let isDriver: [Bool]
        let followingTerms: [Int]
        let essential: [Bool]
        let essentialWords: [Int]
        let lookups: [(word: Int, terms: [Int])]
        let mixedPairs: [Int]
        let mixedPair: [Bool]
        let closedBound: Double
        let closedShare: [Double]
        let closedPossible: [Bool]
        let closedTyped: [Bool]
        let closedMissing: Int
        let closedUntyped: Int
        /// Per essential word, whether its non-essential part has phrases that count as any
        /// form / as the typed form (open at the start of a candidate).
        let openAny: [Bool]
        let openExact: [Bool]

        init(_ draft: Draft, terms: Int, threshold: Double) {
            self.threshold = threshold
            essentialParts = draft.essentialParts
            essentialPairs = draft.essentialPairs
            lookupParts = draft.lookupParts
            drivers = draft.drivers
            phraseDrivers = draft.phraseDrivers
            var isDriver = [Bool](repeating: false, count: terms)
            for term in draft.drivers { isDriver[term] = true }
            self.isDriver = isDriver
            followingTerms = draft.followingTerms
            essential = draft.essential
            essentialWords = draft.essentialWords
            lookups = draft.lookups
            mixedPairs = draft.mixedPairs
            mixedPair = draft.mixedPair
            closedBound = draft.closedBound
            closedShare = draft.closedShare
            closedPossible = draft.closedPossible
            closedTyped = draft.closedTyped
            closedMissing = draft.closedMissing
            closedUntyped = draft.closedUntyped
            openAny = draft.openAny
            openExact = draft.openExact
        }
    }

    struct Draft {
        var essentialParts: [Int] = []
        var essentialPairs: [Int] = []
        var lookupParts: [Int] = []
        /// Terms whose rows are the candidates: the first tokens of the essential parts' phrases.
        var drivers: [Int] = []
        var phraseDrivers: [Int] = []
        /// The later tokens of essential phrases (sought at each candidate).
        var followingTerms: [Int] = []
        /// Per part, whether it is essential.
        var essential: [Bool] = []
        /// Words with an essential part, in query order.
        var essentialWords: [Int] = []
        /// The other parts, in the order they are looked up (largest bound first), each with
        /// its word and terms.
        var lookups: [(word: Int, terms: [Int])] = []
        /// Words (by the index of the second) of adjacent pairs with a word that has an essential
        /// part; per word, whether its pair with the previous word is one.
        var mixedPairs: [Int] = []
        var mixedPair: [Bool] = []
        /// What words without an essential part add at most, each (`closedShare`, by word) and
        /// with their pairs (`closedBound`); how many of them keep a row from every word, and
        /// from the forms typed.
        var closedBound = 0.0
        var closedShare: [Double] = []
        var closedPossible: [Bool] = []
        var closedTyped: [Bool] = []
        var closedMissing = 0
        var closedUntyped = 0
        var openAny: [Bool] = []
        var openExact: [Bool] = []
    }

    /// MaxScore's split for threshold θ: the parts read for every row (essential) and those left to
    /// the bounds, chosen so that a row holding no essential part provably scores below θ or
    /// holds no routing word, reading as few postings as the search below finds.
    func partition(threshold: Double) -> ReadingPlan {
        let words = layout.words
        var parts: [Int] = []
        // Word parts, then the stored pairs' parts (`pairPart`), which route nothing.
        var routing = [Bool](repeating: false, count: words.count * 3)
        for (number, word) in words.enumerated() {
            for part in [number * 2, number * 2 + 1] where canMatch(part: part) {
                parts.append(part)
                routing[part] = word.routes && (part % 2 == 0 || !word.routesTypedOnly)
            }
        }
        for number in words.indices where pairRows[number] != nil { parts.append(pairPart(number)) }
        parts.sort { partCost($0) > partCost($1) }
        let possible = cheapestSplit(parts, routing: routing, threshold: threshold)
        var plan = Draft()
        plan.essential = (0..<(words.count * 2)).map { canMatch(part: $0) && !possible[$0] }
        plan.essentialPairs = words.indices.filter { pairRows[$0] != nil && !possible[pairPart($0)] }
        var lookupParts: [(part: Int, bound: Double)] = []
        for part in 0..<(words.count * 2) where canMatch(part: part) {
            if possible[part] {
                var alone = [Bool](repeating: false, count: words.count * 3)
                alone[part] = true
                lookupParts.append((part, bound(possibleParts: alone)))
                continue
            }
            let word = layout.words[part / 2]
            for number in word.firstPhrase..<word.endPhrase where layout.phrases[number].isTyped == (part % 2 == 0) {
                let phrase = layout.phrases[number]
                let byPairs = phraseRows[number] != nil
                if byPairs { plan.phraseDrivers.append(number) }
                for token in phrase.firstToken..<phrase.endToken {
                    for term in layout.tokenTerms[layout.tokenStart[token]..<layout.tokenStart[token + 1]] {
                        if token == phrase.firstToken {
                            if !byPairs, !plan.drivers.contains(term) { plan.drivers.append(term) }
                        } else if !plan.followingTerms.contains(term) {
                            plan.followingTerms.append(term)
                        }
                    }
                }
            }
        }
        plan.followingTerms.removeAll { plan.drivers.contains($0) }
        lookupParts.sort { $0.bound > $1.bound }
        plan.essentialParts = (0..<(words.count * 2)).filter { plan.essential[$0] }
        for (part, _) in lookupParts {
            plan.lookupParts.append(part)
            var terms: [Int] = []
            for phrase in phrases(of: part) {
                for token in phrase.firstToken..<phrase.endToken {
                    terms += layout.tokenTerms[layout.tokenStart[token]..<layout.tokenStart[token + 1]]
                }
            }
            plan.lookups.append((part / 2, terms))
        }
        closeWords(&plan)
        return ReadingPlan(plan, terms: layout.terms.count, threshold: threshold)
    }

    /// Nodes the split's search visits after its first split (MaxScore's own: the most read
    /// parts left to the bounds first); each costs a `bound`.
    static let splitSearchNodes = 256

    /// The non-essential parts (true) of the split that reads the fewest postings found, by
    /// branch and bound over `parts` (most read first). A row without an essential part is left
    /// out safely when no routing part is non-essential (it cannot be a result) or when the
    /// non-essential parts together stay below θ. Pairs make a word's share depend on its
    /// neighbours, so keeping a rarer part essential, a word that only scores among them, can
    /// leave several more-read parts to the bounds: MaxScore's greedy order misses that.
    private func cheapestSplit(_ parts: [Int], routing: [Bool], threshold: Double) -> [Bool] {
        var possible = [Bool](repeating: false, count: routing.count)
        var best = possible
        var bestCost = Int.max
        var routingPossible = 0
        var nodes = 0
        func visit(_ index: Int, _ cost: Int) {
            nodes += 1
            guard cost < bestCost else { return }
            guard index < parts.count else {
                bestCost = cost
                best = possible
                return
            }
            guard bestCost == Int.max || nodes < Self.splitSearchNodes else { return }
            let part = parts[index]
            possible[part] = true
            if routing[part] { routingPossible += 1 }
            if routingPossible == 0 || bound(possibleParts: possible) < threshold { visit(index + 1, cost) }
            if routing[part] { routingPossible -= 1 }
            possible[part] = false
            visit(index + 1, cost + partCost(part))
        }
        visit(0, 0)
        return best
    }

    /// Fills the plan's account of the words without an essential part.
    private func closeWords(_ plan: inout Draft) {
        let ceiling = formula.k1 + 1
        let words = layout.words
        plan.closedShare = [Double](repeating: 0, count: words.count)
        plan.closedPossible = [Bool](repeating: false, count: words.count)
        plan.closedTyped = [Bool](repeating: false, count: words.count)
        plan.openAny = [Bool](repeating: false, count: words.count)
        plan.openExact = [Bool](repeating: false, count: words.count)
        for (number, word) in words.enumerated() {
            let essential = plan.essential[number * 2] || plan.essential[number * 2 + 1]
            for phrase in layout.phrases[word.firstPhrase..<word.endPhrase]
            where essential && canMatch(phrase) && !plan.essential[number * 2 + (phrase.isTyped ? 0 : 1)] {
                plan.openAny[number] = plan.openAny[number] || phrase.countsAsAny
                plan.openExact[number] = plan.openExact[number] || phrase.countsAsExact
            }
            if essential { plan.essentialWords.append(number) }
            if word.countsAdjacency, essential || plan.essential[(number - 1) * 2] || plan.essential[(number - 1) * 2 + 1] {
                plan.mixedPairs.append(number)
            }
            guard !essential else { continue }
            let matching = layout.phrases[word.firstPhrase..<word.endPhrase].filter(canMatch)
            let any = matching.contains(where: \.countsAsAny)
            let exact = matching.contains(where: \.countsAsExact)
            plan.closedPossible[number] = any || exact
            plan.closedTyped[number] = exact
            plan.closedShare[number] = (any ? word.anyWeight * ceiling : 0) + (exact ? word.exactWeight * ceiling : 0)
            plan.closedBound += plan.closedShare[number]
            if word.isRequired {
                if !(any || exact) { plan.closedMissing += 1 }
                if word.isAccented && !exact { plan.closedUntyped += 1 }
            }
        }
        plan.mixedPair = (0..<words.count).map { plan.mixedPairs.contains($0) }
        for (number, word) in words.enumerated() where word.countsAdjacency && !plan.mixedPairs.contains(number) {
            if plan.closedPossible[number - 1] && plan.closedPossible[number] { plan.closedBound += word.pairWeight * ceiling }
        }
    }

    /// The part of the stored pair of word `number` with the previous word, after the words' parts.
    func pairPart(_ number: Int) -> Int { layout.words.count * 2 + number }

    /// The postings a part holds over the index: a word part's estimate, a stored pair's count.
    func partCost(_ part: Int) -> Int {
        part < layout.words.count * 2 ? layout.partDocuments[part] : pairDocuments[part - layout.words.count * 2]
    }

    /// A part with a phrase whose every token has a term in the index: one that can match.
    func canMatch(part: Int) -> Bool { layout.partCanMatch[part] }

    func canMatch(_ phrase: Phrase) -> Bool { layout.canMatch(phrase) }

    /// The phrases of a part: word `part / 2`'s typed phrases (even) or other phrases (odd).
    func phrases(of part: Int) -> [Phrase] {
        let word = layout.words[part / 2]
        return layout.phrases[word.firstPhrase..<word.endPhrase].filter { $0.isTyped == (part % 2 == 0) }
    }

    /// The highest score a row can have when it may hold only the parts marked possible, each
    /// with any frequency. A pair with stored postings counts only when its part is possible.
    func bound(possibleParts possible: [Bool]) -> Double {
        let ceiling = formula.k1 + 1
        var total = 0.0
        var allWords = true
        var exactForms = true
        var previousPossible = false
        let countsAny = layout.partCountsAny
        let countsExact = layout.partCountsExact
        for (number, word) in layout.words.enumerated() {
            let typed = number * 2
            let other = typed + 1
            let any = (possible[typed] && countsAny[typed]) || (possible[other] && countsAny[other])
            let exact = (possible[typed] && countsExact[typed]) || (possible[other] && countsExact[other])
            if any { total += word.anyWeight * ceiling }
            if exact { total += word.exactWeight * ceiling }
            let present = any || exact
            if word.countsAdjacency, present, previousPossible, pairRows[number] == nil || possible[pairPart(number)] {
                total += word.pairWeight * ceiling
            }
            if word.isRequired {
                if !present { allWords = false }
                if word.isAccented && !exact { exactForms = false }
            }
            previousPossible = present
        }
        if allWords {
            total += formula.allWordsBonus
            if exactForms { total += formula.exactFormsBonus }
        }
        return Self.roundedUp(total)
    }

    /// A bound made safe against the rounding of the score's own arithmetic.
    @inline(__always)
    static func roundedUp(_ bound: Double) -> Double { bound * (1 + 1e-12) + 1e-9 }
}
