import VietSearchSQLite

extension IndexWriter {
    /// Recomputes the statistics the query planner uses from the whole index.
    public func refreshTermStatistics() throws {
        try index.connection.execute(IndexSchema.refreshTermStatistics)
        try rebuildTermPairs()
        try markStatisticsCurrent()
        // They now include this transaction's changes so far.
        upkeep = .undecided
    }

    /// Recounts the pair counts from the stored text of every document (the vocabulary has no
    /// adjacency): about as long as analysing the text once. In bounded memory: the counts are
    /// merged into the stored blocks whenever they reach `budget`'s share.
    private func rebuildTermPairs(budget: IndexingBudget = IndexingBudget()) throws {
        let blocks = TermPairBlocks(connection: index.connection)
        try blocks.start()
        let pretokenizer = VietnamesePretokenizer(options: IndexSchema.tokenizerOptions)
        var counter = DocumentFrequencyCounter()
        var total = 0
        func flush() throws {
            counter.flushPairs()
            total += counter.termDocumentCount
            // Only additions: no count can go below zero.
            _ = try blocks.merge(counter.pairs.takeSorted())
            counter = DocumentFrequencyCounter()
        }
        let statement = try index.connection.prepare("SELECT title, body FROM documents")
        while try statement.step() {
            counter.addDocument([pretokenizer.record(statement.text(at: 0)), pretokenizer.record(statement.text(at: 1))])
            if counter.distinctTerms > budget.counterTerms || counter.pairs.count > budget.pairEntries { try flush() }
        }
        try flush()
        try blocks.setTermDocumentCount(total)
    }

    /// Brings the statistics the query planner uses up to date by difference: the terms of the
    /// documents added (counted while they were read) minus those of the versions deleted. That
    /// is what `refreshTermStatistics` computes, without walking the whole index's vocabulary
    /// again. Valid only when the statistics were current before the run; returns false when a
    /// count would go negative (they were not).
    ///
    /// `pairs` holds the run's pair counts: additions and deletions (see `TermPairSink`).
    func updateTermStatistics(
        added: consuming [DocumentFrequencyCounter], removed: DocumentFrequencyCounter, pairs sink: TermPairSink
    ) throws -> Bool {
        // Each counter's last pairs go to the sink here (the caller keeps no other copy). The
        // others are summed into the one with the most terms, not into a new counter: at the end
        // of a large run, that would be a third table as large as both (FolderIndexer hands
        // its counters over).
        var counters = added
        counters.sort { $0.distinctTerms > $1.distinctTerms }
        var change = counters.isEmpty ? DocumentFrequencyCounter() : counters.removeFirst()
        change.flushPairs()
        for var counter in counters {
            counter.flushPairs()
            change.add(counter)
        }
        counters = []
        var removed = removed
        removed.flushPairs()
        change.add(removed, times: -1)
        let pairsKept = try pairCountsExist()
        guard try applyTermCounts(change, pairsKept: pairsKept) else { return false }
        if pairsKept {
            guard try TermPairBlocks(connection: index.connection).merge(sink.takeSorted()) else { return false }
        } else {
            // An index made before pair counts existed: counted once from the stored text.
            _ = sink.takeSorted()
            try rebuildTermPairs()
        }
        try markStatisticsCurrent()
        return true
    }

    /// Adds counts of part of a run (`spill`) to the statistics, which stay marked stale: an
    /// indexing run's counters are bounded by its memory budget, and merged in whenever they
    /// outgrow it. False when a count would go negative (they did not describe the documents).
    func spill(terms change: DocumentFrequencyCounter?, pairs sink: TermPairSink) throws -> Bool {
        let pairsKept = try pairCountsExist()
        if let change { guard try applyTermCounts(change, pairsKept: pairsKept) else { return false } }
        let entries = sink.takeSorted()
        let merged = pairsKept ? try TermPairBlocks(connection: index.connection).merge(entries) : true
        sink.recycle(consume entries)
        return merged
    }

    /// Whether the pair counts are there to be updated by difference: blocks, a single row of an
    /// older index (moved into blocks now), or nothing at all in a new index (empty counts are
    /// started). False for an index with term statistics but no pair counts.
    private func pairCountsExist() throws -> Bool {
        let blocks = TermPairBlocks(connection: index.connection)
        if try blocks.adoptSingleRow() { return true }
        guard try index.connection.scalarInt("SELECT EXISTS (SELECT 1 FROM term_stats)") == 0 else { return false }
        try blocks.start()
        return true
    }

    /// Adds counted terms (possibly negative) to `term_stats`, and their sum to the pair counts'
    /// total when `pairsKept`. False, changing nothing, when a count would go below zero.
    private func applyTermCounts(_ change: DocumentFrequencyCounter, pairsKept: Bool) throws -> Bool {
        // Group by group as the sorted terms come, in a savepoint that a count below zero rolls
        // back: every group's rows held at once took ~30 MB at the end of a 1 GB run.
        try index.connection.execute("SAVEPOINT term_counts")
        var applied = false
        defer {
            if !applied { try? index.connection.execute("ROLLBACK TO term_counts") }
            try? index.connection.execute("RELEASE term_counts")
        }
        let rows = try TermStatsRows(connection: index.connection)
        // Sorted as bytes, then grouped by folded syllable: Swift strings and dictionaries per
        // term would make this the slow part of a run's end, when nothing else is left to do.
        var folded: ArraySlice<UInt8> = []
        var forms: [(form: String, documents: Int)] = []
        var valid = true
        try change.forEachSortedTerm { key, documents in
            // A keyed term is `folded:accent`, as in the vocabulary rebuild.
            guard valid, let colon = key.firstIndex(of: UInt8(ascii: ":")) else { return }
            if !key[..<colon].elementsEqual(folded) {
                if !forms.isEmpty { valid = try rows.merge(String(decoding: folded, as: UTF8.self), forms) }
                folded = key[..<colon]
                forms.removeAll(keepingCapacity: true)
            }
            forms.append((String(decoding: key[(colon + 1)...], as: UTF8.self), documents))
        }
        if valid && !forms.isEmpty { valid = try rows.merge(String(decoding: folded, as: UTF8.self), forms) }
        guard valid else { return false }
        if pairsKept {
            let blocks = TermPairBlocks(connection: index.connection)
            try blocks.setTermDocumentCount((try blocks.termDocumentCount() ?? 0) + change.termDocumentCount)
        }
        applied = true
        return true
    }
}

/// Writes `term_stats` rows one folded syllable at a time: its counted forms added to its
/// stored ones.
private struct TermStatsRows {
    let lookup: SQLiteStatement
    let store: SQLiteStatement
    let delete: SQLiteStatement
    /// A new index has nothing to merge with: no lookups.
    let merging: Bool

    init(connection: SQLiteConnection) throws {
        lookup = try connection.prepare("SELECT variants FROM term_stats WHERE folded = ?1")
        store = try connection.prepare("INSERT OR REPLACE INTO term_stats(folded, df, variants) VALUES (?1, ?2, ?3)")
        delete = try connection.prepare("DELETE FROM term_stats WHERE folded = ?1")
        merging = try connection.scalarInt("SELECT EXISTS (SELECT 1 FROM term_stats)") == 1
    }

    /// Writes the row of `folded` (deleted when the word is gone from every document); false,
    /// writing nothing, when a count would go below zero. In key order, the rows append to the
    /// table's b-tree rather than split its pages.
    func merge(_ folded: String, _ forms: [(form: String, documents: Int)]) throws -> Bool {
        var old: [(form: String, documentFrequency: Int)] = []
        if merging {
            lookup.reset()
            try lookup.bind([.text(folded)])
            if try lookup.step() { old = TermStatistics.parseVariants(lookup.text(at: 0)) }
            lookup.reset()
        }
        let frequency: Int
        let variants: String?
        if old.isEmpty {
            guard forms.allSatisfy({ $0.documents >= 0 }) else { return false }
            let kept = forms.filter { $0.documents > 0 }
            frequency = kept.reduce(0) { $0 + $1.documents }
            variants = kept.isEmpty ? nil : TermStatistics.formatVariants(inOrder: kept)
        } else {
            var merged: [String: Int] = [:]
            for (form, documents) in old { merged[form, default: 0] += documents }
            for (form, documents) in forms { merged[form, default: 0] += documents }
            guard merged.values.allSatisfy({ $0 >= 0 }) else { return false }
            let kept = merged.filter { $0.value > 0 }
            frequency = kept.values.reduce(0, +)
            variants = kept.isEmpty ? nil : TermStatistics.formatVariants(kept)
        }
        let statement = variants == nil ? delete : store
        statement.reset()
        try statement.bind(variants.map { [.text(folded), .integer(Int64(frequency)), .text($0)] } ?? [.text(folded)])
        try statement.step()
        statement.reset()
        return true
    }
}
