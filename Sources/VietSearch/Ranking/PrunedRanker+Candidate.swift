extension PrunedRanker {
    /// The candidate's score, or nil when it provably cannot reach `threshold`, is excluded, or
    /// lacks every routing word. `atRow`: the essential terms with an entry at the row.
    func evaluate(
        _ row: Int64, atRow: [Int], epoch: Int, plan: ReadingPlan, threshold: Double, tally: inout MatchTally,
        counts: UnsafeMutableBufferPointer<Double>
    ) throws -> Double? {
        // The essential terms: a term's cursors are never behind the row, so those on it hold
        // its entries there; the newest segment's decides.
        for term in plan.drivers {
            termEpoch[term] = epoch
            termCursor[term] = -1
            termWeight[term] = 0
        }
        var found = false
        for term in atRow {
            let range = layout.terms[term]
            for index in range.firstCursor..<range.endCursor {
                let cursor = layout.termCursors[index]
                let state = cursors.states[cursor]
                guard !state.atEnd, state.rowid == row else { continue }
                if state.size > 0 {
                    termCursor[term] = cursor
                    termWeight[term] = try weightedCount(cursor)
                    found = true
                }
                break
            }
        }
        // Rows that only delete markers bring are not candidates.
        guard found else { return nil }
        for term in plan.followingTerms { try resolve(term, at: row, epoch: epoch) }
        let length = try self.length(of: row)
        let norm = formula.norm(length: length)
        var bound = startBound(norm: norm, epoch: epoch, plan: plan)
        if bound.value(formula) < threshold { return nil }
        passedFirstBound += 1
        for lookup in plan.lookups {
            lookupsDone += 1
            for term in lookup.terms { try resolve(term, at: row, epoch: epoch) }
            refine(lookup.word, norm: norm, epoch: epoch, plan: plan, bound: &bound)
            if bound.value(formula) < threshold { return nil }
        }
        if try isExcluded(row, epoch: epoch) { return nil }
        let score = try self.score(row, length: length, tally: &tally, counts: counts)
        // A row the essential parts brought may still hold no routing word (a phrase's first
        // token without the rest): it does not match.
        for (number, word) in layout.words.enumerated() where word.routes && (counts[number] > 0 || counts[layout.words.count + number] > 0) {
            return score
        }
        return nil
    }

    /// The row's token count: from the lengths held in memory, else FTS5's `%_docsize`.
    func length(of row: Int64) throws -> Int32 {
        if row >= 0, row < lengths.count, lengths[Int(row)] >= 0 { return lengths[Int(row)] }
        return try sizeLookup(row)
    }

    /// What the row holds of `term`: the newest segment with an entry for the row decides (an
    /// empty entry: the row was deleted or rewritten without the term).
    @inline(__always)
    func resolve(_ term: Int, at row: Int64, epoch: Int) throws {
        guard termEpoch[term] != epoch else { return }
        termEpoch[term] = epoch
        termCursor[term] = -1
        termWeight[term] = 0
        let range = layout.terms[term]
        for index in range.firstCursor..<range.endCursor {
            let cursor = layout.termCursors[index]
            try cursors.seek(cursor, to: row)
            let state = cursors.states[cursor]
            guard !state.atEnd, state.rowid == row else { continue }
            if state.size > 0 {
                termCursor[term] = cursor
                termWeight[term] = try weightedCount(cursor)
            }
            return
        }
    }

    /// The cursor's matches at its row, title ones weighted as the rank function weighs them.
    @inline(__always)
    func weightedCount(_ cursor: Int) throws -> Double {
        let titleWeight = formula.titleWeight
        return try cursors.withPositions(cursor) { bytes, size in
            var offset = 0
            var column: UInt64 = 0
            var title = 0
            var body = 0
            while offset < size {
                let value = FTS5Page.varint(bytes, &offset)
                if value == 1 {
                    column = FTS5Page.varint(bytes, &offset)
                } else if column == 0 {
                    title += 1
                } else {
                    body += 1
                }
            }
            return Double(title) * titleWeight + Double(body)
        }
    }

    /// The phrase's matches at the row, title ones weighted, or an upper bound of them (nil when
    /// a term is not resolved): a phrase of several tokens occurs at most as often as any of them.
    @inline(__always)
    func phraseWeight(_ phrase: Phrase, epoch: Int) -> Double? {
        var smallest = Double.infinity
        for token in phrase.firstToken..<phrase.endToken {
            var sum = 0.0
            for index in layout.tokenStart[token]..<layout.tokenStart[token + 1] {
                let term = layout.tokenTerms[index]
                guard termEpoch[term] == epoch else { return nil }
                sum += termWeight[term]
            }
            smallest = min(smallest, sum)
        }
        return smallest == .infinity ? 0 : smallest
    }

    /// Whether an excluded phrase occurs in the row.
    func isExcluded(_ row: Int64, epoch: Int) throws -> Bool {
        for phrase in layout.excluded {
            for token in phrase.firstToken..<phrase.endToken {
                for index in layout.tokenStart[token]..<layout.tokenStart[token + 1] {
                    try resolve(layout.tokenTerms[index], at: row, epoch: epoch)
                }
            }
            guard let weight = phraseWeight(phrase, epoch: epoch), weight > 0 else { continue }
            if phrase.endToken - phrase.firstToken == 1 { return true }
            var found = false
            try forEachInstance(of: phrase) { _, _ in found = true }
            if found { return true }
        }
        return false
    }

    /// The row's score from its positions, as `vietsearch_rank` computes it (every term of every
    /// phrase must be resolved at the row).
    func score(_ row: Int64, length: Int32, tally: inout MatchTally, counts: UnsafeMutableBufferPointer<Double>) throws -> Double {
        let words = layout.words
        let titleWeight = formula.titleWeight
        let columns = self.columns
        let any = UnsafeMutableBufferPointer(rebasing: counts[0..<words.count])
        let exact = UnsafeMutableBufferPointer(rebasing: counts[words.count..<(2 * words.count)])
        let adjacent = UnsafeMutableBufferPointer(rebasing: counts[(2 * words.count)..<(3 * words.count)])
        for (number, word) in words.enumerated() {
            let placeLength = word.length * columns
            for phrase in layout.phrases[word.firstPhrase..<word.endPhrase] {
                try forEachInstance(of: phrase) { column, offset in
                    tally.add(
                        place: offset * columns + column, weight: column == 0 ? titleWeight : 1.0, countsAsAny: phrase.countsAsAny,
                        countsAsExact: phrase.countsAsExact, countsAdjacency: word.countsAdjacency, marksEnds: word.marksEnds,
                        placeLength: placeLength)
                }
            }
            (any[number], exact[number], adjacent[number]) = tally.finishWord()
        }
        tally.finishRow()
        return formula.score(any: any, exact: exact, adjacent: adjacent, length: length)
    }

    /// Calls `body` with the column and offset of each match of the phrase at the current row
    /// (its terms resolved there): each position of a one-token phrase's terms; for longer
    /// phrases, each place where every token follows the one before in one column.
    func forEachInstance(of phrase: Phrase, _ body: (Int, Int) throws -> Void) throws {
        if phrase.endToken - phrase.firstToken == 1 {
            for index in layout.tokenStart[phrase.firstToken]..<layout.tokenStart[phrase.firstToken + 1] {
                let cursor = termCursor[layout.tokenTerms[index]]
                guard cursor >= 0 else { continue }
                try forEachPosition(cursor, body)
            }
            return
        }
        // Each token's places, then the starts where all follow in order.
        var places: [Set<Int>] = []
        let columns = self.columns
        for token in phrase.firstToken..<phrase.endToken {
            var set = Set<Int>()
            for index in layout.tokenStart[token]..<layout.tokenStart[token + 1] {
                let cursor = termCursor[layout.tokenTerms[index]]
                guard cursor >= 0 else { continue }
                try forEachPosition(cursor) { column, offset in set.insert(offset * columns + column) }
            }
            if set.isEmpty { return }
            places.append(set)
        }
        for start in places[0].sorted() where (1..<places.count).allSatisfy({ places[$0].contains(start + $0 * columns) }) {
            try body(start % columns, start / columns)
        }
    }

    /// Decodes the cursor's position list (`sqlite3Fts5PoslistNext64`): varints of offset + 2,
    /// as deltas within a column; a 1 starts a new column, whose number follows.
    @inline(__always)
    func forEachPosition(_ cursor: Int, _ body: (Int, Int) throws -> Void) throws {
        try cursors.withPositions(cursor) { bytes, size in
            var offset = 0
            var column = 0
            var position = 0
            while offset < size {
                let value = Int(truncatingIfNeeded: FTS5Page.varint(bytes, &offset))
                if value == 1 {
                    column = Int(truncatingIfNeeded: FTS5Page.varint(bytes, &offset))
                    position = 0
                    continue
                }
                position += value - 2
                try body(column, position)
            }
        }
    }
}
