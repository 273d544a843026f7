extension PrunedRanker {
    /// Which parts are read (essential), and in what order the others are looked up: a
    /// `Draft`, frozen (constant tables, read by the inner loops without copies or checks).
    final class ReadingPlan {
        /// The threshold it was made for.
        let threshold: Double
        let essentialParts: [Int]
        /// The parts looked up, in order (`lookups`).
        let lookupParts: [Int]
        let drivers: [Int]
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
            lookupParts = draft.lookupParts
            drivers = draft.drivers
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
        var lookupParts: [Int] = []
        /// Terms whose rows are the candidates: the first tokens of the essential parts' phrases.
        var drivers: [Int] = []
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

    /// MaxScore's split for threshold θ: routing parts are made non-essential, the most read
    /// first, while rows holding only non-essential parts stay provably below θ.
    func partition(threshold: Double) -> ReadingPlan {
        let words = layout.words
        var possible = [Bool](repeating: false, count: words.count * 2)
        var routing: [Int] = []
        for (number, word) in words.enumerated() {
            for part in [number * 2, number * 2 + 1] where canMatch(part: part) {
                if word.routes && (part % 2 == 0 || !word.routesTypedOnly) { routing.append(part) } else { possible[part] = true }
            }
        }
        routing.sort { layout.partDocuments[$0] > layout.partDocuments[$1] }
        for part in routing {
            possible[part] = true
            if !(bound(possibleParts: possible) < threshold) { possible[part] = false }
        }
        var plan = Draft()
        plan.essential = (0..<(words.count * 2)).map { canMatch(part: $0) && !possible[$0] }
        var lookupParts: [(part: Int, bound: Double)] = []
        for part in 0..<(words.count * 2) where canMatch(part: part) {
            if possible[part] {
                var alone = [Bool](repeating: false, count: words.count * 2)
                alone[part] = true
                lookupParts.append((part, bound(possibleParts: alone)))
                continue
            }
            for phrase in phrases(of: part) {
                for token in phrase.firstToken..<phrase.endToken {
                    for term in layout.tokenTerms[layout.tokenStart[token]..<layout.tokenStart[token + 1]] {
                        if token == phrase.firstToken {
                            if !plan.drivers.contains(term) { plan.drivers.append(term) }
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

    /// A part with a phrase whose every token has a term in the index: one that can match.
    func canMatch(part: Int) -> Bool { phrases(of: part).contains(where: canMatch) }

    func canMatch(_ phrase: Phrase) -> Bool {
        (phrase.firstToken..<phrase.endToken).allSatisfy { layout.tokenStart[$0 + 1] > layout.tokenStart[$0] }
    }

    /// The phrases of a part: word `part / 2`'s typed phrases (even) or other phrases (odd).
    func phrases(of part: Int) -> [Phrase] {
        let word = layout.words[part / 2]
        return layout.phrases[word.firstPhrase..<word.endPhrase].filter { $0.isTyped == (part % 2 == 0) }
    }

    /// The highest score a row can have when it may hold only the parts marked possible, each
    /// with any frequency.
    func bound(possibleParts possible: [Bool]) -> Double {
        let ceiling = formula.k1 + 1
        var total = 0.0
        var allWords = true
        var exactForms = true
        var previousPossible = false
        for (number, word) in layout.words.enumerated() {
            var any = false
            var exact = false
            for phrase in layout.phrases[word.firstPhrase..<word.endPhrase]
            where possible[number * 2 + (phrase.isTyped ? 0 : 1)] && canMatch(phrase) {
                any = any || phrase.countsAsAny
                exact = exact || phrase.countsAsExact
            }
            if any { total += word.anyWeight * ceiling }
            if exact { total += word.exactWeight * ceiling }
            let present = any || exact
            if word.countsAdjacency, present, previousPossible { total += word.pairWeight * ceiling }
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

/// The best `k` rows seen, by score then rowid.
struct TopRows {
    let k: Int
    private(set) var rows: [(id: Int64, score: Double)] = []
    /// Index of the worst row kept (when full).
    private var worst = 0

    init(k: Int) { self.k = k }

    /// The k-th best score once k rows are kept; -∞ before.
    var threshold: Double { rows.count < k ? -.infinity : rows[worst].score }

    /// Keeps the row if it is among the best k so far; true when it was kept.
    mutating func insert(_ id: Int64, _ score: Double) -> Bool {
        if rows.count < k {
            rows.append((id, score))
            if rows.count == k { findWorst() }
            return true
        }
        let floor = rows[worst]
        guard score > floor.score || (score == floor.score && id < floor.id) else { return false }
        rows[worst] = (id, score)
        findWorst()
        return true
    }

    private mutating func findWorst() {
        worst = 0
        for index in rows.indices.dropFirst() where Self.before(rows[worst], rows[index]) { worst = index }
    }

    /// `a` ranks before `b`: higher score, or equal score and lower rowid.
    static func before(_ a: (id: Int64, score: Double), _ b: (id: Int64, score: Double)) -> Bool {
        a.score != b.score ? a.score > b.score : a.id < b.id
    }

    var sorted: [(id: Int64, score: Double)] { rows.sorted(by: Self.before) }
}
