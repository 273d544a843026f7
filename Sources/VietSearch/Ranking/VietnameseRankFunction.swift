import VietSearchSQLite

/// How the `vietsearch_rank(table, plan)` FTS5 auxiliary function scores the rows of one query
/// (made at its first row; see `RankingSession` below): BM25 per query word rather than per
/// phrase (a word typed without accents is an OR of its accent forms, which must count as one
/// term), the typed accent form as its own weighted term, a bonus for query words that follow
/// each other in the text (Vietnamese words are mostly two syllables), and tier bonuses for
/// documents with every word. See `VietnameseRankingPlan` and docs/ENGINE.md.
///
/// Column 0 is the title. IDFs come with the plan (from the index's term statistics), so no
/// doclist is scanned to compute them, unlike the built-in `bm25()`.
package final class VietnameseRankFunction {
    /// What the per-row loops need of a word, flat (no arrays or optionals to retain per row).
    struct WordEntry {
        var anyWeight: Double
        var exactWeight: Double
        var pairWeight: Double
        /// Its scoring phrases: `phraseSlots[firstSlot..<endSlot]`.
        var firstSlot: Int
        var endSlot: Int
        /// Tokens in the word, times the table's columns: from a place where it starts to the
        /// place where it ends.
        var placeLength: Int
        /// Starting where the previous word ends counts (its pairWeight > 0).
        var countsAdjacency: Bool
        /// The next word's adjacency needs where this one ends.
        var marksEnds: Bool
        var isRequired: Bool
        var isAccented: Bool
    }

    /// One scoring phrase: its number in the expression and what an instance counts as.
    struct PhraseSlot {
        var phrase: Int32
        var countsAsAny: Bool
        var countsAsExact: Bool
        /// 1, or the plan's `expansionWeight` for a phrase the search added.
        var weight: Double
    }

    let plan: VietnameseRankingPlan
    /// Token counts by rowid, when the connection's owner holds them (else `xColumnSize`).
    let lengths: [Int32]
    // Per-query tables and per-row scratch, allocated once per query. Raw buffers: arrays stored
    // in a class pay a dynamic exclusivity check (and retains) on every access, and these are
    // read for every word of every scored row.
    /// Words in query order (adjacency is between consecutive words); their place lengths are
    /// scaled on the first row, when the column count is known.
    let words: UnsafeMutableBufferPointer<WordEntry>
    /// Per word, the phrases that score it (candidate picks and exclusions do not score): only
    /// theirs are read.
    let phraseSlots: UnsafeMutableBufferPointer<PhraseSlot>
    let anyFrequency: UnsafeMutableBufferPointer<Double>
    let exactFrequency: UnsafeMutableBufferPointer<Double>
    let adjacent: UnsafeMutableBufferPointer<Double>
    /// Columns of the table, read on the first row (places are numbered offset × columns +
    /// column).
    var columns = 0
    /// Per-row counts, word by word (`MatchTally`, shared with `PrunedRanker`, as is the
    /// arithmetic of `formula`): places are sets of bits, not sorted lists, since merging every
    /// phrase's instances into text order was a fifth of a question's time.
    var tally = MatchTally()
    /// The plan's arithmetic, made at the first row (when the average length is known).
    var formula: RankingFormula?

    init(plan: VietnameseRankingPlan, lengths: [Int32] = []) {
        self.plan = plan
        self.lengths = lengths
        let count = max(plan.words.count, 1)
        anyFrequency = .allocate(capacity: count)
        exactFrequency = .allocate(capacity: count)
        adjacent = .allocate(capacity: count)
        let (entries, slots) = Self.tables(of: plan)
        words = .allocate(capacity: entries.count)
        _ = words.initialize(fromContentsOf: entries)
        phraseSlots = .allocate(capacity: max(slots.count, 1))
        _ = phraseSlots.initialize(fromContentsOf: slots)
    }

    /// The plan's words in query order, and per word, the phrases that score it.
    private static func tables(of plan: VietnameseRankingPlan) -> ([WordEntry], [PhraseSlot]) {
        var slots: [PhraseSlot] = []
        var entries: [WordEntry] = []
        for (index, word) in plan.words.enumerated() {
            let first = slots.count
            for (number, phrase) in plan.phrases.enumerated() where phrase.word == index && number <= Int(Int32.max) {
                slots.append(
                    PhraseSlot(
                        phrase: Int32(number), countsAsAny: phrase.countsAsAny, countsAsExact: phrase.countsAsExact,
                        weight: phrase.isExpansion ? plan.expansionWeight : 1))
            }
            entries.append(
                WordEntry(
                    anyWeight: word.anyWeight, exactWeight: word.exactWeight, pairWeight: word.pairWeight, firstSlot: first,
                    endSlot: slots.count, placeLength: word.length, countsAdjacency: index > 0 && word.pairWeight > 0,
                    marksEnds: index + 1 < plan.words.count && plan.words[index + 1].pairWeight > 0, isRequired: word.isRequired,
                    isAccented: word.isAccented))
        }
        return (entries, slots)
    }

    deinit {
        words.deallocate()
        phraseSlots.deallocate()
        anyFrequency.deallocate()
        exactFrequency.deallocate()
        adjacent.deallocate()
        tally.deallocate()
    }

    /// The row's score; nil when FTS5 fails to read its matches. First, per word, its weighted
    /// matches in any form (`anyFrequency`), in the form typed (`exactFrequency`), and starting
    /// where the previous word ends (`adjacent`), from every instance of each of its phrases (a
    /// title match counts `titleWeight`, a body match 1, times the phrase's weight); then BM25
    /// of those, and the bonuses.
    func score(_ row: FTS5AuxiliaryContext) -> Double? {
        if columns == 0 { learnColumns(row.columnCount) }
        let words = self.words
        let phraseSlots = self.phraseSlots
        let anyFrequency = self.anyFrequency
        let exactFrequency = self.exactFrequency
        let adjacent = self.adjacent
        let columns = self.columns
        let titleWeight = plan.titleWeight
        // A local copy: a class's stored tally pays an exclusivity check on every access.
        var tally = self.tally
        defer { self.tally = tally }
        let instances = row.phraseInstances()
        var position = FTS5PhraseInstances.Position()
        for index in words.indices {
            let word = words[index]
            for slot in word.firstSlot..<word.endSlot {
                let entry = phraseSlots[slot]
                guard instances.start(entry.phrase, at: &position) else { return nil }
                while position.isAtInstance {
                    let column = position.column
                    tally.add(
                        place: Int(position.offset) * columns + Int(column), weight: (column == 0 ? titleWeight : 1.0) * entry.weight,
                        countsAsAny: entry.countsAsAny, countsAsExact: entry.countsAsExact, countsAdjacency: word.countsAdjacency,
                        marksEnds: word.marksEnds, placeLength: word.placeLength)
                    instances.advance(&position)
                }
            }
            (anyFrequency[index], exactFrequency[index], adjacent[index]) = tally.finishWord()
        }
        tally.finishRow()
        if formula == nil { formula = RankingFormula(plan: plan, averageLength: Self.averageLength(of: row)) }
        return formula!.score(any: anyFrequency, exact: exactFrequency, adjacent: adjacent, length: rowLength(row))
    }

    /// Places are numbered offset × columns + column, so a word's length in places is its
    /// tokens times the columns.
    private func learnColumns(_ count: Int) {
        columns = max(count, 1)
        for index in words.indices { words[index].placeLength *= columns }
    }

    /// Average tokens per row of the table (at least 1), read once per query.
    private static func averageLength(of row: FTS5AuxiliaryContext) -> Double {
        guard let rows = row.rowCount(), let tokens = row.totalSize(), rows > 0 else { return 1 }
        return max(Double(tokens) / Double(rows), 1)
    }

    /// The row's tokens, from the lengths held in memory when they hold it (else FTS5's
    /// `%_docsize`); unused, so not read, when the plan does not normalize by length.
    @inline(__always)
    private func rowLength(_ row: FTS5AuxiliaryContext) -> Int32 {
        guard plan.b != 0 else { return -1 }
        if !lengths.isEmpty {
            let rowid = row.rowid
            if rowid >= 0, rowid < lengths.count, lengths[Int(rowid)] >= 0 { return lengths[Int(rowid)] }
        }
        return Int32(clamping: row.size() ?? 0)
    }
}

// MARK: - The FTS5 function

extension RankingSession: FTS5AuxiliaryFunction {
    /// Parses the query's plan, at its first row.
    package func makeQueryState(for call: FTS5AuxiliaryContext) throws(FTS5FunctionError) -> VietnameseRankFunction {
        guard call.argumentCount == 1, let text = call.textArgument(at: 0), let plan = VietnameseRankingPlan(decoding: text) else {
            throw FTS5FunctionError("vietsearch_rank: expected one argument, a ranking plan")
        }
        // A plan numbering more phrases than the expression has would read past FTS5's arrays.
        let phrases = call.phraseCount
        guard plan.phrases.count == phrases else {
            throw FTS5FunctionError("vietsearch_rank: the plan describes \(plan.phrases.count) phrases, the MATCH expression has \(phrases)")
        }
        return VietnameseRankFunction(plan: plan, lengths: lengths.isLoaded ? lengths.lengths : [])
    }

    package func value(of call: FTS5AuxiliaryContext, state: VietnameseRankFunction) throws(FTS5FunctionError) -> Double {
        if sections.isEmpty { rowsScored += 1 } else { count(row: call.rowid) }
        guard let score = state.score(call) else { throw FTS5FunctionError("vietsearch_rank: reading the match failed") }
        return score
    }
}

extension SQLiteConnection {
    /// Registers `vietsearch_rank` (see `VietnameseRankingPlan`) on this connection: rows that
    /// `session`'s lengths hold are scored with them, and every call is counted there (FTS5 keeps
    /// the session until the function is replaced or the connection closes).
    package func registerVietnameseRanking(session: RankingSession = RankingSession()) throws(SQLiteError) {
        try registerAuxiliaryFunction(session, name: "vietsearch_rank")
    }
}
