extension PrunedRanker {
    /// Rows read at once: the essential parts' postings of a window are read in bulk and the
    /// window's candidates bounded together; then non-essential parts, in bulk while many
    /// candidates remain, else row by row.
    static let windowRows = 4096
    /// Rows of a run's first window; each next one is twice as long, up to `windowRows`. The
    /// first window is read before any row is scored, at θ = −∞, where every part is essential
    /// and every row holding a query word is a candidate: a short one sets θ from few rows, and
    /// the windows grow as θ firms up (docs/ENGINE.md, "Windows that start short").
    static let firstWindowRows = 512

    /// One entry a window read: a term's position list at a row.
    struct WindowEntry {
        var term: Int
        var row: Int
        var weight: Double
        var bytes: UnsafePointer<UInt8>
        var count: Int
        /// The next entry of the same row (-1: none).
        var next: Int
    }

    /// What one window has read: the entries of the terms read in bulk (listed per row and per
    /// term), and per word read, its sums at each row. Raw buffers, owned by the run
    /// (`deallocate`), passed `inout`: the inner loops add entries by the thousand.
    struct Window {
        let rows: Int
        /// Per row of the window, its first entry (-1: none), and whether an essential part's
        /// first token has an entry there.
        let head: UnsafeMutableBufferPointer<Int>
        let candidate: UnsafeMutableBufferPointer<Bool>
        /// Per row, the last term read that had an entry there (segments merged newest first).
        let seen: UnsafeMutableBufferPointer<Int>
        /// Per word × row: matches in any form, in the typed form, and places (title weighted).
        /// Zero wherever a window has not written: a word's first `zeroRows[word]` rows are
        /// zeroed once, when a window that long first reads it (`prepareSums`), and each window
        /// zeroes again what it wrote (`clearSums`), rather than every row of every word it
        /// reads (most rows of a window lack most words, and those memsets were a tenth of a
        /// search's instructions).
        let any: UnsafeMutableBufferPointer<Double>
        let exact: UnsafeMutableBufferPointer<Double>
        let places: UnsafeMutableBufferPointer<Double>
        /// Per row, the bound's running sum (bonuses aside) and how many required words the row
        /// may lack (in any form / in the form typed), as words are read (`update`).
        let total: UnsafeMutableBufferPointer<Double>
        let missing: UnsafeMutableBufferPointer<Int32>
        let untyped: UnsafeMutableBufferPointer<Int32>
        /// Per word × row, once the word is read: its share of the bound, whether it may be
        /// present (in the typed form), and its places at most (infinity: unknown).
        let share: UnsafeMutableBufferPointer<Double>
        let present: UnsafeMutableBufferPointer<Bool>
        let typed: UnsafeMutableBufferPointer<Bool>
        let most: UnsafeMutableBufferPointer<Double>
        /// Per word × row, for a word with stored pair postings: the row is in them (it may hold
        /// the word right after the previous one).
        let pairIn: UnsafeMutableBufferPointer<Bool>
        /// Per row, what the stored pairs present there add at their ceiling (`readPairs`): a
        /// candidate's bound starts with the ceilings of the pairs not stored, plus this. Both
        /// are zero outside the rows a window marked, which it unmarks (`clearPairs`).
        let pairCredit: UnsafeMutableBufferPointer<Double>
        /// Per word with stored pairs, where the window's rows start in them; nil until marked.
        var pairStarts: [Int]?
        /// Per word, the window in which its state (`share`…) was set (`stateStamp`).
        let stateWord: UnsafeMutableBufferPointer<Int>
        private(set) var stateStamp = 0
        /// Per word, how many of its first rows of sums are known to be zero (`prepareSums`).
        let zeroRows: UnsafeMutableBufferPointer<Int>
        /// Per row, its length norm, set for the candidates (`startBounds`) and read only there.
        let norms: UnsafeMutableBufferPointer<Double>
        /// Per row, scratch for a phrase of several tokens (`addPhrase`): its matches at most,
        /// and one token's matches. Zero between uses.
        let phraseMost: UnsafeMutableBufferPointer<Double>
        let tokenMatches: UnsafeMutableBufferPointer<Double>
        /// The rows where `phraseMost` is set, each once.
        let phraseRowList: UnsafeMutableBufferPointer<Int>
        /// The words whose sums this window wrote.
        var written: [Int] = []
        /// Where the phrases of several tokens wrote sums (word × row: `addCount`).
        var phraseWritten: [Int] = []
        private(set) var entries: UnsafeMutablePointer<WindowEntry>
        private(set) var count = 0
        private var capacity = 4096

        init(rows: Int, words: Int) {
            self.rows = rows
            zeroRows = .allocate(capacity: max(words, 1))
            zeroRows.initialize(repeating: 0)
            norms = .allocate(capacity: rows)
            phraseMost = .allocate(capacity: rows)
            phraseMost.initialize(repeating: 0)
            tokenMatches = .allocate(capacity: rows)
            tokenMatches.initialize(repeating: 0)
            phraseRowList = .allocate(capacity: rows)
            head = .allocate(capacity: rows)
            head.initialize(repeating: -1)
            candidate = .allocate(capacity: rows)
            candidate.initialize(repeating: false)
            seen = .allocate(capacity: rows)
            seen.initialize(repeating: -1)
            // Zeroed per word when it is first read in a window (`read`).
            any = .allocate(capacity: rows * max(words, 1))
            exact = .allocate(capacity: rows * max(words, 1))
            places = .allocate(capacity: rows * max(words, 1))
            total = .allocate(capacity: rows)
            missing = .allocate(capacity: rows)
            untyped = .allocate(capacity: rows)
            share = .allocate(capacity: rows * max(words, 1))
            present = .allocate(capacity: rows * max(words, 1))
            typed = .allocate(capacity: rows * max(words, 1))
            most = .allocate(capacity: rows * max(words, 1))
            pairIn = .allocate(capacity: rows * max(words, 1))
            pairIn.initialize(repeating: false)
            pairCredit = .allocate(capacity: rows)
            pairCredit.initialize(repeating: 0)
            stateWord = .allocate(capacity: max(words, 1))
            stateWord.initialize(repeating: -1)
            entries = .allocate(capacity: capacity)
        }

        func deallocate() {
            head.deallocate()
            candidate.deallocate()
            seen.deallocate()
            any.deallocate()
            exact.deallocate()
            places.deallocate()
            total.deallocate()
            missing.deallocate()
            untyped.deallocate()
            share.deallocate()
            present.deallocate()
            typed.deallocate()
            most.deallocate()
            pairIn.deallocate()
            pairCredit.deallocate()
            stateWord.deallocate()
            zeroRows.deallocate()
            norms.deallocate()
            phraseMost.deallocate()
            tokenMatches.deallocate()
            phraseRowList.deallocate()
            entries.deallocate()
        }

        /// Makes the word's sums zero over the first `used` rows, the first time a window that
        /// long reads it.
        func prepareSums(word: Int, used: Int) {
            let zeroed = zeroRows[word]
            guard used > zeroed else { return }
            let start = word * rows + zeroed
            (any.baseAddress! + start).update(repeating: 0, count: used - zeroed)
            (exact.baseAddress! + start).update(repeating: 0, count: used - zeroed)
            (places.baseAddress! + start).update(repeating: 0, count: used - zeroed)
            zeroRows[word] = used
        }

        /// Starts a window of `used` rows (the first windows are shorter than the buffers; only
        /// their rows are read, so only they are cleared).
        mutating func reset(used: Int) {
            head.baseAddress!.update(repeating: -1, count: used)
            candidate.baseAddress!.update(repeating: false, count: used)
            count = 0
            stateStamp += 1
        }

        /// Adds an entry; returns its number.
        @inline(__always)
        mutating func append(_ entry: WindowEntry) -> Int {
            if count == capacity {
                let larger = UnsafeMutablePointer<WindowEntry>.allocate(capacity: capacity * 2)
                larger.moveInitialize(from: entries, count: count)
                entries.deallocate()
                entries = larger
                capacity *= 2
            }
            (entries + count).initialize(to: entry)
            count += 1
            return count - 1
        }
    }

    /// What a run carries from window to window.
    struct RunState {
        var top: TopRows
        var threshold: Double
        var outcome = Outcome(rows: [])
        var tally = MatchTally()
        var epoch = 0
        /// Terms read so far (stamps for `Window.seen`).
        var termReads = 0

        init(k: Int, threshold: Double, files: [Int64: Int64]) {
            top = TopRows(k: k, files: files)
            self.threshold = threshold
        }
    }

    /// The best `k` rows of the range (best first, equal scores by rowid). `initialThreshold`:
    /// a score at least k rows are known to reach (never above the true k-th score).
    func run(initialThreshold: Double = -.infinity) throws -> Outcome {
        var state = RunState(k: k, threshold: initialThreshold, files: files)
        defer { state.tally.deallocate() }
        var plan = partition(threshold: state.threshold)
        // No larger than the index: a small one is one window.
        var window = Window(rows: min(Self.windowRows, max(lengths.count, 64)), words: layout.words.count)
        defer { window.deallocate() }
        cursors.retaining = true
        defer {
            cursors.retaining = false
            cursors.release()
        }
        var base = max(range.lowerBound, 0)
        var number = 0
        while !plan.drivers.isEmpty || !plan.essentialPairs.isEmpty || !plan.phraseDrivers.isEmpty, base <= range.upperBound {
            // Past the rows the filter leaves out, if any.
            guard let from = firstAllowed(from: base) else { break }
            base = from
            // The window starts at the lowest row an essential term has, from `base` on.
            var lowest = Int64.max
            for term in plan.drivers {
                let range = layout.terms[term]
                for index in range.firstCursor..<range.endCursor {
                    let cursor = layout.termCursors[index]
                    try cursors.seek(cursor, to: base)
                    let cursorState = cursors.states[cursor]
                    if !cursorState.atEnd, cursorState.rowid < lowest { lowest = cursorState.rowid }
                }
            }
            for word in plan.essentialPairs {
                pairNext[word] = Self.first(in: pairRows[word]!, from: pairNext[word], atLeast: base, lowest: &lowest)
            }
            for phrase in plan.phraseDrivers {
                phraseNext[phrase] = Self.first(in: phraseRows[phrase]!, from: phraseNext[phrase], atLeast: base, lowest: &lowest)
            }
            guard lowest != Int64.max, lowest <= range.upperBound else { break }
            base = lowest
            if var bounds = blocks {
                // Past the blocks no row of which can reach the threshold.
                blocks = nil
                let live = bounds.firstLive(from: base, through: range.upperBound, threshold: state.threshold)
                blocks = bounds
                guard let live else { break }
                if live > base {
                    base = live
                    continue
                }
            }
            let rows = min(window.rows, Self.firstWindowRows << min(number, 8))
            let end = min(base + Int64(rows), range.upperBound == Int64.max ? Int64.max : range.upperBound + 1)
            number += 1
            try process(&window, base: base, end: end, number: number, plan: plan, state: &state)
            cursors.release()
            base = end
            if let shared, shared.current > state.threshold { state.threshold = shared.current }
            if state.threshold > plan.threshold { plan = partition(threshold: state.threshold) }
        }
        var outcome = state.outcome
        outcome.rows = state.top.sorted
        return outcome
    }

    /// One window: the essential parts in bulk, the candidates bounded, more parts in bulk while
    /// many candidates remain, then the rest row by row.
    private func process(_ window: inout Window, base: Int64, end: Int64, number: Int, plan: ReadingPlan, state: inout RunState) throws {
        window.reset(used: Int(end - base))
        defer {
            clearSums(&window, number: number)
            clearPairs(&window, base: base)
        }
        var decoded = [Bool](repeating: false, count: layout.words.count * 2)
        for part in plan.essentialParts {
            try read(part: part, &window, base: base, end: end, number: number, decoded: &decoded, essential: true, state: &state)
        }
        readPairs(&window, base: base, end: end, plan: plan)
        var alive: [Int] = []
        if let allowed {
            // Only the rows the filter allows are candidates.
            var index = firstAllowedIndex(from: base)
            while index < allowed.count, allowed[index] < end {
                let row = Int(allowed[index] - base)
                if window.candidate[row] { alive.append(row) }
                index += 1
            }
        } else {
            for row in 0..<Int(end - base) where window.candidate[row] { alive.append(row) }
        }
        if var bounds = blocks {
            // Taken out while it caches bounds, so that its arrays are not copied.
            blocks = nil
            bounds.dropDead(&alive, base: base, end: end, threshold: state.threshold)
            blocks = bounds
        }
        state.outcome.candidates += alive.count
        var bounds: [Double] = []
        let norms = try startBounds(alive, window, base: base)
        var known = [Bool](repeating: false, count: layout.words.count)
        for part in plan.essentialParts where !known[part / 2] {
            known[part / 2] = true
            update(word: part / 2, alive, window, decoded: decoded, known: known, norms: norms)
        }
        filter(&alive, &bounds, window, threshold: state.threshold)
        var next = 0
        while next < plan.lookupParts.count, !alive.isEmpty {
            let part = plan.lookupParts[next]
            // In bulk while the candidates outnumber a quarter of the part's postings here.
            let postings = Double(layout.partDocuments[part]) * Double(end - base) / Double(max(rowCount, 1))
            guard Double(alive.count) * 4 > postings else { break }
            try read(part: part, &window, base: base, end: end, number: number, decoded: &decoded, essential: false, state: &state)
            next += 1
            known[part / 2] = true
            update(word: part / 2, alive, window, decoded: decoded, known: known, norms: norms)
            filter(&alive, &bounds, window, threshold: state.threshold)
        }
        guard next == plan.lookupParts.count else {
            // Parts left to look up row by row: rows in order (cursors only move forward). One
            // copy of the window for them all (lent from `inout`, it would be copied per row).
            let window = window
            for row in alive {
                try evaluate(base + Int64(row), row: row, window, number: number, plan: plan, lookupsFrom: next, state: &state)
            }
            return
        }
        // Every part read: no cursor moves for a row any more (the excluded phrases and later
        // tokens read too), so the best bounds go first and raise the threshold soonest.
        for term in plan.followingTerms + excludedTerms {
            try readTerm(term, &window, base: base, end: end, number: number, marksCandidates: false, state: &state)
        }
        let order = alive.indices.sorted { bounds[$0] > bounds[$1] }
        for position in order {
            guard !(bounds[position] < state.threshold) else { break }
            let row = alive[position]
            try evaluate(base + Int64(row), row: row, window, number: number, plan: plan, lookupsFrom: next, state: &state)
        }
    }

    /// Zeroes the sums the window wrote: at the rows of the entries of each word's one-token
    /// phrases read in this window (a superset of the rows they wrote), and where its longer
    /// phrases wrote (`phraseWritten`).
    private func clearSums(_ window: inout Window, number: Int) {
        let stored = window.entries
        for word in window.written {
            let slot = word * window.rows
            func clear(_ term: Int) {
                guard termWindow[term] == number else { return }
                for index in termEntries[term] {
                    window.any[slot + stored[index].row] = 0
                    window.exact[slot + stored[index].row] = 0
                    window.places[slot + stored[index].row] = 0
                }
            }
            for index in wordEntries[word]..<wordEntries[word + 1] {
                let entry = entries[index]
                if entry.term >= 0 { clear(entry.term) }
            }
        }
        window.written.removeAll(keepingCapacity: true)
        for slot in window.phraseWritten {
            window.any[slot] = 0
            window.exact[slot] = 0
            window.places[slot] = 0
        }
        window.phraseWritten.removeAll(keepingCapacity: true)
    }

    /// Marks the rows of the window in each stored pair's rows; an essential pair's are candidates.
    private func readPairs(_ window: inout Window, base: Int64, end: Int64, plan: ReadingPlan) {
        let ceiling = formula.k1 + 1
        var starts = [Int](repeating: 0, count: pairRows.count)
        for word in pairRows.indices {
            guard let rows = pairRows[word] else { continue }
            let slot = word * window.rows
            let essential = plan.essentialPairs.contains(word)
            let credit = countsStoredPair(word) ? layout.words[word].pairWeight * ceiling : 0
            var next = pairNext[word]
            while next < rows.count, rows[next] < base { next += 1 }
            starts[word] = next
            while next < rows.count, rows[next] < end {
                let row = Int(rows[next] - base)
                window.pairIn[slot + row] = true
                window.pairCredit[row] += credit
                if essential { window.candidate[row] = true }
                next += 1
            }
            pairNext[word] = next
        }
        window.pairStarts = starts
    }

    /// Unmarks the rows `readPairs` marked in the window at `base`.
    private func clearPairs(_ window: inout Window, base: Int64) {
        guard let starts = window.pairStarts else { return }
        for word in pairRows.indices {
            guard let rows = pairRows[word] else { continue }
            for index in starts[word]..<pairNext[word] {
                let row = Int(rows[index] - base)
                window.pairIn[word * window.rows + row] = false
                window.pairCredit[row] = 0
            }
        }
        window.pairStarts = nil
    }

    /// Where the rows from `base` on start in `rows` (ascending), searched from `next`; the
    /// first of them lowers `lowest`.
    @inline(__always)
    static func first(in rows: [Int64], from next: Int, atLeast base: Int64, lowest: inout Int64) -> Int {
        var next = next
        while next < rows.count, rows[next] < base { next += 1 }
        if next < rows.count, rows[next] < lowest { lowest = rows[next] }
        return next
    }

    /// The window's rows among `rows` (a phrase's, `phraseRows`): where they are in it.
    private func rowsInWindow(_ rows: [Int64], phrase: Int, base: Int64, end: Int64) -> Range<Int> {
        var start = phraseNext[phrase]
        while start < rows.count, rows[start] < base { start += 1 }
        var next = start
        while next < rows.count, rows[next] < end { next += 1 }
        phraseNext[phrase] = next
        return start..<next
    }

    /// Reads a part's postings in the window (every term of every token of its phrases), and
    /// adds those of its one-token phrases to the word's sums.
    private func read(
        part: Int, _ window: inout Window, base: Int64, end: Int64, number: Int, decoded: inout [Bool], essential: Bool,
        state: inout RunState
    ) throws {
        let word = part / 2
        let rows = window.rows
        if !decoded[word * 2] && !decoded[word * 2 + 1] {
            window.prepareSums(word: word, used: Int(end - base))
            window.written.append(word)
        }
        decoded[part] = true
        let typed = part % 2 == 0
        let entries = self.entries
        for index in wordEntries[word]..<wordEntries[word + 1] {
            let entry = entries[index]
            let phrase = layout.phrases[entry.phrase]
            guard phrase.isTyped == typed else { continue }
            if entry.term < 0 {
                // A phrase of several tokens: every token's terms; at each row at most as often
                // as its rarest token (`addPhrase`). When the part is essential, its candidates
                // are the rows with every token, or, when the stored pairs say, those where its
                // consecutive syllables are adjacent (`phraseRows`), and only there can it be.
                let pairRows = phraseRows[entry.phrase]
                for token in phrase.firstToken..<phrase.endToken {
                    for index in layout.tokenStart[token]..<layout.tokenStart[token + 1] {
                        try readTerm(
                            layout.tokenTerms[index], &window, base: base, end: end, number: number, marksCandidates: false, state: &state)
                    }
                }
                if let pairRows {
                    let rows = pairRows[rowsInWindow(pairRows, phrase: entry.phrase, base: base, end: end)]
                    if essential {
                        for row in rows { window.candidate[Int(row - base)] = true }
                    }
                    addPhrase(entry, of: word, &window, in: rows, base: base)
                } else {
                    addPhrase(entry, of: word, &window, marksCandidates: essential)
                }
                continue
            }
            try readTerm(entry.term, &window, base: base, end: end, number: number, marksCandidates: essential, state: &state)
            let stored = window.entries
            for index in termEntries[entry.term] {
                let slot = word * rows + stored[index].row
                // Places by column weight only (see `setWord`).
                let matches = stored[index].weight
                let weight = matches * entry.weight
                if entry.countsAsAny { window.any[slot] += weight }
                if entry.countsAsExact { window.exact[slot] += weight }
                if entry.countsPlaces { window.places[slot] += matches }
            }
        }
    }

    /// Adds a phrase of several tokens to its word's sums, every token's terms read in the
    /// window: at each row, as often as its rarest token occurs there (`phraseWeight`'s bound,
    /// row by row), nothing where a token is absent. Counted open instead, the phrase kept its
    /// ceiling at every candidate, and a rare one held every row's bound above θ. With
    /// `marksCandidates`, the rows where it may occur are candidates: a common first syllable
    /// (`ki` of `ki-ốt`) no longer brings its every row.
    private func addPhrase(_ entry: Entry, of word: Int, _ window: inout Window, marksCandidates: Bool) {
        let phrase = layout.phrases[entry.phrase]
        let stored = window.entries
        let (most, matches) = (window.phraseMost, window.tokenMatches)
        /// Calls `body` with the row and matches of each entry of the token's terms.
        func forEachEntry(of token: Int, _ body: (Int, Double) -> Void) {
            for index in layout.tokenStart[token]..<layout.tokenStart[token + 1] {
                for entry in termEntries[layout.tokenTerms[index]] { body(stored[entry].row, stored[entry].weight) }
            }
        }
        // Only the rows of the token with the fewest entries here can hold the phrase (listed
        // once each: `most` is positive exactly there); each other token lowers them, in one
        // walk of its entries and one of the list.
        let tokens = phrase.firstToken..<phrase.endToken
        let rarest = rarestToken(of: phrase)
        let rows = window.phraseRowList
        var listed = 0
        forEachEntry(of: rarest) { row, weight in
            if most[row] == 0 {
                rows[listed] = row
                listed += 1
            }
            most[row] += weight
        }
        for token in tokens where token != rarest {
            forEachEntry(of: token) { row, weight in if most[row] > 0 { matches[row] += weight } }
            for row in rows[0..<listed] {
                most[row] = min(most[row], matches[row])
                matches[row] = 0
            }
        }
        let slot = word * window.rows
        for row in rows[0..<listed] {
            let count = most[row]
            guard count > 0 else { continue }
            most[row] = 0
            if marksCandidates { window.candidate[row] = true }
            addCount(count, of: entry, at: slot + row, &window)
        }
    }

    /// Adds a phrase of several tokens whose rows `rows` holds (`phraseRows`: its syllables are
    /// common) to its word's sums: at those rows, as often as its rarest token occurs there,
    /// and nowhere else. Its other tokens are not walked: being common, they have the most
    /// entries of all, and at the rows where the phrase may be, they seldom lower that count.
    private func addPhrase(_ entry: Entry, of word: Int, _ window: inout Window, in rows: ArraySlice<Int64>, base: Int64) {
        let phrase = layout.phrases[entry.phrase]
        let stored = window.entries
        // Each row of `rows` is marked in `marked` while the rarest token's matches add up.
        let (most, marked) = (window.phraseMost, window.tokenMatches)
        let rarest = rarestToken(of: phrase)
        for row in rows { marked[Int(row - base)] = 1 }
        for term in layout.tokenTerms[layout.tokenStart[rarest]..<layout.tokenStart[rarest + 1]] {
            for index in termEntries[term] where marked[stored[index].row] != 0 { most[stored[index].row] += stored[index].weight }
        }
        let slot = word * window.rows
        for row in rows {
            let row = Int(row - base)
            marked[row] = 0
            let count = most[row]
            guard count > 0 else { continue }
            most[row] = 0
            addCount(count, of: entry, at: slot + row, &window)
        }
    }

    /// Adds a phrase's count at most at a word's row (`slot`) to the sums, and lists the slot
    /// for `clearSums`.
    @inline(__always)
    private func addCount(_ count: Double, of entry: Entry, at slot: Int, _ window: inout Window) {
        window.phraseWritten.append(slot)
        if entry.countsAsAny { window.any[slot] += count * entry.weight }
        if entry.countsAsExact { window.exact[slot] += count * entry.weight }
        window.places[slot] += count
    }

    /// The phrase's token with the fewest entries in the window (its terms' together).
    private func rarestToken(of phrase: Phrase) -> Int {
        func entryCount(of token: Int) -> Int {
            (layout.tokenStart[token]..<layout.tokenStart[token + 1]).reduce(0) { $0 + termEntries[layout.tokenTerms[$1]].count }
        }
        return (phrase.firstToken..<phrase.endToken).min { entryCount(of: $0) < entryCount(of: $1) }!
    }

    /// A term's entries in the window, once per window: the newest segment's entry for a row
    /// decides, and an empty one (a delete marker) leaves the row without the term.
    private func readTerm(
        _ term: Int, _ window: inout Window, base: Int64, end: Int64, number: Int, marksCandidates: Bool, state: inout RunState
    ) throws {
        if termWindow[term] == number {
            if marksCandidates {
                for index in termEntries[term] { window.candidate[window.entries[index].row] = true }
            }
            return
        }
        termWindow[term] = number
        let first = window.count
        defer { termEntries[term] = first..<window.count }
        state.termReads += 1
        let stamp = state.termReads
        let range = layout.terms[term]
        let several = range.endCursor - range.firstCursor > 1
        for index in range.firstCursor..<range.endCursor {
            let cursor = layout.termCursors[index]
            try cursors.seek(cursor, to: base)
            while true {
                let cursorState = cursors.states[cursor]
                guard !cursorState.atEnd, cursorState.rowid < end else { break }
                let row = Int(cursorState.rowid - base)
                if several {
                    if window.seen[row] == stamp {
                        try cursors.next(cursor)
                        continue
                    }
                    window.seen[row] = stamp
                }
                if cursorState.size > 0 {
                    let list = try cursors.stablePositions(cursor)
                    let entry = window.append(
                        WindowEntry(
                            term: term, row: row, weight: weightedCount(list.bytes, list.count), bytes: list.bytes, count: list.count,
                            next: window.head[row]))
                    window.head[row] = entry
                    if marksCandidates { window.candidate[row] = true }
                }
                try cursors.next(cursor)
            }
        }
    }

    /// Whether word `number`'s pair with the previous word is stored and can count: its bound
    /// at a row is then its ceiling where the row is in the pair's rows, else nothing.
    @inline(__always)
    private func countsStoredPair(_ number: Int) -> Bool {
        pairRows[number] != nil && layout.words[number].countsAdjacency && ceilingPossible[number] && ceilingPossible[number - 1]
    }

    /// Starts every candidate's bound with every word at BM25's ceiling (each kind of phrase it
    /// has that can match, every pair of such words); returns the candidates' length norms.
    private func startBounds(_ alive: [Int], _ window: Window, base: Int64) throws -> UnsafeMutableBufferPointer<Double> {
        let ceiling = formula.k1 + 1
        let words = layout.words
        var constant = 0.0
        var missing: Int32 = 0
        var untyped: Int32 = 0
        for (number, word) in words.enumerated() {
            constant += ceilingShare[number]
            // A stored pair counts where its rows say (`pairCredit`).
            if word.countsAdjacency, ceilingPossible[number], ceilingPossible[number - 1], !countsStoredPair(number) {
                constant += word.pairWeight * ceiling
            }
            if word.isRequired {
                if !ceilingPossible[number] { missing += 1 }
                if word.isAccented && !ceilingTyped[number] { untyped += 1 }
            }
        }
        let norms = window.norms
        let lengths = self.lengths
        for row in alive {
            window.total[row] = constant + window.pairCredit[row]
            window.missing[row] = missing
            window.untyped[row] = untyped
            let rowid = base + Int64(row)
            let length = rowid < lengths.count && lengths[Int(rowid)] >= 0 ? lengths[Int(rowid)] : try self.length(of: rowid)
            norms[row] = formula.norm(length: length)
        }
        return norms
    }

    /// Counts word `number` anew at each candidate, from its sums over the parts read (BM25's
    /// ceiling for its phrases not read), and its pairs with its neighbours (read, or at their
    /// ceiling): the candidates' totals change by the difference.
    private func update(
        word number: Int, _ alive: [Int], _ window: Window, decoded: [Bool], known: [Bool], norms: UnsafeMutableBufferPointer<Double>
    ) {
        let ceiling = formula.k1 + 1
        let words = layout.words
        let word = words[number]
        var anyOpen = false
        var exactOpen = false
        for phrase in layout.phrases[word.firstPhrase..<word.endPhrase]
        where canMatch(phrase) && !decoded[number * 2 + (phrase.isTyped ? 0 : 1)] {
            anyOpen = anyOpen || phrase.countsAsAny
            exactOpen = exactOpen || phrase.countsAsExact
        }
        let rows = window.rows
        let slot = number * rows
        let wasKnown = window.stateWord[number] == window.stateStamp
        window.stateWord[number] = window.stateStamp
        let before = word.countsAdjacency ? number - 1 : -1
        let after = number + 1 < words.count && words[number + 1].countsAdjacency ? number + 1 : -1
        // A stored pair absent from the row counts nothing, whatever its words (`startBounds`).
        let beforeStored = before >= 0 && pairRows[number] != nil
        let afterStored = after >= 0 && pairRows[after] != nil
        let beforeKnown = before >= 0 && known[before] && window.stateWord[before] == window.stateStamp
        let afterKnown = after >= 0 && known[after] && window.stateWord[after] == window.stateStamp
        /// The pair of words `first` and `first + 1` at a row, from their states there.
        @inline(__always)
        func pair(_ weight: Double, _ firstPossible: Bool, _ firstMost: Double, _ secondPossible: Bool, _ secondMost: Double, _ norm: Double) -> Double {
            guard firstPossible, secondPossible else { return 0 }
            let count = min(firstMost, secondMost)
            return weight * (count == .infinity ? ceiling : count * ceiling / (count + norm))
        }
        for row in alive {
            let norm = norms[row]
            let oldShare = wasKnown ? window.share[slot + row] : ceilingShare[number]
            let oldPresent = wasKnown ? window.present[slot + row] : ceilingPossible[number]
            let oldTyped = wasKnown ? window.typed[slot + row] : ceilingTyped[number]
            let oldMost = wasKnown ? window.most[slot + row] : Double.infinity
            let any = window.any[slot + row]
            let exact = window.exact[slot + row]
            var share = 0.0
            if anyOpen {
                share += word.anyWeight * ceiling
            } else if any > 0 {
                share += word.anyWeight * (any * ceiling / (any + norm))
            }
            if exactOpen {
                share += word.exactWeight * ceiling
            } else if exact > 0 {
                share += word.exactWeight * (exact * ceiling / (exact + norm))
            }
            let present = anyOpen || exactOpen || any > 0 || exact > 0
            let typed = exactOpen || exact > 0
            let most = anyOpen || exactOpen ? Double.infinity : window.places[slot + row]
            var delta = share - oldShare
            if before >= 0, !beforeStored || window.pairIn[number * rows + row] {
                let neighbourPresent = beforeKnown ? window.present[before * rows + row] : ceilingPossible[before]
                let neighbourMost = beforeKnown ? window.most[before * rows + row] : Double.infinity
                delta += pair(word.pairWeight, neighbourPresent, neighbourMost, present, most, norm)
                    - pair(word.pairWeight, neighbourPresent, neighbourMost, oldPresent, oldMost, norm)
            }
            if after >= 0, !afterStored || window.pairIn[after * rows + row] {
                let neighbourPresent = afterKnown ? window.present[after * rows + row] : ceilingPossible[after]
                let neighbourMost = afterKnown ? window.most[after * rows + row] : Double.infinity
                let weight = words[after].pairWeight
                delta += pair(weight, present, most, neighbourPresent, neighbourMost, norm)
                    - pair(weight, oldPresent, oldMost, neighbourPresent, neighbourMost, norm)
            }
            window.total[row] += delta
            if word.isRequired {
                window.missing[row] += (present ? 0 : 1) - (oldPresent ? 0 : 1)
                if word.isAccented { window.untyped[row] += (typed ? 0 : 1) - (oldTyped ? 0 : 1) }
            }
            window.share[slot + row] = share
            window.present[slot + row] = present
            window.typed[slot + row] = typed
            window.most[slot + row] = most
        }
    }

    /// Keeps the candidates whose bound reaches the threshold, with their bounds.
    private func filter(_ alive: inout [Int], _ bounds: inout [Double], _ window: Window, threshold: Double) {
        bounds.removeAll(keepingCapacity: true)
        let allWordsBonus = formula.allWordsBonus
        let exactFormsBonus = formula.exactFormsBonus
        var kept = 0
        for row in alive {
            var total = window.total[row]
            if window.missing[row] == 0 {
                total += allWordsBonus
                if window.untyped[row] == 0 { total += exactFormsBonus }
            }
            let rounded = Self.roundedUp(total)
            if !(rounded < threshold) {
                alive[kept] = row
                bounds.append(rounded)
                kept += 1
            }
        }
        alive.removeLast(alive.count - kept)
    }

    /// A candidate that survived the bulk bounds: its entries taken from the window, the other
    /// parts looked up one by one while its bound reaches the threshold, then scored.
    private func evaluate(
        _ row: Int64, row index: Int, _ window: Window, number: Int, plan: ReadingPlan, lookupsFrom first: Int, state: inout RunState
    ) throws {
        state.epoch += 1
        let epoch = state.epoch
        var next = window.head[index]
        while next >= 0 {
            let entry = window.entries[next]
            termEpoch[entry.term] = epoch
            termWeight[entry.term] = entry.weight
            termBytes[entry.term] = entry.bytes
            termCount[entry.term] = entry.count
            next = entry.next
        }
        // Terms of phrases of several tokens that the window did not read.
        for term in plan.followingTerms { try resolve(term, at: row, epoch: epoch) }
        let length = try self.length(of: row)
        let norm = formula.norm(length: length)
        for word in pairRows.indices where pairRows[word] != nil {
            pairAbsent[word] = !window.pairIn[word * window.rows + index]
        }
        var bound = wordsBound(row: index, window, number: number, plan: plan, norm: norm, epoch: epoch)
        for word in layout.words.indices where layout.words[word].countsAdjacency {
            let share = pairBound(word, norm: norm, epoch: epoch, plan: plan)
            pairShare[word] = share
            pairTracked[word] = epoch
            bound.total += share
        }
        let threshold = state.threshold
        if bound.value(formula) < threshold { return }
        for lookup in plan.lookups.dropFirst(first) {
            state.outcome.lookups += 1
            for term in lookup.terms { try resolve(term, at: row, epoch: epoch) }
            refine(lookup.word, norm: norm, epoch: epoch, window: number, plan: plan, bound: &bound)
            if bound.value(formula) < threshold { return }
        }
        if try isExcluded(row, epoch: epoch) { return }
        state.outcome.scored += 1
        guard
            let score = try self.score(
                row, length: length, epoch: epoch, tally: &state.tally, counts: scratchCounts, bound: bound, below: threshold)
        else { return }
        guard routes(epoch: epoch, window: number) else { return }
        guard state.top.insert(row, score) else { return }
        // Every row kept is offered: the shared k-th best then counts this half's k best too.
        let raised = max(state.top.threshold, shared?.offer(files[row] ?? row, score) ?? -.infinity)
        if raised > state.threshold { state.threshold = raised }
    }

    /// The candidate's bound from its words alone, each word's state recorded for `refine` and
    /// the pairs. No word's entries are read again: the window has the state of the words it
    /// read, and the others are at the plan's ceiling (recounting every word with `setWord`, as
    /// `refine` counts one, was a large share of a search's work).
    private func wordsBound(row index: Int, _ window: Window, number: Int, plan: ReadingPlan, norm: Double, epoch: Int) -> RowBound {
        var bound = RowBound(total: 0, missing: 0, untyped: 0)
        for word in layout.words.indices {
            if window.stateWord[word] != window.stateStamp {
                // No part of it read here: a word without an essential part, at the plan's
                // ceiling until a lookup counts it (`refine` then takes this share out; no
                // state is recorded, so that it does).
                bound.add(plan.closedShare[word], present: plan.closedPossible[word], typed: plan.closedTyped[word], for: layout.words[word])
            } else {
                // The window's state, from the same entries `setWord` would read (`update`; a
                // phrase of several tokens as `phraseWeight` bounds it: `addPhrase`).
                let slot = word * window.rows + index
                let (share, present, typed) = (window.share[slot], window.present[slot], window.typed[slot])
                store(word, share: share, present: present, typed: typed, places: window.most[slot], epoch: epoch)
                bound.add(share, present: present, typed: typed, for: layout.words[word])
            }
        }
        return bound
    }

    /// Whether a routing word occurs at the row (its terms resolved there).
    private func routes(epoch: Int, window: Int) -> Bool {
        for (number, word) in layout.words.enumerated() where word.routes {
            for index in wordEntries[number]..<wordEntries[number + 1] {
                let entry = entries[index]
                guard entry.countsAsExact || !word.routesTypedOnly else { continue }
                if entry.term >= 0 {
                    if termEpoch[entry.term] == epoch && termCount[entry.term] > 0 { return true }
                } else if let weight = phraseWeight(layout.phrases[entry.phrase], epoch: epoch, window: window), weight > 0 {
                    var found = false
                    try? forEachInstance(of: layout.phrases[entry.phrase], epoch: epoch) { _, _ in found = true }
                    if found { return true }
                }
            }
        }
        return false
    }
}
