/// Upper bounds of a query's score over blocks of rows (2^`shift` rowids), from the
/// stored block maxima of its words' syllables: the ranker skips a block whose bound is below the
/// k-th best score, before reading a row of it (docs/ENGINE.md, "Stored block maxima").
///
/// A bounded word has, per block, an upper bound of `c / (1 − b + b × length / average)` at any
/// row of the block for each count `c` the score takes of it: its weighted matches in any form
/// (`any`), in the typed form (`exact`), and its places (`places`, which bound its pairs: a pair
/// occurs at most once per place of either word). BM25's saturation of a count is
/// `(k1 + 1) × y / (y + k1)` with that ratio `y`, rising with `y`. The bounds come from the
/// syllables' stored maxima (`BlockMaxima`). Other words count at their ceiling, as the ranker's
/// bounds start.
struct BlockBounds {
    struct Word {
        /// Per block, the ratio bounds (infinity: unknown); nil: the word counts at its ceiling.
        var any: [Double]?
        var exact: [Double] = []
        var places: [Double] = []
        /// What each array's values are multiplied by (a word bounded by one syllable shares its
        /// values, scaled, rather than copying them three times).
        var anyScale = 1.0
        var exactScale = 1.0
        var placeScale = 1.0
        /// At its ceiling: its share, and whether it may be present (in the typed form).
        var ceilingShare: Double
        var ceilingPossible: Bool
        var ceilingTyped: Bool
    }

    /// Per query word; its weights are `formula.words`'.
    let words: [Word]
    let formula: RankingFormula
    /// Rows per block, as a power of two.
    let shift: Int
    /// The first block past every word's values (they hold nothing there).
    let beyond: Int
    /// Bounds computed so far, by block (NaN: not yet).
    private var cache: [Double] = []

    init(words: [Word], shift: Int, formula: RankingFormula) {
        self.words = words
        self.shift = shift
        beyond = words.compactMap { $0.any?.count }.max() ?? 0
        self.formula = formula
    }

    /// Removes from `rows` (offsets from `base`, below `end`) those in blocks whose bound is
    /// below `threshold`.
    mutating func dropDead(_ rows: inout [Int], base: Int64, end: Int64, threshold: Double) {
        let first = block(of: base)
        let last = block(of: end - 1)
        var dead = [Bool](repeating: false, count: last - first + 1)
        var anyDead = false
        for block in first...last where bound(block: block) < threshold {
            dead[block - first] = true
            anyDead = true
        }
        guard anyDead else { return }
        rows.removeAll { dead[self.block(of: base + Int64($0)) - first] }
    }

    /// The first row at or after `row` whose block may reach `threshold`, or nil past `last`.
    mutating func firstLive(from row: Int64, through last: Int64, threshold: Double) -> Int64? {
        var block = block(of: row)
        let lastBlock = self.block(of: last)
        while block <= lastBlock, bound(block: block) < threshold {
            // Every block past the stored values has the same bound.
            if block == beyond { return nil }
            block += 1
        }
        guard block <= lastBlock else { return nil }
        return max(row, Int64(block) << shift)
    }

    /// The row's block, or `beyond` for every row past the stored values.
    @inline(__always)
    private func block(of row: Int64) -> Int {
        Int(min(max(row, 0) >> shift, Int64(beyond)))
    }

    /// The block's bound, rounded up as the ranker's bounds are.
    mutating func bound(block: Int) -> Double {
        if block < cache.count, !cache[block].isNaN { return cache[block] }
        if block >= cache.count { cache += [Double](repeating: .nan, count: block + 1 - cache.count) }
        let value = compute(block: block)
        cache[block] = value
        return value
    }

    private func compute(block: Int) -> Double {
        let k1 = formula.k1
        let ceiling = k1 + 1
        func saturated(_ y: Double) -> Double { y == .infinity ? ceiling : y * ceiling / (y + k1) }
        var total = 0.0
        var allWords = true
        var exactForms = true
        var previousPresent = false
        var previousPlaces = Double.infinity
        for (number, word) in words.enumerated() {
            let weights = formula.words[number]
            var present = word.ceilingPossible
            var typed = word.ceilingTyped
            var places = Double.infinity
            if let any = word.any {
                let anyRatio = block < any.count ? Self.scaled(any[block], word.anyScale) : 0
                let exactRatio = block < word.exact.count ? Self.scaled(word.exact[block], word.exactScale) : 0
                present = anyRatio > 0 || exactRatio > 0
                typed = exactRatio > 0
                places = block < word.places.count ? Self.scaled(word.places[block], word.placeScale) : 0
                total += weights.anyWeight * saturated(anyRatio) + weights.exactWeight * saturated(exactRatio)
            } else {
                total += word.ceilingShare
            }
            if number > 0, weights.pairWeight > 0, present, previousPresent {
                total += weights.pairWeight * saturated(min(places, previousPlaces))
            }
            if weights.isRequired {
                if !present { allWords = false }
                if weights.isAccented && !typed { exactForms = false }
            }
            previousPresent = present
            previousPlaces = places
        }
        if allWords {
            total += formula.allWordsBonus
            if exactForms { total += formula.exactFormsBonus }
        }
        return PrunedRanker.roundedUp(total)
    }

    /// A stored value times its scale; a scale of 0 (no phrase counts that way) gives 0, even
    /// for an unknown (infinite) value.
    @inline(__always)
    private static func scaled(_ value: Double, _ scale: Double) -> Double {
        scale == 0 ? 0 : value * scale
    }
}
