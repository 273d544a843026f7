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
    let plan: VietnameseRankingPlan
    /// Average tokens per row, read once per query.
    var averageLength = 0.0
    // Per-row scratch, allocated once per query. Raw buffers: arrays stored in a class pay a
    // dynamic exclusivity check on every access, which was a fifth of the query time.
    let anyFrequency: UnsafeMutableBufferPointer<Double>
    let exactFrequency: UnsafeMutableBufferPointer<Double>
    let adjacent: UnsafeMutableBufferPointer<Double>
    let lastStart: UnsafeMutableBufferPointer<Int64>
    let lastEnd: UnsafeMutableBufferPointer<Int64>
    let words: [VietnameseRankingPlan.Word]
    let phrases: [VietnameseRankingPlan.Phrase]
    /// Token counts by rowid, when the connection's owner holds them (else `xColumnSize`).
    let lengths: [Int32]
    /// The phrases that score (candidate picks and exclusions do not): only theirs are read.
    let scoringPhrases: [Int32]
    /// Per-row scratch: the instances of the scoring phrases as sortable keys (see `score`),
    /// a second buffer to merge them into, and where each phrase's (sorted) run starts.
    var instanceKeys: UnsafeMutableBufferPointer<UInt64>
    var mergeKeys: UnsafeMutableBufferPointer<UInt64>
    let runStarts: UnsafeMutableBufferPointer<Int>

    init(plan: VietnameseRankingPlan, lengths: [Int32] = []) {
        self.plan = plan
        self.lengths = lengths
        words = plan.words
        phrases = plan.phrases
        let count = max(plan.words.count, 1)
        anyFrequency = .allocate(capacity: count)
        exactFrequency = .allocate(capacity: count)
        adjacent = .allocate(capacity: count)
        lastStart = .allocate(capacity: count)
        lastEnd = .allocate(capacity: count)
        scoringPhrases = plan.phrases.indices.filter { plan.phrases[$0].word >= 0 && $0 < 1 << 25 }.map { Int32($0) }
        instanceKeys = .allocate(capacity: 256)
        mergeKeys = .allocate(capacity: 256)
        runStarts = .allocate(capacity: scoringPhrases.count + 1)
    }

    deinit {
        anyFrequency.deallocate()
        exactFrequency.deallocate()
        adjacent.deallocate()
        lastStart.deallocate()
        lastEnd.deallocate()
        instanceKeys.deallocate()
        mergeKeys.deallocate()
        runStarts.deallocate()
    }

    private func grow(_ keys: UnsafeMutableBufferPointer<UInt64>) -> UnsafeMutableBufferPointer<UInt64> {
        let larger = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: keys.count * 2)
        _ = larger.initialize(fromContentsOf: keys)
        keys.deallocate()
        instanceKeys = larger
        mergeKeys.deallocate()
        mergeKeys = .allocate(capacity: larger.count)
        return larger
    }

    /// Sorts `keys[0..<count]`, made of `runs` ascending runs starting at `runStarts` (the last
    /// entry is `count`), by merging neighbouring runs pass after pass; returns the buffer that
    /// holds the result. No allocation, unlike the standard library's sort.
    private func mergeRuns(_ keys: UnsafeMutableBufferPointer<UInt64>, count: Int, runs: Int) -> UnsafeMutableBufferPointer<UInt64> {
        var source = keys
        var target = mergeKeys
        var runs = runs
        let starts = runStarts
        while runs > 1 {
            var merged = 0
            var run = 0
            while run < runs {
                let low = starts[run]
                let middle = starts[min(run + 1, runs)]
                let high = starts[min(run + 2, runs)]
                var left = low
                var right = middle
                var out = low
                while left < middle && right < high {
                    if source[right] < source[left] {
                        target[out] = source[right]
                        right += 1
                    } else {
                        target[out] = source[left]
                        left += 1
                    }
                    out += 1
                }
                while left < middle {
                    target[out] = source[left]
                    left += 1
                    out += 1
                }
                while right < high {
                    target[out] = source[right]
                    right += 1
                    out += 1
                }
                starts[merged] = low
                merged += 1
                run += 2
            }
            starts[merged] = count
            runs = merged
            swap(&source, &target)
        }
        return source
    }

    func score(api: UnsafePointer<Fts5ExtensionApi>, context: OpaquePointer) -> Double? {
        let functions = api.pointee
        guard let first = functions.xPhraseFirst, let next = functions.xPhraseNext, let columnSize = functions.xColumnSize
        else { return nil }
        let words = self.words
        let phrases = self.phrases
        let anyFrequency = self.anyFrequency
        let exactFrequency = self.exactFrequency
        let adjacent = self.adjacent
        let lastStart = self.lastStart
        let lastEnd = self.lastEnd
        for index in words.indices {
            anyFrequency[index] = 0
            exactFrequency[index] = 0
            adjacent[index] = 0
            lastStart[index] = -1
            lastEnd[index] = -1
        }
        // The scoring phrases' instances in text order (column, then offset; at one place, lower
        // phrases first), as `xInst` lists them, so "the previous word ended right here" is a
        // check against its latest instance. Read phrase by phrase and merged here: `xInst` scans
        // every phrase of the expression per instance (cost instances × phrases), a quarter of a
        // question's time under perf with ~50 phrases.
        // Key: column (8 bits), offset (31), phrase (25): ascending keys are xInst's order.
        var count = 0
        var keys = instanceKeys
        var iterator = Fts5PhraseIter()
        var runs = 0
        let runStarts = self.runStarts
        for phrase in scoringPhrases {
            var column: Int32 = 0
            var offset: Int32 = 0
            guard first(context, phrase, &iterator, &column, &offset) == SQLITE_OK else { return nil }
            if column >= 0 {
                runStarts[runs] = count
                runs += 1
            }
            while column >= 0 {
                if count == keys.count { keys = grow(keys) }
                keys[count] = UInt64(UInt8(truncatingIfNeeded: column)) << 56 | UInt64(UInt32(bitPattern: offset)) << 25 | UInt64(phrase)
                count += 1
                next(context, &iterator, &column, &offset)
            }
        }
        runStarts[runs] = count
        let sorted = mergeRuns(keys, count: count, runs: runs)
        for key in sorted[0..<count] {
            let phrase = Int(key & 0x1ff_ffff)
            let column = Int32(key >> 56)
            let offset = Int32(truncatingIfNeeded: (key >> 25) & 0x7fff_ffff)
            let entry = phrases[phrase]
            let word = entry.word
            guard word >= 0 else { continue }
            let weight = column == 0 ? plan.titleWeight : 1.0
            if entry.countsAsAny { anyFrequency[word] += weight }
            if entry.countsAsExact { exactFrequency[word] += weight }
            let position = Int64(column) << 32 | Int64(offset)
            guard lastStart[word] != position else { continue }  // the same place through another phrase
            lastStart[word] = position
            lastEnd[word] = position + Int64(words[word].length)
            if word > 0, words[word].pairWeight > 0, lastEnd[word - 1] == position { adjacent[word] += weight }
        }

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
        for (index, word) in words.enumerated() {
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
        let lengths = functions.xUserData?(fts).map { Unmanaged<DocumentLengths>.fromOpaque($0).takeUnretainedValue() }
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

private func releaseDocumentLengths(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    Unmanaged<DocumentLengths>.fromOpaque(pointer).release()
}

/// Registers `vietsearch_rank` on the FTS5 of one connection; with `lengths`, rows it holds
/// are scored with its token counts (FTS5 keeps the object until the function is replaced or
/// the connection closes).
package func registerVietnameseRankFunction(fts5: UnsafeMutablePointer<fts5_api>, lengths: DocumentLengths? = nil) -> Int32 {
    guard let create = fts5.pointee.xCreateFunction else { return SQLITE_ERROR }
    let name = UnsafeRawPointer(rankFunctionName.utf8Start).assumingMemoryBound(to: CChar.self)
    guard let lengths else { return create(fts5, name, nil, vietsearchRank, nil) }
    let retained = Unmanaged.passRetained(lengths)
    let rc = create(fts5, name, retained.toOpaque(), vietsearchRank, releaseDocumentLengths)
    // FTS5 does not call the destructor when registration fails.
    if rc != SQLITE_OK { retained.release() }
    return rc
}
