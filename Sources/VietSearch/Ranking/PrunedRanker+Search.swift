extension PrunedRanker {
    /// The best `k` rows of the range (best first, equal scores by rowid). `initialThreshold`:
    /// a score at least k rows are known to reach (never above the true k-th score).
    func run(initialThreshold: Double = -.infinity) throws -> Outcome {
        var top = TopRows(k: k)
        var outcome = Outcome(rows: [])
        var threshold = initialThreshold
        var plan = partition(threshold: threshold)
        var tally = MatchTally()
        defer { tally.deallocate() }
        let counts = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(layout.words.count, 1) * 3)
        defer { counts.deallocate() }
        var epoch = 0
        var sinceCheck = 0
        var atRow: [Int] = []
        var replan = false
        while !plan.drivers.isEmpty {
            // The next candidate: the lowest row an essential term is on.
            var row = Int64.max
            for term in plan.drivers where termRow[term] < row { row = termRow[term] }
            guard row != Int64.max, row <= range.upperBound else { break }
            atRow.removeAll(keepingCapacity: true)
            for term in plan.drivers where termRow[term] == row { atRow.append(term) }
            outcome.candidates += 1
            epoch += 1
            if let score = try evaluate(row, atRow: atRow, epoch: epoch, plan: plan, threshold: threshold, tally: &tally, counts: counts) {
                outcome.scored += 1
                if top.insert(row, score), top.threshold > threshold {
                    threshold = top.threshold
                    shared?.raise(to: threshold)
                    replan = true
                }
            }
            for term in atRow { try advance(term, past: row) }
            if replan {
                replan = false
                plan = try repartition(threshold: threshold, after: row)
            }
            sinceCheck += 1
            if sinceCheck == 256, let shared {
                sinceCheck = 0
                let theirs = shared.current
                if theirs > threshold {
                    threshold = theirs
                    plan = try repartition(threshold: threshold, after: row)
                }
            }
        }
        outcome.rows = top.sorted
        if debugPlan {
            var parts: [String] = []
            for w in layout.words.indices {
                for part in [w * 2, w * 2 + 1] where canMatch(part: part) {
                    parts.append("\(w)\(part % 2 == 0 ? "T" : "O")(\(layout.partDocuments[part]))\(plan.essential[part] ? "E" : "")")
                }
            }
            print("θ", threshold, parts.joined(separator: " "))
            // Optimal split by exhaustive search over routing parts.
            let routing = (0..<(layout.words.count * 2)).filter { canMatch(part: $0) && layout.words[$0 / 2].routes }
            if routing.count <= 22 {
                var best = Int.max
                var bestMask = 0
                for mask in 0..<(1 << routing.count) {
                    var possible = [Bool](repeating: false, count: layout.words.count * 2)
                    for part in 0..<(layout.words.count * 2) where canMatch(part: part) && !layout.words[part / 2].routes { possible[part] = true }
                    var cost = 0
                    for (bit, part) in routing.enumerated() {
                        if mask & (1 << bit) != 0 { possible[part] = true } else { cost += layout.partDocuments[part] }
                    }
                    if cost < best, bound(possibleParts: possible) < threshold { best = cost; bestMask = mask }
                }
                let greedy = (0..<(layout.words.count * 2)).filter { plan.essential[$0] }.reduce(0) { $0 + layout.partDocuments[$1] }
                print("  greedy Σdf", greedy, "optimal Σdf", best, "E", routing.enumerated().filter { bestMask & (1 << $0.offset) == 0 }.map { $0.element })
            }
        }
        outcome.passedFirstBound = passedFirstBound
        outcome.lookups = lookupsDone
        return outcome
    }

    /// The split for a higher threshold, from the row after `row` on. A greedy split for a
    /// higher threshold may read a part it did not read before: its cursors, looked up behind,
    /// are brought past the row.
    func repartition(threshold: Double, after row: Int64) throws -> ReadingPlan {
        let plan = partition(threshold: threshold)
        for term in plan.drivers where termRow[term] <= row {
            let range = layout.terms[term]
            for index in range.firstCursor..<range.endCursor { try cursors.seek(layout.termCursors[index], to: row + 1) }
            updateRow(of: term)
        }
        return plan
    }

    /// Moves the term's cursors that are on `row` to their next entries.
    @inline(__always)
    func advance(_ term: Int, past row: Int64) throws {
        let range = layout.terms[term]
        for index in range.firstCursor..<range.endCursor {
            let cursor = layout.termCursors[index]
            let state = cursors.states[cursor]
            if !state.atEnd, state.rowid == row { try cursors.next(cursor) }
        }
        updateRow(of: term)
    }

    /// Which parts are read (essential), and in what order the others are looked up.
    struct ReadingPlan {
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
    }

    /// MaxScore's split for threshold θ: routing parts are made non-essential, the most read
    /// first, while rows holding only non-essential parts stay provably below θ.
    func partition(threshold: Double) -> ReadingPlan {
        let words = layout.words
        var possible = [Bool](repeating: false, count: words.count * 2)
        var routing: [Int] = []
        for (number, word) in words.enumerated() {
            for part in [number * 2, number * 2 + 1] where canMatch(part: part) {
                if word.routes { routing.append(part) } else { possible[part] = true }
            }
        }
        routing.sort { layout.partDocuments[$0] > layout.partDocuments[$1] }
        for part in routing {
            possible[part] = true
            if !(bound(possibleParts: possible) < threshold) { possible[part] = false }
        }
        var plan = ReadingPlan()
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
        for (part, _) in lookupParts {
            var terms: [Int] = []
            for phrase in phrases(of: part) {
                for token in phrase.firstToken..<phrase.endToken {
                    terms += layout.tokenTerms[layout.tokenStart[token]..<layout.tokenStart[token + 1]]
                }
            }
            plan.lookups.append((part / 2, terms))
        }
        closeWords(&plan)
        return plan
    }

    /// Fills the plan's account of the words without an essential part.
    private func closeWords(_ plan: inout ReadingPlan) {
        let ceiling = formula.k1 + 1
        let words = layout.words
        plan.closedShare = [Double](repeating: 0, count: words.count)
        plan.closedPossible = [Bool](repeating: false, count: words.count)
        plan.closedTyped = [Bool](repeating: false, count: words.count)
        for (number, word) in words.enumerated() {
            let essential = plan.essential[number * 2] || plan.essential[number * 2 + 1]
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
