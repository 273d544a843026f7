extension PrunedRanker {
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
        termCount[term] = 0
        termWeight[term] = 0
        let range = layout.terms[term]
        for index in range.firstCursor..<range.endCursor {
            let cursor = layout.termCursors[index]
            try cursors.seek(cursor, to: row)
            let state = cursors.states[cursor]
            guard !state.atEnd, state.rowid == row else { continue }
            if state.size > 0 {
                let list = try cursors.stablePositions(cursor)
                termBytes[term] = list.bytes
                termCount[term] = list.count
                termWeight[term] = weightedCount(list.bytes, list.count)
            }
            return
        }
    }

    /// The matches of a position list, title ones weighted as the rank function weighs them.
    /// The title's positions come first; a later column's start with the byte 1 and the column's
    /// number. With two columns the body is the rest of the list, and every varint ends with a
    /// byte below 0x80, so its positions are counted by those bytes without decoding them (a
    /// common word's list at a row is long, and the bulk reads count thousands of them).
    @inline(__always)
    func weightedCount(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> Double {
        guard columns == 2 else { return weightedCountDecoding(bytes, size) }
        var offset = 0
        var title = 0
        // At the start of a varint, the byte 1 is the value 1: the column marker.
        while offset < size, bytes[offset] != 1 {
            while offset < size, bytes[offset] >= 0x80 { offset += 1 }
            offset += 1
            title += 1
        }
        var body = 0
        if offset < size {
            offset += 1
            _ = FTS5Page.varint(bytes, &offset)
            body = Self.varintEnds(bytes, from: offset, to: size)
        }
        return Double(title) * formula.titleWeight + Double(body)
    }

    /// The bytes in `bytes[start..<end]` that end a varint (high bit clear), eight at a time.
    @inline(__always)
    static func varintEnds(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var count = 0
        var offset = start
        let raw = UnsafeRawPointer(bytes)
        while offset + 8 <= end {
            count &+= (~raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & 0x8080_8080_8080_8080).nonzeroBitCount
            offset += 8
        }
        while offset < end {
            count &+= bytes[offset] < 0x80 ? 1 : 0
            offset += 1
        }
        return count
    }

    /// `weightedCount` for any number of columns: every varint decoded.
    func weightedCountDecoding(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> Double {
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
        return Double(title) * formula.titleWeight + Double(body)
    }

    /// The phrase's matches at the row, title ones weighted, or an upper bound of them (nil when
    /// a term is not resolved): a phrase of several tokens occurs at most as often as any of them.
    @inline(__always)
    func phraseWeight(_ phrase: Phrase, epoch: Int, window: Int) -> Double? {
        var smallest = Double.infinity
        for token in phrase.firstToken..<phrase.endToken {
            var sum = 0.0
            for index in layout.tokenStart[token]..<layout.tokenStart[token + 1] {
                let term = layout.tokenTerms[index]
                if termEpoch[term] == epoch {
                    sum += termWeight[term]
                } else if termWindow[term] != window {
                    return nil
                }
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
            guard let weight = phraseWeight(phrase, epoch: epoch, window: -2), weight > 0 else { continue }
            if phrase.endToken - phrase.firstToken == 1 { return true }
            var found = false
            try forEachInstance(of: phrase, epoch: epoch) { _, _ in found = true }
            if found { return true }
        }
        return false
    }

    /// The row's score from its positions, as `vietsearch_rank` computes it (every term of every
    /// phrase must be resolved at the row), or nil as soon as the row provably scores below
    /// `threshold`: `bound` counts each pair at its bound (`pairBound`), and each pair's own
    /// count, known once its second word is tallied, replaces that bound. The pairs are what the
    /// bound overestimates (the words' counts are exact by now), and most rows scored fall short.
    func score(
        _ row: Int64, length: Int32, epoch: Int, tally: inout MatchTally, counts: UnsafeMutableBufferPointer<Double>,
        bound: RowBound, below threshold: Double
    ) throws -> Double? {
        let words = layout.words
        let norm = formula.norm(length: length)
        var bound = bound
        let titleWeight = formula.titleWeight
        let columns = self.columns
        let any = UnsafeMutableBufferPointer(rebasing: counts[0..<words.count])
        let exact = UnsafeMutableBufferPointer(rebasing: counts[words.count..<(2 * words.count)])
        let adjacent = UnsafeMutableBufferPointer(rebasing: counts[(2 * words.count)..<(3 * words.count)])
        let phrases = layout.phrases
        for (number, word) in words.enumerated() {
            let placeLength = word.length * columns
            for index in word.firstPhrase..<word.endPhrase {
                let phrase = phrases[index]
                try forEachInstance(of: phrase, epoch: epoch) { column, offset in
                    tally.add(
                        place: offset * columns + column, weight: (column == 0 ? titleWeight : 1.0) * phrase.weight,
                        countsAsAny: phrase.countsAsAny,
                        countsAsExact: phrase.countsAsExact, countsAdjacency: word.countsAdjacency, marksEnds: word.marksEnds,
                        placeLength: placeLength)
                }
            }
            (any[number], exact[number], adjacent[number]) = tally.finishWord()
            guard word.countsAdjacency, pairTracked[number] == epoch else { continue }
            let pair = adjacent[number] > 0 ? formula.words[number].pairWeight * formula.saturated(adjacent[number], norm: norm) : 0
            bound.total += pair - pairShare[number]
            if bound.value(formula) < threshold {
                tally.finishRow()
                return nil
            }
        }
        tally.finishRow()
        return formula.score(any: any, exact: exact, adjacent: adjacent, length: length)
    }

    /// Calls `body` with the column and offset of each match of the phrase at the current row
    /// (its terms resolved there): each position of a one-token phrase's terms; for longer
    /// phrases, each place where every token follows the one before in one column.
    func forEachInstance(of phrase: Phrase, epoch: Int, _ body: (Int, Int) throws -> Void) throws {
        if phrase.endToken - phrase.firstToken == 1 {
            for index in layout.tokenStart[phrase.firstToken]..<layout.tokenStart[phrase.firstToken + 1] {
                let term = layout.tokenTerms[index]
                guard termEpoch[term] == epoch, termCount[term] > 0, let bytes = termBytes[term] else { continue }
                try FTS5Page.forEachPosition(bytes, termCount[term], body)
            }
            return
        }
        // Each token's positions as sorted keys (column, then offset: a token's next place in
        // the column is the key plus one), then the first token's keys where every later token
        // follows, walking each list once (sets of places hashed every position).
        var lists = instanceScratch
        instanceScratch = []
        defer { instanceScratch = lists }
        let tokens = phrase.endToken - phrase.firstToken
        while lists.count < tokens + 2 { lists.append([]) }
        for (number, token) in (phrase.firstToken..<phrase.endToken).enumerated() {
            lists[number].removeAll(keepingCapacity: true)
            var terms = 0
            for index in layout.tokenStart[token]..<layout.tokenStart[token + 1] {
                let term = layout.tokenTerms[index]
                guard termEpoch[term] == epoch, termCount[term] > 0, let bytes = termBytes[term] else { continue }
                terms += 1
                FTS5Page.forEachPosition(bytes, termCount[term]) { column, offset in lists[number].append(column << 40 | offset) }
            }
            if lists[number].isEmpty { return }
            if terms > 1 { lists[number].sort() }
        }
        // The starts as places (offset × columns + column), fed in the order of their places,
        // as they always were: the tally's sums add in that order.
        let columns = self.columns
        lists[tokens].removeAll(keepingCapacity: true)
        // Where each later token's walk is.
        lists[tokens + 1].removeAll(keepingCapacity: true)
        lists[tokens + 1].append(contentsOf: repeatElement(0, count: tokens))
        var next = lists[tokens + 1]
        lists[tokens + 1] = []
        defer { lists[tokens + 1] = next }
        for start in lists[0] {
            var follows = true
            for number in 1..<tokens {
                let list = lists[number]
                var index = next[number]
                while index < list.count, list[index] < start + number { index += 1 }
                next[number] = index
                if index == list.count || list[index] != start + number {
                    follows = false
                    break
                }
            }
            if follows { lists[tokens].append((start & (1 << 40 - 1)) * columns + start >> 40) }
        }
        lists[tokens].sort()
        for place in lists[tokens] { try body(place % columns, place / columns) }
    }
}
