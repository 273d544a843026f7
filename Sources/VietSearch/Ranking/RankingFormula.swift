import VietSearchSQLite

/// The arithmetic of `vietsearch_rank`, in one place for both ways a row is scored: the FTS5
/// auxiliary function (from FTS5's phrase instances) and the pruned ranker (from the postings
/// it reads itself). Same inputs, same operations in the same order, so the two give the same
/// score bit for bit; the ranker's exactness tests compare them.
///
/// Per query word: BM25 of its matches in any accent form (`any`), of its matches in the form
/// typed (`exact`), and of the places where it follows the previous query word (`adjacent`);
/// a title token counts `titleWeight` body tokens. Keyword queries add tier bonuses for rows
/// with every required word, and among them every accented one in the form typed.
struct RankingFormula {
    struct Word {
        var anyWeight: Double
        var exactWeight: Double
        var pairWeight: Double
        var isRequired: Bool
        var isAccented: Bool
    }

    let words: [Word]
    let k1: Double
    let b: Double
    let titleWeight: Double
    let allWordsBonus: Double
    let exactFormsBonus: Double
    /// Average tokens per row (`xColumnTotalSize` over `xRowCount`, at least 1).
    let averageLength: Double

    init(plan: VietnameseRankingPlan, averageLength: Double) {
        words = plan.words.map {
            Word(anyWeight: $0.anyWeight, exactWeight: $0.exactWeight, pairWeight: $0.pairWeight, isRequired: $0.isRequired, isAccented: $0.isAccented)
        }
        k1 = plan.k1
        b = plan.b
        titleWeight = plan.titleWeight
        allWordsBonus = plan.allWordsBonus
        exactFormsBonus = plan.exactFormsBonus
        self.averageLength = averageLength
    }

    /// The average row length as the function reads it: tokens over rows, 1 when unknown.
    static func averageLength(rows: Int64, tokens: Int64) -> Double {
        rows > 0 ? max(Double(tokens) / Double(rows), 1) : 1
    }

    /// BM25's length normalization of a row of `length` tokens (k1 × (1 − b + b × len / avgdl)).
    @inline(__always)
    func norm(length: Int32) -> Double {
        k1 * (1 - b + b * Double(length) / averageLength)
    }

    /// BM25's saturation of a frequency (`f × (k1 + 1) / (f + norm)`): rises with `f`, below
    /// k1 + 1.
    @inline(__always)
    func saturated(_ frequency: Double, norm: Double) -> Double {
        frequency * (k1 + 1) / (frequency + norm)
    }

    /// The row's score from its words' tallies (`any`, `exact`, `adjacent`: per word, in query
    /// order).
    @inline(__always)
    func score(
        any: UnsafeMutableBufferPointer<Double>, exact: UnsafeMutableBufferPointer<Double>,
        adjacent: UnsafeMutableBufferPointer<Double>, length: Int32
    ) -> Double {
        let norm = norm(length: length)
        var score = 0.0
        var allWords = true
        var exactForms = true
        for index in words.indices {
            let word = words[index]
            let anyCount = any[index]
            let exactCount = exact[index]
            if anyCount > 0 { score += word.anyWeight * saturated(anyCount, norm: norm) }
            if exactCount > 0 { score += word.exactWeight * saturated(exactCount, norm: norm) }
            if adjacent[index] > 0 { score += word.pairWeight * saturated(adjacent[index], norm: norm) }
            if word.isRequired {
                if anyCount == 0 && exactCount == 0 { allWords = false }
                if word.isAccented && exactCount == 0 { exactForms = false }
            }
        }
        if allWords {
            score += allWordsBonus
            if exactForms { score += exactFormsBonus }
        }
        return score
    }
}

/// What `vietsearch_rank` counts of one row's matches, word by word in query order: per word,
/// its matches in any form and in the typed form (title tokens weighted), and the places where
/// it starts right where the previous word ends. Each place counts once for adjacency, whichever
/// phrase matched it. Fed instance by instance (`add`), closed per word (`finishWord`).
///
/// Places are `offset × columns + column`; a word of `n` tokens ends `n × columns` places after
/// it starts. Sets of places are bit sets (`PlaceSet`), emptied at the cost of their size.
struct MatchTally {
    var starts = PlaceSet()
    var previousEnds = PlaceSet()
    var ends = PlaceSet()
    var any = 0.0
    var exact = 0.0
    var adjacency = 0.0

    func deallocate() {
        starts.deallocate()
        previousEnds.deallocate()
        ends.deallocate()
    }

    /// One match of the current word at `place`, of weight `weight` (the title's or 1).
    @inline(__always)
    mutating func add(
        place: Int, weight: Double, countsAsAny: Bool, countsAsExact: Bool, countsAdjacency: Bool, marksEnds: Bool,
        placeLength: Int
    ) {
        if countsAsAny { any += weight }
        if countsAsExact { exact += weight }
        if countsAdjacency || marksEnds {
            if countsAdjacency, starts.insert(place), previousEnds.contains(place) { adjacency += weight }
            if marksEnds { _ = ends.insert(place + placeLength) }
        }
    }

    /// The current word's counts; the next word's adjacency starts from where this one ended.
    @inline(__always)
    mutating func finishWord() -> (any: Double, exact: Double, adjacency: Double) {
        let counts = (any, exact, adjacency)
        any = 0
        exact = 0
        adjacency = 0
        starts.removeAll()
        previousEnds.removeAll()
        swap(&previousEnds, &ends)
        return counts
    }

    /// Forgets the row's last word (call after the last `finishWord`).
    @inline(__always)
    mutating func finishRow() {
        previousEnds.removeAll()
        ends.removeAll()
    }
}
