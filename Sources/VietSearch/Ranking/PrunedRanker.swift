import Foundation
import VietSearchSQLite

/// The exact top rows of `vietsearch_rank` for a `RankingQuery`, found by reading the index's
/// postings (`PostingCursors`) instead of scoring every match through FTS5: MaxScore (Turtle &
/// Flood 1995) with bounds per row.
///
/// - **What is read.** Each query word has one or two *parts*: its phrases in the form typed
///   (which count as exact) and its other phrases. The parts are split as MaxScore splits terms:
///   a part is *essential* unless rows holding only non-essential parts provably score below the
///   current k-th best score θ, counting every bonus and every adjacent pair those parts could
///   add (`bound(possible:)`). Only the essential parts' postings are walked; a row they bring is
///   a candidate, and the other parts are looked up at that row only when its bound still
///   reaches θ.
/// - **What is pruned.** A candidate is dropped when its upper bound is below θ, strictly (equal
///   scores are ordered by rowid, so a tie must be scored). The bound is exact arithmetic on
///   what is known of the row: the frequencies of the parts read (a position list's entries,
///   title ones weighted), BM25's ceiling (k1 + 1) for parts not read, its length from
///   `DocumentLengths`, and for each adjacent pair the smaller of the two words' frequencies
///   (a pair occurs at most once per place of either word). It is rounded up.
/// - **What is scored.** A row whose bound reaches θ once every part is known is scored from its
///   positions by `RankingFormula` and `MatchTally`, as `vietsearch_rank` scores it; θ only ever
///   comes from such scores.
///
/// Rows are visited in rowid order within `range`; two rankers over the two halves of the rows
/// share the best scores either has found (`SharedThreshold`), each pruning with the k-th best
/// of both. With files stored in
/// sections, the top k are files (`TopRows`): θ is the k-th best of k different files.
final class PrunedRanker {
    struct Outcome {
        /// The best rows, best first (equal scores by rowid).
        var rows: [(id: Int64, score: Double)]
        /// Rows scored from their positions (or given up part way), and candidates considered (for
        /// measurements).
        var scored = 0
        var candidates = 0
        var lookups = 0
    }

    struct Term {
        var firstCursor: Int
        var endCursor: Int
    }

    struct Phrase {
        var word: Int
        var countsAsAny: Bool
        var countsAsExact: Bool
        /// In the word's typed part (it counts as exact), else in its other part.
        var isTyped: Bool
        /// What one match counts: 1, or the plan's `expansionWeight` for a phrase the search
        /// added (`RankingQuery.Phrase.isExpansion`).
        var weight: Double
        /// Its tokens, each with its terms (a prefix has several): `tokenTerms[tokenStart[i]..<tokenStart[i + 1]]`
        /// for i in `firstToken..<endToken`.
        var firstToken: Int
        var endToken: Int
    }

    struct Word {
        var firstPhrase: Int
        var endPhrase: Int
        var routes: Bool
        /// Only its typed part brings rows (`RankingQuery.Word.routesTypedOnly`).
        var routesTypedOnly: Bool
        var anyWeight: Double
        var exactWeight: Double
        var pairWeight: Double
        var isRequired: Bool
        var isAccented: Bool
        var countsAdjacency: Bool
        var marksEnds: Bool
        /// Tokens in the word (as the rank function counts them: its first phrase's).
        var length: Int
    }

    /// One term of one phrase of a word, for the bounds: what a match of the term counts as. A
    /// phrase of several tokens is one entry (`term` -1), bounded through its tokens.
    struct Entry {
        var term: Int
        var phrase: Int
        var countsAsAny: Bool
        var countsAsExact: Bool
        /// Counts towards the word's places (its matches by column weight, for the pair bounds):
        /// every entry except the typed form's when an any-form phrase covers it too.
        var countsPlaces: Bool
        /// Its phrase's weight (`Phrase.weight`).
        var weight: Double
    }

    /// The query's phrases and their terms, each term with its cursors.
    struct Layout {
        /// A phrase whose every token has a term in the index: one that can match.
        func canMatch(_ phrase: Phrase) -> Bool {
            (phrase.firstToken..<phrase.endToken).allSatisfy { tokenStart[$0 + 1] > tokenStart[$0] }
        }

        /// Per word, its entries: `entries[wordEntries[w]..<wordEntries[w + 1]]`.
        var entries: [Entry] = []
        var wordEntries: [Int] = [0]
        var terms: [Term] = []
        /// Per term, its cursors, newest segment first: `termCursors[firstCursor..<endCursor]`.
        var termCursors: [Int] = []
        var tokenStart: [Int] = [0]
        var tokenTerms: [Int] = []
        var phrases: [Phrase] = []
        var words: [Word] = []
        /// Phrases whose rows are left out (their `word` is -1).
        var excluded: [Phrase] = []
        /// Per part (word × 2 + 0 for typed, 1 for other), its estimated document count.
        var partDocuments: [Int] = []
        /// Per part, whether a phrase of it that can match counts as any form, as the typed form.
        var partCountsAny: [Bool] = []
        var partCountsExact: [Bool] = []
        /// Per part, whether a phrase of it can match (`canMatch(part:)`, asked at every split).
        var partCanMatch: [Bool] = []
    }

    let cursors: PostingCursors
    let formula: RankingFormula
    let lengths: [Int32]
    let range: ClosedRange<Int64>
    let k: Int
    let shared: SharedThreshold?
    /// Columns of the table: places are offset × columns + column.
    let columns: Int
    /// Row sizes the lengths do not hold (rows added since they were loaded).
    let sizeLookup: (Int64) throws -> Int32
    /// The only rows that may be returned, ascending (a search's filter); nil: every row.
    let allowed: [Int64]?
    /// Per row of a file stored in sections, the file (`SectionMap.files`): the top k are files,
    /// each with its best section (`TopRows`). Empty: every row is a file.
    let files: [Int64: Int64]
    let layout: Layout

    // Per candidate row, what is known of each term there. Raw buffers, for the inner loops.
    /// The candidate at which the term was last resolved.
    let termEpoch: UnsafeMutableBufferPointer<Int>
    /// At that candidate, its position list (count 0: the row lacks the term).
    let termBytes: UnsafeMutableBufferPointer<UnsafePointer<UInt8>?>
    let termCount: UnsafeMutableBufferPointer<Int>
    /// The window in which the term's postings were read in bulk: then it is known at every row
    /// of the window (absent where `termEpoch` is not the row's).
    let termWindow: UnsafeMutableBufferPointer<Int>
    /// Its matches there, title ones weighted.
    let termWeight: UnsafeMutableBufferPointer<Double>
    /// Per term, the entries that use it: `entries[termUses[termUseStart[t]..<termUseStart[t + 1]]]`.
    let termUseStart: UnsafeMutableBufferPointer<Int>
    let termUses: UnsafeMutableBufferPointer<Int>
    /// Per word, scratch sums of its matches at the candidate: any form, typed form, places.
    let wordAny: UnsafeMutableBufferPointer<Double>
    let wordExact: UnsafeMutableBufferPointer<Double>
    let wordSum: UnsafeMutableBufferPointer<Double>
    /// `layout.entries` and `layout.wordEntries`, for the inner loops.
    let entries: UnsafeMutableBufferPointer<Entry>
    let wordEntries: UnsafeMutableBufferPointer<Int>
    /// Per term, its entries in the current window (`Window.entries`, which `readTerm` appends
    /// one term at a time), when read there: walked in order, where a chain of links made each
    /// step wait for the load before it.
    let termEntries: UnsafeMutableBufferPointer<Range<Int>>
    /// Per word, what it adds at most to a row when none of its terms is known (BM25's ceiling
    /// for each kind of phrase it has that can match), and whether it can be present (in the
    /// form typed).
    let ceilingShare: UnsafeMutableBufferPointer<Double>
    let ceilingPossible: UnsafeMutableBufferPointer<Bool>
    let ceilingTyped: UnsafeMutableBufferPointer<Bool>
    /// Scratch for the rank function's per-word tallies (any, exact, adjacent).
    let scratchCounts: UnsafeMutableBufferPointer<Double>
    /// Rows in the index.
    let rowCount: Int64
    /// The terms of the excluded phrases.
    let excludedTerms: [Int]
    /// Per cursor, its term, and its place in the term's cursors (0: the newest segment's).
    let cursorTerm: UnsafeMutableBufferPointer<Int>
    let cursorRank: UnsafeMutableBufferPointer<Int>
    /// Per term, the lowest row any of its cursors is on (Int64.max at the end).
    let termRow: UnsafeMutableBufferPointer<Int64>
    /// Per word, what the candidate's bound counts for it (valid when `wordEpoch` is the
    /// candidate's; else the partition's default for a word none of whose parts is read).
    let wordEpoch: UnsafeMutableBufferPointer<Int>
    let wordPossible: UnsafeMutableBufferPointer<Bool>
    /// At most this many places (title ones weighted); infinity when unknown.
    let wordPlaces: UnsafeMutableBufferPointer<Double>
    /// Its own terms' share of the bound (not its pair with the previous word).
    let wordShare: UnsafeMutableBufferPointer<Double>
    /// Whether it can count as present, and in the form typed, for the tier bonuses.
    let wordPresent: UnsafeMutableBufferPointer<Bool>
    let wordTyped: UnsafeMutableBufferPointer<Bool>
    /// Per word, the share of its pair with the previous word, and for a pair of two words
    /// without an essential part, the candidate at which it was last counted anew.
    let pairShare: UnsafeMutableBufferPointer<Double>
    let pairTracked: UnsafeMutableBufferPointer<Int>
    /// Per word, the rows of the range where it may follow the previous word (stored pair
    /// postings, `PairPostings.rows`, which reads only the range), or nil when not known; their
    /// count over the whole index (the split's cost of reading them); where the next window's
    /// rows start in them.
    let pairRows: [[Int64]?]
    let pairDocuments: [Int]
    var pairNext: [Int]
    /// Per word, at the candidate being evaluated: its pair with the previous word is known absent.
    let pairAbsent: UnsafeMutableBufferPointer<Bool>
    /// Bounds per block of rows from the stored block maxima (`BlockBounds`); nil without them.
    var blocks: BlockBounds?
    /// Per phrase of several tokens (`layout.phrases`), the rows where its consecutive syllables
    /// are adjacent (`PairPostings.phraseRows`), which hold every row with the phrase: only they
    /// are its candidates; where the next window's rows start in them.
    let phraseRows: [[Int64]?]
    var phraseNext: [Int]
    /// Scratch lists of `forEachInstance`: each token's positions, then the phrase's starts.
    var instanceScratch: [[Int]] = []

    init(
        query: RankingQuery, records: FTS5Records, index: FTS5Layout, lengths: [Int32], range: ClosedRange<Int64>, k: Int,
        shared: SharedThreshold?, allowed: [Int64]? = nil, files: [Int64: Int64] = [:], pairRows: [[Int64]?] = [],
        blockMaxima: (shift: Int, words: [[Double]?])? = nil, phraseBlocks: (shift: Int, words: [BlockBounds.Word])? = nil,
        phraseRows: [[[Int64]?]] = [], sizeLookup: @escaping (Int64) throws -> Int32
    ) throws {
        self.allowed = allowed
        let wordTotal = query.words.count
        self.pairRows = pairRows.count == wordTotal ? pairRows : [[Int64]?](repeating: nil, count: wordTotal)
        // Over the whole index, as the words' parts are counted: the range's count scaled up.
        let spanned = Double(max(min(range.upperBound, Int64(lengths.count) - 1) - max(range.lowerBound, 0) + 1, 1))
        let scale = max(Double(lengths.count) / spanned, 1)
        pairDocuments = self.pairRows.map { Int(Double($0?.count ?? 0) * scale) }
        pairNext = [Int](repeating: 0, count: wordTotal)
        pairAbsent = .allocate(capacity: max(wordTotal, 1))
        pairAbsent.initialize(repeating: false)
        self.files = files
        columns = max(index.columnTokens.count, 1)
        formula = RankingFormula(
            plan: query.plan, averageLength: RankingFormula.averageLength(rows: index.rowCount, tokens: index.columnTokens.reduce(0, +)))
        cursors = PostingCursors(records: records, capacity: 64)
        self.lengths = lengths
        self.range = range
        self.k = max(k, 1)
        self.shared = shared
        self.sizeLookup = sizeLookup
        layout = try Self.open(query, cursors: cursors, records: records, index: index)
        // In `layout.phrases`' order: each word's phrases, then the excluded ones.
        var flattened = phraseRows.count == wordTotal ? phraseRows.flatMap { $0 } : []
        if flattened.count > layout.phrases.count { flattened = [] }
        self.phraseRows = flattened + [[Int64]?](repeating: nil, count: layout.phrases.count - flattened.count)
        phraseNext = [Int](repeating: 0, count: layout.phrases.count)
        rowCount = index.rowCount
        let opened = layout
        excludedTerms = Array(Set(opened.excluded.flatMap { phrase in
            (phrase.firstToken..<phrase.endToken).flatMap { opened.tokenTerms[opened.tokenStart[$0]..<opened.tokenStart[$0 + 1]] }
        })).sorted()
        for cursor in 0..<cursors.count { try cursors.seek(cursor, to: range.lowerBound) }
        let count = max(layout.terms.count, 1)
        termEpoch = .allocate(capacity: count)
        termEpoch.initialize(repeating: -1)
        termBytes = .allocate(capacity: count)
        termBytes.initialize(repeating: nil)
        termCount = .allocate(capacity: count)
        termCount.initialize(repeating: 0)
        termWindow = .allocate(capacity: count)
        termWindow.initialize(repeating: -1)
        termWeight = .allocate(capacity: count)
        termWeight.initialize(repeating: 0)
        cursorTerm = .allocate(capacity: max(cursors.count, 1))
        cursorTerm.initialize(repeating: -1)
        cursorRank = .allocate(capacity: max(cursors.count, 1))
        cursorRank.initialize(repeating: 0)
        for (term, range) in layout.terms.enumerated() {
            for index in range.firstCursor..<range.endCursor {
                cursorTerm[layout.termCursors[index]] = term
                cursorRank[layout.termCursors[index]] = index - range.firstCursor
            }
        }
        entries = .allocate(capacity: max(layout.entries.count, 1))
        _ = entries.initialize(fromContentsOf: layout.entries)
        wordEntries = .allocate(capacity: layout.wordEntries.count)
        _ = wordEntries.initialize(fromContentsOf: layout.wordEntries)
        termRow = .allocate(capacity: count)
        termRow.initialize(repeating: Int64.max)
        termEntries = .allocate(capacity: count)
        termEntries.initialize(repeating: 0..<0)
        let wordCount = max(layout.words.count, 1)
        ceilingShare = .allocate(capacity: wordCount)
        ceilingShare.initialize(repeating: 0)
        ceilingPossible = .allocate(capacity: wordCount)
        ceilingPossible.initialize(repeating: false)
        ceilingTyped = .allocate(capacity: wordCount)
        ceilingTyped.initialize(repeating: false)
        scratchCounts = .allocate(capacity: wordCount * 3)
        scratchCounts.initialize(repeating: 0)
        let built = layout
        let k1 = formula.k1
        for (number, word) in built.words.enumerated() {
            let matching = built.phrases[word.firstPhrase..<word.endPhrase].filter { phrase in
                (phrase.firstToken..<phrase.endToken).allSatisfy { built.tokenStart[$0 + 1] > built.tokenStart[$0] }
            }
            let any = matching.contains(where: \.countsAsAny)
            let exact = matching.contains(where: \.countsAsExact)
            ceilingPossible[number] = any || exact
            ceilingTyped[number] = exact
            ceilingShare[number] = (any ? word.anyWeight * (k1 + 1) : 0) + (exact ? word.exactWeight * (k1 + 1) : 0)
        }
        var uses = [[Int]](repeating: [], count: layout.terms.count)
        for (index, entry) in layout.entries.enumerated() where entry.term >= 0 { uses[entry.term].append(index) }
        termUseStart = .allocate(capacity: layout.terms.count + 1)
        termUseStart[0] = 0
        for term in uses.indices { termUseStart[term + 1] = termUseStart[term] + uses[term].count }
        termUses = .allocate(capacity: max(uses.reduce(0) { $0 + $1.count }, 1))
        _ = termUses.initialize(fromContentsOf: uses.flatMap { $0 })
        wordAny = .allocate(capacity: max(layout.words.count, 1))
        wordAny.initialize(repeating: 0)
        wordExact = .allocate(capacity: max(layout.words.count, 1))
        wordExact.initialize(repeating: 0)
        wordSum = .allocate(capacity: max(layout.words.count, 1))
        wordSum.initialize(repeating: 0)
        let words = max(layout.words.count, 1)
        wordEpoch = .allocate(capacity: words)
        wordEpoch.initialize(repeating: -1)
        wordPossible = .allocate(capacity: words)
        wordPossible.initialize(repeating: false)
        wordPlaces = .allocate(capacity: words)
        wordPlaces.initialize(repeating: 0)
        wordShare = .allocate(capacity: words)
        wordShare.initialize(repeating: 0)
        wordPresent = .allocate(capacity: words)
        wordPresent.initialize(repeating: false)
        wordTyped = .allocate(capacity: words)
        wordTyped.initialize(repeating: false)
        pairShare = .allocate(capacity: words)
        pairShare.initialize(repeating: 0)
        pairTracked = .allocate(capacity: words)
        pairTracked.initialize(repeating: -1)
        for term in layout.terms.indices { updateRow(of: term) }
        if let phraseBlocks, phraseBlocks.words.count == wordTotal {
            blocks = BlockBounds(words: phraseBlocks.words, shift: phraseBlocks.shift, formula: formula)
        } else if let blockMaxima, blockMaxima.words.count == wordTotal, blockMaxima.words.contains(where: { $0 != nil }) {
            blocks = BlockBounds(words: blockWords(blockMaxima.words), shift: blockMaxima.shift, formula: formula)
        }
    }

    /// The words as `BlockBounds` bounds them: a word with values scales its syllable's matches
    /// by the most its phrases count one match of a term (a term in two of its phrases counts
    /// in both).
    private func blockWords(_ values: [[Double]?]) -> [BlockBounds.Word] {
        layout.words.indices.map { number in
            var bounded = BlockBounds.Word(
                any: nil, ceilingShare: ceilingShare[number], ceilingPossible: ceilingPossible[number], ceilingTyped: ceilingTyped[number])
            var any: [Int: Double] = [:]
            var exact: [Int: Double] = [:]
            var places: [Int: Double] = [:]
            let entries = layout.entries[layout.wordEntries[number]..<layout.wordEntries[number + 1]]
            guard let syllable = values[number], entries.allSatisfy({ $0.term >= 0 }) else { return bounded }
            for entry in entries {
                if entry.countsAsAny { any[entry.term, default: 0] += entry.weight }
                if entry.countsAsExact { exact[entry.term, default: 0] += entry.weight }
                if entry.countsPlaces { places[entry.term, default: 0] += 1 }
            }
            let (anyScale, exactScale, placeScale) = (any.values.max() ?? 0, exact.values.max() ?? 0, places.values.max() ?? 0)
            (bounded.any, bounded.exact, bounded.places) = (syllable, syllable, syllable)
            (bounded.anyScale, bounded.exactScale, bounded.placeScale) = (anyScale, exactScale, placeScale)
            return bounded
        }
    }

    /// The first allowed row at or after `row` (`row` itself without a filter); nil when none is.
    func firstAllowed(from row: Int64) -> Int64? {
        guard let allowed else { return row }
        let index = firstAllowedIndex(from: row)
        return index < allowed.count ? allowed[index] : nil
    }

    /// Where the allowed rows at or after `row` start in `allowed`.
    func firstAllowedIndex(from row: Int64) -> Int {
        guard let allowed else { return 0 }
        var low = 0
        var high = allowed.count
        while low < high {
            let middle = (low + high) / 2
            if allowed[middle] < row { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Recomputes the lowest row the term's cursors are on.
    @inline(__always)
    func updateRow(of term: Int) {
        let range = layout.terms[term]
        var lowest = Int64.max
        for index in range.firstCursor..<range.endCursor {
            let state = cursors.states[layout.termCursors[index]]
            if !state.atEnd, state.rowid < lowest { lowest = state.rowid }
        }
        termRow[term] = lowest
    }

    deinit {
        termEpoch.deallocate()
        termBytes.deallocate()
        termCount.deallocate()
        termWindow.deallocate()
        termWeight.deallocate()
        cursorTerm.deallocate()
        cursorRank.deallocate()
        termRow.deallocate()
        termEntries.deallocate()
        ceilingShare.deallocate()
        ceilingPossible.deallocate()
        ceilingTyped.deallocate()
        scratchCounts.deallocate()
        termUseStart.deallocate()
        termUses.deallocate()
        wordAny.deallocate()
        wordExact.deallocate()
        wordSum.deallocate()
        entries.deallocate()
        wordEntries.deallocate()
        wordEpoch.deallocate()
        wordPossible.deallocate()
        wordPlaces.deallocate()
        wordShare.deallocate()
        wordPresent.deallocate()
        wordTyped.deallocate()
        pairShare.deallocate()
        pairTracked.deallocate()
        pairAbsent.deallocate()
    }

    // MARK: - Setup

    /// Finds every token's terms in every segment and opens their cursors.
    private static func open(_ query: RankingQuery, cursors: PostingCursors, records: FTS5Records, index: FTS5Layout) throws -> Layout {
        var layout = Layout()
        var termIndex: [[UInt8]: Int] = [:]
        var known: [RankingQuery.Token: [Int]] = [:]
        func termsOf(_ token: RankingQuery.Token) throws -> [Int] {
            if let terms = known[token] { return terms }
            var byTerm: [[UInt8]: [Int]] = [:]
            var order: [[UInt8]] = []
            let key = [FTS5Records.mainIndexPrefix] + token.bytes
            for segment in index.segments {
                try records.walkTerms(of: segment, from: key) { entry in
                    guard token.isPrefix ? entry.term.starts(with: key) : entry.term == key else { return false }
                    if byTerm[entry.term] == nil { order.append(entry.term) }
                    // A term another token opened already keeps those cursors.
                    let opened = termIndex[entry.term] != nil
                    byTerm[entry.term, default: []] += opened ? [] : [try cursors.add(segment: segment, entry: entry)]
                    return token.isPrefix
                }
            }
            var terms: [Int] = []
            for term in order {
                if termIndex[term] == nil {
                    termIndex[term] = layout.terms.count
                    layout.terms.append(Term(firstCursor: layout.termCursors.count, endCursor: layout.termCursors.count + byTerm[term]!.count))
                    layout.termCursors += byTerm[term]!
                }
                terms.append(termIndex[term]!)
            }
            known[token] = terms
            return terms
        }
        func add(_ phrase: RankingQuery.Phrase, word: Int) throws -> Phrase {
            let first = layout.tokenStart.count - 1
            for token in phrase.tokens {
                layout.tokenTerms += try termsOf(token)
                layout.tokenStart.append(layout.tokenTerms.count)
            }
            return Phrase(
                word: word, countsAsAny: phrase.countsAsAny, countsAsExact: phrase.countsAsExact, isTyped: phrase.countsAsExact,
                weight: phrase.isExpansion ? query.plan.expansionWeight : 1, firstToken: first, endToken: layout.tokenStart.count - 1)
        }
        for (number, word) in query.words.enumerated() {
            let weights = query.plan.words[number]
            let first = layout.phrases.count
            for phrase in word.phrases { layout.phrases.append(try add(phrase, word: number)) }
            layout.words.append(
                Word(
                    firstPhrase: first, endPhrase: layout.phrases.count, routes: word.routes, routesTypedOnly: word.routesTypedOnly,
                    anyWeight: weights.anyWeight,
                    exactWeight: weights.exactWeight, pairWeight: weights.pairWeight, isRequired: weights.isRequired,
                    isAccented: weights.isAccented, countsAdjacency: number > 0 && weights.pairWeight > 0,
                    marksEnds: number + 1 < query.words.count && query.plan.words[number + 1].pairWeight > 0, length: weights.length))
            layout.partDocuments += [word.typedDocuments, max(word.documents - word.typedDocuments, 0)]
        }
        for phrase in query.excluded { layout.excluded.append(try add(phrase, word: -1)) }
        for word in layout.words { addEntries(of: word, to: &layout) }
        layout.partCountsAny = [Bool](repeating: false, count: layout.words.count * 2)
        layout.partCountsExact = layout.partCountsAny
        layout.partCanMatch = layout.partCountsAny
        for phrase in layout.phrases where layout.canMatch(phrase) {
            let part = phrase.word * 2 + (phrase.isTyped ? 0 : 1)
            layout.partCanMatch[part] = true
            layout.partCountsAny[part] = layout.partCountsAny[part] || phrase.countsAsAny
            layout.partCountsExact[part] = layout.partCountsExact[part] || phrase.countsAsExact
        }
        return layout
    }

    /// The word's entries: one per term of each one-token phrase, one per longer phrase.
    private static func addEntries(of word: Word, to layout: inout Layout) {
        // A typed form's term that an any-form phrase also covers has its places counted there.
        var anyTerms = Set<Int>()
        for phrase in layout.phrases[word.firstPhrase..<word.endPhrase]
        where phrase.countsAsAny && phrase.endToken - phrase.firstToken == 1 {
            anyTerms.formUnion(layout.tokenTerms[layout.tokenStart[phrase.firstToken]..<layout.tokenStart[phrase.firstToken + 1]])
        }
        for number in word.firstPhrase..<word.endPhrase {
            let phrase = layout.phrases[number]
            if phrase.endToken - phrase.firstToken > 1 {
                layout.entries.append(
                    Entry(
                        term: -1, phrase: number, countsAsAny: phrase.countsAsAny, countsAsExact: phrase.countsAsExact, countsPlaces: true,
                        weight: phrase.weight))
                continue
            }
            for term in layout.tokenTerms[layout.tokenStart[phrase.firstToken]..<layout.tokenStart[phrase.firstToken + 1]] {
                layout.entries.append(
                    Entry(
                        term: term, phrase: number, countsAsAny: phrase.countsAsAny, countsAsExact: phrase.countsAsExact,
                        countsPlaces: phrase.countsAsAny || !anyTerms.contains(term), weight: phrase.weight))
            }
        }
        layout.wordEntries.append(layout.entries.count)
    }
}
