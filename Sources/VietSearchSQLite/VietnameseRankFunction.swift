import CSQLite

/// The `vietsearch_rank(table, plan)` FTS5 auxiliary function: BM25 per query word rather than
/// per phrase (a word typed without accents is an OR of its accent forms, which must count as
/// one term), the typed accent form as its own weighted term, a bonus for query words that
/// follow each other in the text (Vietnamese words are mostly two syllables), and tier bonuses
/// for documents with every word. See `VietnameseRankingPlan` and docs/ENGINE.md.
///
/// Column 0 is the title. IDFs come with the plan (from the index's term statistics), so no
/// doclist is scanned to compute them, unlike the built-in `bm25()`.
final class VietnameseRankFunction {
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
    /// Average tokens per row, read once per query.
    var averageLength = 0.0
    /// Token counts by rowid, when the connection's owner holds them (else `xColumnSize`).
    let lengths: [Int32]
    // Per-query tables and per-row scratch, allocated once per query. Raw buffers: arrays stored
    // in a class pay a dynamic exclusivity check (and retains) on every access, which was a fifth
    // of the query time.
    /// Words in query order (adjacency is between consecutive words); filled on the first row,
    /// when the column count is known.
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
    /// Per-row scratch for adjacency: the places where the word being read starts (each place
    /// counts once, whichever phrase matched it), where the previous word ends, and where this
    /// one ends. Places are sets of bits, not sorted lists: merging every phrase's instances into
    /// text order was a fifth of a question's time.
    var starts = PlaceSet()
    var previousEnds = PlaceSet()
    var ends = PlaceSet()

    init(plan: VietnameseRankingPlan, lengths: [Int32] = []) {
        self.plan = plan
        self.lengths = lengths
        let count = max(plan.words.count, 1)
        words = .allocate(capacity: plan.words.count)
        anyFrequency = .allocate(capacity: count)
        exactFrequency = .allocate(capacity: count)
        adjacent = .allocate(capacity: count)
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
        phraseSlots = .allocate(capacity: max(slots.count, 1))
        _ = phraseSlots.initialize(fromContentsOf: slots)
        _ = words.initialize(fromContentsOf: entries)
    }

    deinit {
        words.deallocate()
        phraseSlots.deallocate()
        anyFrequency.deallocate()
        exactFrequency.deallocate()
        adjacent.deallocate()
        starts.deallocate()
        previousEnds.deallocate()
        ends.deallocate()
    }

    func score(api: UnsafePointer<Fts5ExtensionApi>, context: OpaquePointer) -> Double? {
        let functions = api.pointee
        guard let first = functions.xPhraseFirst, let next = functions.xPhraseNext, let columnSize = functions.xColumnSize
        else { return nil }
        let words = self.words
        let phraseSlots = self.phraseSlots
        let anyFrequency = self.anyFrequency
        let exactFrequency = self.exactFrequency
        let adjacent = self.adjacent
        if columns == 0 {
            columns = max(Int(functions.xColumnCount?(context) ?? 1), 1)
            for index in words.indices { words[index].placeLength *= columns }
        }
        let columns = self.columns
        let titleWeight = plan.titleWeight
        // Local copies: a class's stored sets pay an exclusivity check on every access.
        var starts = self.starts
        var previousEnds = self.previousEnds
        var ends = self.ends
        defer {
            self.starts = starts
            self.previousEnds = previousEnds
            self.ends = ends
        }
        var iterator = Fts5PhraseIter()
        for index in words.indices {
            let word = words[index]
            var any = 0.0
            var exact = 0.0
            var adjacency = 0.0
            for slot in word.firstSlot..<word.endSlot {
                let entry = phraseSlots[slot]
                var column: Int32 = 0
                var offset: Int32 = 0
                guard first(context, entry.phrase, &iterator, &column, &offset) == SQLITE_OK else { return nil }
                while column >= 0 {
                    let weight = (column == 0 ? titleWeight : 1.0) * entry.weight
                    if entry.countsAsAny { any += weight }
                    if entry.countsAsExact { exact += weight }
                    // Adjacency: this word starting where the previous one ends, and where this
                    // one ends, for the next word.
                    if word.countsAdjacency || word.marksEnds {
                        let place = Int(offset) * columns + Int(column)
                        if word.countsAdjacency, starts.insert(place), previousEnds.contains(place) { adjacency += weight }
                        if word.marksEnds { _ = ends.insert(place + word.placeLength) }
                    }
                    next(context, &iterator, &column, &offset)
                }
            }
            anyFrequency[index] = any
            exactFrequency[index] = exact
            adjacent[index] = adjacency
            starts.removeAll()
            previousEnds.removeAll()
            swap(&previousEnds, &ends)
        }
        previousEnds.removeAll()

        if averageLength == 0 {
            var rows: Int64 = 0
            var tokens: Int64 = 0
            if functions.xRowCount?(context, &rows) == SQLITE_OK, functions.xColumnTotalSize?(context, -1, &tokens) == SQLITE_OK,
                rows > 0
            {
                averageLength = max(Double(tokens) / Double(rows), 1)
            } else {
                averageLength = 1
            }
        }
        var length: Int32 = -1
        if plan.b != 0 {
            if !lengths.isEmpty, let rowid = functions.xRowid?(context), rowid >= 0, rowid < lengths.count {
                length = lengths[Int(rowid)]
            }
            if length < 0 {
                length = 0
                _ = columnSize(context, -1, &length)
            }
        }
        let k1 = plan.k1
        let norm = k1 * (1 - plan.b + plan.b * Double(length) / averageLength)
        func saturated(_ frequency: Double) -> Double { frequency * (k1 + 1) / (frequency + norm) }

        var score = 0.0
        var allWords = true
        var exactForms = true
        for index in words.indices {
            let word = words[index]
            let any = anyFrequency[index]
            let exact = exactFrequency[index]
            if any > 0 { score += word.anyWeight * saturated(any) }
            if exact > 0 { score += word.exactWeight * saturated(exact) }
            if adjacent[index] > 0 { score += word.pairWeight * saturated(adjacent[index]) }
            if word.isRequired {
                if any == 0 && exact == 0 { allWords = false }
                if word.isAccented && exact == 0 { exactForms = false }
            }
        }
        if allWords {
            score += plan.allWordsBonus
            if exactForms { score += plan.exactFormsBonus }
        }
        return score
    }
}

// MARK: - C entry points

private func releaseRankFunction(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    Unmanaged<VietnameseRankFunction>.fromOpaque(pointer).release()
}

private func vietsearchRank(
    _ api: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ result: OpaquePointer?, _ count: Int32,
    _ values: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let api, let fts, let result else { return }
    let functions = api.pointee
    let session = functions.xUserData?(fts).map { Unmanaged<RankingSession>.fromOpaque($0).takeUnretainedValue() }
    session?.rowsScored += 1
    var state: VietnameseRankFunction
    if let saved = functions.xGetAuxdata?(fts, 0) {
        state = Unmanaged<VietnameseRankFunction>.fromOpaque(saved).takeUnretainedValue()
    } else {
        guard count == 1, let value = values?[0], let text = sqlite3_value_text(value),
            let plan = VietnameseRankingPlan(decoding: String(cString: text))
        else {
            sqlite3_result_error(result, "vietsearch_rank: expected one argument, a ranking plan", -1)
            return
        }
        // A plan numbering more phrases than the expression has would read past FTS5's arrays.
        let phrases = functions.xPhraseCount?(fts) ?? 0
        guard plan.phrases.count == phrases else {
            sqlite3_result_error(
                result, "vietsearch_rank: the plan describes \(plan.phrases.count) phrases, the MATCH expression has \(phrases)", -1)
            return
        }
        let lengths = session?.lengths
        state = VietnameseRankFunction(plan: plan, lengths: lengths?.isLoaded == true ? lengths!.lengths : [])
        let retained = Unmanaged.passRetained(state).toOpaque()
        guard functions.xSetAuxdata?(fts, retained, releaseRankFunction) == SQLITE_OK else {
            // xSetAuxdata calls the destructor itself when it fails.
            sqlite3_result_error_nomem(result)
            return
        }
    }
    guard let score = state.score(api: api, context: fts) else {
        sqlite3_result_error(result, "vietsearch_rank: reading the match failed", -1)
        return
    }
    sqlite3_result_double(result, score)
}

/// The name SQLite keeps a pointer to.
private let rankFunctionName: StaticString = "vietsearch_rank"

private func releaseRankingSession(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    Unmanaged<RankingSession>.fromOpaque(pointer).release()
}

/// Registers `vietsearch_rank` on the FTS5 of one connection; with `session`, rows its lengths
/// hold are scored with their token counts, and every call is counted (FTS5 keeps the object
/// until the function is replaced or the connection closes).
package func registerVietnameseRankFunction(fts5: UnsafeMutablePointer<fts5_api>, session: RankingSession? = nil) -> Int32 {
    guard let create = fts5.pointee.xCreateFunction else { return SQLITE_ERROR }
    let name = UnsafeRawPointer(rankFunctionName.utf8Start).assumingMemoryBound(to: CChar.self)
    guard let session else { return create(fts5, name, nil, vietsearchRank, nil) }
    let retained = Unmanaged.passRetained(session)
    let rc = create(fts5, name, retained.toOpaque(), vietsearchRank, releaseRankingSession)
    // FTS5 does not call the destructor when registration fails.
    if rc != SQLITE_OK { retained.release() }
    return rc
}
