extension PrunedRanker {
    /// A candidate's bound as parts are resolved: the sum of every word's share and every pair's,
    /// and how many required words the row may lack (in any form / in the form typed), for the
    /// tier bonuses. Updated word by word (`refine`), as each looked-up part becomes known.
    struct RowBound {
        var total: Double
        var missing: Int
        var untyped: Int

        func value(_ formula: RankingFormula) -> Double {
            var bonus = 0.0
            if missing == 0 {
                bonus = formula.allWordsBonus
                if untyped == 0 { bonus += formula.exactFormsBonus }
            }
            return PrunedRanker.roundedUp(total + bonus)
        }

        /// Counts a word's share, and whether it may be present (in the form typed).
        @inline(__always)
        mutating func add(_ share: Double, present: Bool, typed: Bool, for word: Word) {
            total += share
            if word.isRequired {
                if !present { missing += 1 }
                if word.isAccented && !typed { untyped += 1 }
            }
        }

        /// Takes out what `add` counted for a word.
        @inline(__always)
        mutating func remove(_ share: Double, present: Bool, typed: Bool, for word: Word) {
            total -= share
            if word.isRequired {
                if !present { missing -= 1 }
                if word.isAccented && !typed { untyped -= 1 }
            }
        }
    }

    /// Counts a word anew after more of its terms were resolved (a looked-up part), and its pairs.
    func refine(_ number: Int, norm: Double, epoch: Int, window: Int, plan: ReadingPlan, bound: inout RowBound) {
        let words = layout.words
        // Take out what was counted for the word and its pairs.
        if wordEpoch[number] == epoch {
            bound.remove(wordShare[number], present: wordPresent[number], typed: wordTyped[number], for: words[number])
        } else {
            bound.remove(plan.closedShare[number], present: plan.closedPossible[number], typed: plan.closedTyped[number], for: words[number])
        }
        let before = number > 0 && words[number].countsAdjacency
        let after = number + 1 < words.count && words[number + 1].countsAdjacency
        if before { bound.total -= currentPairShare(number, epoch: epoch, plan: plan) }
        if after { bound.total -= currentPairShare(number + 1, epoch: epoch, plan: plan) }
        setWord(number, norm: norm, epoch: epoch, window: window, bound: &bound)
        if before { trackPair(number, norm: norm, epoch: epoch, plan: plan, bound: &bound) }
        if after { trackPair(number + 1, norm: norm, epoch: epoch, plan: plan, bound: &bound) }
    }

    @inline(__always)
    private func trackPair(_ number: Int, norm: Double, epoch: Int, plan: ReadingPlan, bound: inout RowBound) {
        let share = pairBound(number, norm: norm, epoch: epoch, plan: plan)
        pairShare[number] = share
        pairTracked[number] = epoch
        bound.total += share
    }

    /// What the bound counts now for the pair ending at word `number`.
    private func currentPairShare(_ number: Int, epoch: Int, plan: ReadingPlan) -> Double {
        if plan.mixedPair[number] || pairTracked[number] == epoch { return pairShare[number] }
        return plan.closedPossible[number - 1] && plan.closedPossible[number] ? layout.words[number].pairWeight * (formula.k1 + 1) : 0
    }

    /// Counts word `number` from its resolved terms (an entry whose term is not resolved counts
    /// at BM25's ceiling) and records it for the row.
    @inline(__always)
    func setWord(_ number: Int, norm: Double, epoch: Int, window: Int, bound: inout RowBound) {
        var any = 0.0
        var exact = 0.0
        var places = 0.0
        var anyOpen = false
        var exactOpen = false
        let entries = self.entries
        let termEpoch = self.termEpoch
        let termWeight = self.termWeight
        let termWindow = self.termWindow
        for index in wordEntries[number]..<wordEntries[number + 1] {
            let entry = entries[index]
            // Matches weighted by column only: the places bound a neighbour's adjacency, which
            // counts a place with the weight of the neighbour's own phrase (up to 1, not this
            // entry's `weight`).
            let matches: Double
            if entry.term >= 0 {
                if termEpoch[entry.term] == epoch {
                    matches = termWeight[entry.term]
                } else if termWindow[entry.term] == window {
                    continue
                } else {
                    anyOpen = anyOpen || entry.countsAsAny
                    exactOpen = exactOpen || entry.countsAsExact
                    continue
                }
            } else {
                guard let phraseWeight = phraseWeight(layout.phrases[entry.phrase], epoch: epoch, window: window) else {
                    anyOpen = anyOpen || entry.countsAsAny
                    exactOpen = exactOpen || entry.countsAsExact
                    continue
                }
                matches = phraseWeight
            }
            let weight = matches * entry.weight
            if entry.countsAsAny { any += weight }
            if entry.countsAsExact { exact += weight }
            if entry.countsPlaces { places += matches }
        }
        record(number, any: any, exact: exact, places: places, anyOpen: anyOpen, exactOpen: exactOpen, norm: norm, epoch: epoch, bound: &bound)
    }

    /// Records word `number`'s state at the candidate and adds its share to the bound.
    @inline(__always)
    func record(
        _ number: Int, any: Double, exact: Double, places: Double, anyOpen: Bool, exactOpen: Bool, norm: Double, epoch: Int,
        bound: inout RowBound
    ) {
        let word = layout.words[number]
        let ceiling = formula.k1 + 1
        var share = 0.0
        if anyOpen {
            share += word.anyWeight * ceiling
        } else if any > 0 {
            share += word.anyWeight * formula.saturated(any, norm: norm)
        }
        if exactOpen {
            share += word.exactWeight * ceiling
        } else if exact > 0 {
            share += word.exactWeight * formula.saturated(exact, norm: norm)
        }
        let present = anyOpen || exactOpen || any > 0 || exact > 0
        let typed = exactOpen || exact > 0
        store(number, share: share, present: present, typed: typed, places: anyOpen || exactOpen ? .infinity : places, epoch: epoch)
        bound.add(share, present: present, typed: typed, for: word)
    }

    /// Records word `number`'s state at the candidate, for `refine` and the pairs.
    @inline(__always)
    func store(_ number: Int, share: Double, present: Bool, typed: Bool, places: Double, epoch: Int) {
        wordEpoch[number] = epoch
        wordShare[number] = share
        wordPossible[number] = present
        wordPresent[number] = present
        wordTyped[number] = typed
        wordPlaces[number] = places
    }

    /// The pair ending at word `number`: at most as often as the rarer of its two words (a
    /// place of either holds at most one of its occurrences), nothing when either is absent.
    func pairBound(_ number: Int, norm: Double, epoch: Int, plan: ReadingPlan) -> Double {
        let known = wordEpoch[number] == epoch
        let knownBefore = wordEpoch[number - 1] == epoch
        let possible = (known ? wordPossible[number] : plan.closedPossible[number])
            && (knownBefore ? wordPossible[number - 1] : plan.closedPossible[number - 1])
        guard possible, !pairAbsent[number] else { return 0 }
        let pairs = min(known ? wordPlaces[number] : .infinity, knownBefore ? wordPlaces[number - 1] : .infinity)
        return layout.words[number].pairWeight * (pairs == .infinity ? formula.k1 + 1 : formula.saturated(pairs, norm: norm))
    }
}
