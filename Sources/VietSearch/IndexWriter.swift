import VietSearchSQLite

/// Writes to an index inside one transaction (`SearchIndex.write`). Statements are prepared once
/// per transaction and reused for every document.
///
/// Documents written through `upsert` and `remove` keep the statistics searches plan with
/// (`term_stats`, `term_pairs`) exact: the terms of the versions added and removed are counted as
/// they are written, and the statistics updated by difference when the transaction ends. That
/// costs rewriting the pair table once per transaction (its size: docs/ENGINE.md, "Schema"), so
/// write many documents per transaction. When the statistics were already out of date, they stay marked
/// stale (searches plan without them) until `refreshTermStatistics()` or the next indexing run.
public final class IndexWriter {
    let index: SearchIndex
    private let findStatement: SQLiteStatement
    private let insertStatement: SQLiteStatement
    private let updateStatement: SQLiteStatement
    private let deleteStatement: SQLiteStatement
    private let touchStatement: SQLiteStatement
    private let ftsInsertStatement: SQLiteStatement
    private let ftsDeleteStatement: SQLiteStatement
    /// Set by a caller that keeps the statistics itself (a `FolderIndexer` run, whose counts span
    /// its transactions): deleted versions' terms are counted there, and this writer leaves the
    /// statistics to the caller.
    var removedTerms: RemovedTerms?
    /// The abbreviations each document defines, kept with it.
    private let abbreviations: LearnedAbbreviations
    /// What this transaction's public writes do to the statistics.
    private var upkeep = StatisticsUpkeep.undecided

    private enum StatisticsUpkeep {
        /// No document changed yet.
        case undecided
        /// They were current: this transaction's changes, counted, are applied at its end.
        case byDifference(WrittenTerms)
        /// They were not: left marked stale.
        case stale
    }

    init(index: SearchIndex) throws {
        self.index = index
        let db = index.connection
        findStatement = try db.prepare("SELECT id, title, body FROM documents WHERE path = ?1")
        insertStatement = try db.prepare(
            """
            INSERT INTO documents(path, title, body, size, mtime_ns, hash, encoding, format, indexed_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, unixepoch())
            """)
        updateStatement = try db.prepare(
            """
            UPDATE documents SET title = ?2, body = ?3, size = ?4, mtime_ns = ?5, hash = ?6, encoding = ?7, format = ?8,
                indexed_at = unixepoch()
            WHERE id = ?1
            """)
        deleteStatement = try db.prepare("DELETE FROM documents WHERE id = ?1")
        touchStatement = try db.prepare("UPDATE documents SET size = ?2, mtime_ns = ?3 WHERE path = ?1")
        ftsInsertStatement = try db.prepare("INSERT INTO documents_fts(rowid, title, body) VALUES (?1, ?2, ?3)")
        // External content: FTS5 must be told the old text to remove its terms.
        ftsDeleteStatement = try db.prepare(
            "INSERT INTO documents_fts(documents_fts, rowid, title, body) VALUES ('delete', ?1, ?2, ?3)")
        abbreviations = try LearnedAbbreviations(connection: db)
    }

    private func existing(_ path: String) throws -> (id: Int64, title: String, body: String)? {
        findStatement.reset()
        try findStatement.bind([.text(path)])
        guard try findStatement.step() else { return nil }
        return (findStatement.int64(at: 0), findStatement.text(at: 1), findStatement.text(at: 2))
    }

    private func run(_ statement: SQLiteStatement, _ values: [SQLiteValue]) throws {
        statement.reset()
        try statement.bind(values)
        try statement.step()
    }

    /// Adds the document, or replaces the one with the same path.
    public func upsert(_ document: IndexedDocument) throws {
        let terms = try countedChanges()?.record(document) ?? []
        try upsert(document, mayExist: true, pretokenized: terms)
    }

    /// `mayExist: false` (the caller knows the path is new) skips looking for an old version:
    /// one query less per new document on the insert path. `pretokenized` holds the title's and
    /// body's terms recorded on another thread, replayed instead of analysing them here.
    func upsert(_ document: IndexedDocument, mayExist: Bool, pretokenized: [PretokenizedText] = []) throws {
        let fields: [SQLiteValue] = [
            .text(document.title), .text(document.body), .integer(document.size), .integer(document.modificationTime),
            .text(document.hash), .text(document.encoding), .text(document.format),
        ]
        let id: Int64
        var replacing = false
        if mayExist, let old = try existing(document.path) {
            id = old.id
            replacing = true
            try deleteFromFTS(id: id, title: old.title, body: old.body)
            try run(updateStatement, [.integer(id)] + fields)
        } else {
            try run(insertStatement, [.text(document.path)] + fields)
            id = index.connection.lastInsertRowID
        }
        try abbreviations.record(document: id, title: document.title, body: document.body, replacing: replacing)
        try index.connection.withPretokenized(pretokenized) {
            try run(ftsInsertStatement, [.integer(id), .text(document.title), .text(document.body)])
        }
    }

    /// Removes the document at `path`, if indexed.
    public func remove(path: String) throws {
        guard let old = try existing(path) else { return }
        _ = try countedChanges()
        try deleteFromFTS(id: old.id, title: old.title, body: old.body)
        try run(deleteStatement, [.integer(old.id)])
        try abbreviations.forget(document: old.id)
    }

    private func deleteFromFTS(id: Int64, title: String, body: String) throws {
        let counter: RemovedTerms?
        if let removedTerms {
            counter = removedTerms
        } else if case .byDifference(let written) = upkeep {
            counter = written.removed
        } else {
            counter = nil
        }
        let recordings = counter?.record(title: title, body: body) ?? []
        try index.connection.withPretokenized(recordings) {
            try run(ftsDeleteStatement, [.integer(id), .text(title), .text(body)])
        }
    }

    /// Records a new size and modification time for a file whose content did not change.
    public func touch(path: String, size: Int64, modificationTime: Int64) throws {
        try run(touchStatement, [.text(path), .integer(size), .integer(modificationTime)])
    }

    /// Reads the abbreviations every stored document defines again (an index made before they
    /// were kept).
    func rebuildAbbreviations() throws {
        try abbreviations.rebuild()
    }

    /// Where a public write's terms are counted, decided at the transaction's first change: nil
    /// when a caller keeps the statistics, or they were not current (then marked stale now).
    private func countedChanges() throws -> WrittenTerms? {
        guard removedTerms == nil else { return nil }
        switch upkeep {
        case .byDifference(let written): return written
        case .stale: return nil
        case .undecided:
            guard try index.statisticsAreCurrent else {
                try markStatisticsStale()
                return nil
            }
            let written = WrittenTerms()
            upkeep = .byDifference(written)
            return written
        }
    }

    /// Applies the counted changes, when the transaction's body has returned (`SearchIndex.write`).
    func finish() throws {
        guard case .byDifference(let written) = upkeep else { return }
        upkeep = .undecided
        if try !updateTermStatistics(added: [written.added], removed: written.removed.counts, pairs: written.pairs) {
            // A count went negative: the stored statistics did not describe the documents.
            try markStatisticsStale()
        }
    }

    /// Recomputes the statistics the query planner uses from the whole index.
    public func refreshTermStatistics() throws {
        try index.connection.execute(IndexSchema.refreshTermStatistics)
        try rebuildTermPairs()
        try markStatisticsCurrent()
        // They now include this transaction's changes so far.
        upkeep = .undecided
    }

    /// Recounts `term_pairs` from the stored text of every document (the vocabulary has no
    /// adjacency): about as long as analysing the text once.
    private func rebuildTermPairs() throws {
        let pretokenizer = VietnamesePretokenizer(options: IndexSchema.tokenizerOptions)
        var counter = DocumentFrequencyCounter()
        let statement = try index.connection.prepare("SELECT title, body FROM documents")
        while try statement.step() {
            counter.addDocument([pretokenizer.record(statement.text(at: 0)), pretokenizer.record(statement.text(at: 1))])
        }
        counter.flushPairs()
        let table = TermPairTable.merge([], counter.pairs.takeSorted(), termDocumentCount: counter.termDocumentCount)
        try storeTermPairs(table)
    }

    /// The stored pair counts, or nil when the index has none (made before they existed).
    private func storedTermPairs() throws -> TermPairTable? {
        let statement = try index.connection.prepare("SELECT data FROM term_pairs WHERE id = 1")
        guard try statement.step() else { return nil }
        return TermPairTable(bytes: statement.blob(at: 0))
    }

    private func storeTermPairs(_ table: TermPairTable?) throws {
        guard let table else { return try index.connection.execute("DELETE FROM term_pairs") }
        let statement = try index.connection.prepare("INSERT OR REPLACE INTO term_pairs(id, data) VALUES (1, ?1)")
        try statement.bind([.blob(table.bytes)])
        try statement.step()
    }

    /// Brings the statistics the query planner uses up to date by difference: the terms of the
    /// documents added (counted while they were read) minus those of the versions deleted. That
    /// is what `refreshTermStatistics` computes, without walking the whole index's vocabulary
    /// again. Valid only when the statistics were current before the
    /// run; returns false, changing nothing, when a count would go negative (they were not).
    ///
    /// `pairs` holds the run's pair counts: additions and deletions (see `TermPairSink`).
    func updateTermStatistics(added: [DocumentFrequencyCounter], removed: DocumentFrequencyCounter, pairs sink: TermPairSink) throws -> Bool {
        // Summed and sorted as bytes, then grouped by folded syllable: Swift strings and
        // dictionaries per term would make this the slow part of a run's end, when nothing else
        // is left to do.
        var change = DocumentFrequencyCounter()
        // Each counter's last pairs go to the sink here (the caller keeps no other copy).
        for var counter in added {
            counter.flushPairs()
            change.add(counter)
        }
        var removed = removed
        removed.flushPairs()
        change.add(removed, times: -1)
        var groups: [(folded: String, forms: [(form: String, documents: Int)])] = []
        for (key, documents) in change.sortedTerms() {
            // A keyed term is `folded:accent`, as in the vocabulary rebuild.
            guard let colon = key.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let folded = key[..<colon]
            let form = String(decoding: key[(colon + 1)...], as: UTF8.self)
            if let last = groups.last?.folded, last.utf8.elementsEqual(folded) {
                groups[groups.count - 1].forms.append((form, documents))
            } else {
                groups.append((String(decoding: folded, as: UTF8.self), [(form, documents)]))
            }
        }
        let lookup = try index.connection.prepare("SELECT variants FROM term_stats WHERE folded = ?1")
        // A new index has nothing to merge with: no lookups.
        let merging = try index.connection.scalarInt("SELECT EXISTS (SELECT 1 FROM term_stats)") == 1
        // `variants` nil: the word is gone from every document.
        var rows: [(folded: String, frequency: Int, variants: String?)] = []
        rows.reserveCapacity(groups.count)
        for (folded, forms) in groups {
            var old: [(form: String, documentFrequency: Int)] = []
            if merging {
                lookup.reset()
                try lookup.bind([.text(folded)])
                if try lookup.step() { old = TermStatistics.parseVariants(lookup.text(at: 0)) }
            }
            if old.isEmpty {
                guard forms.allSatisfy({ $0.documents > 0 }) else { return false }
                rows.append((folded, forms.reduce(0) { $0 + $1.documents }, TermStatistics.formatVariants(inOrder: forms)))
                continue
            }
            var variants: [String: Int] = [:]
            for (form, documents) in old { variants[form, default: 0] += documents }
            for (form, documents) in forms { variants[form, default: 0] += documents }
            guard variants.values.allSatisfy({ $0 >= 0 }) else { return false }
            let kept = variants.filter { $0.value > 0 }
            rows.append((folded, kept.values.reduce(0, +), kept.isEmpty ? nil : TermStatistics.formatVariants(kept)))
        }
        // Pair counts by difference too, unless the index has none yet (made before they
        // existed): then counted once from the stored text.
        if !merging {
            guard let pairs = TermPairTable.merge([], sink.takeSorted(), termDocumentCount: change.termDocumentCount) else { return false }
            try storeTermPairs(pairs)
        } else if let old = try storedTermPairs() {
            guard let pairs = old.merged(with: sink.takeSorted(), termDocumentChange: change.termDocumentCount) else { return false }
            try storeTermPairs(pairs)
        } else {
            try rebuildTermPairs()
        }
        let store = try index.connection.prepare("INSERT OR REPLACE INTO term_stats(folded, df, variants) VALUES (?1, ?2, ?3)")
        let delete = try index.connection.prepare("DELETE FROM term_stats WHERE folded = ?1")
        // In key order (the groups are), the rows append to the table's b-tree rather than
        // split its pages.
        for (folded, frequency, variants) in rows {
            if let variants {
                try run(store, [.text(folded), .integer(Int64(frequency)), .text(variants)])
            } else {
                try run(delete, [.text(folded)])
            }
        }
        try markStatisticsCurrent()
        return true
    }

    /// The statistics describe the documents now: the count they were computed over (a later
    /// run compares it with the documents it knows) and no stale flag.
    private func markStatisticsCurrent() throws {
        let documents = try index.connection.scalarInt("SELECT count(*) FROM documents") ?? 0
        try index.setMeta(.documentCount, String(documents))
        try index.removeMeta(.termStatsStale)
    }

    /// Says the statistics no longer describe the documents, so searches do not plan with them
    /// until `refreshTermStatistics()` or the next indexing run rebuilds them: a word's new accent
    /// form would otherwise be missing from its expansion. This transaction's writes then leave
    /// them alone.
    public func markStatisticsStale() throws {
        try markStatisticsStale(.writes)
    }

    /// `.indexing`: committed with the first change of a `FolderIndexer` run, which updates them
    /// at its end.
    func markStatisticsStale(_ reason: StaleStatistics) throws {
        try index.setMeta(.termStatsStale, reason.rawValue)
        if removedTerms == nil { upkeep = .stale }
    }

    /// Records when indexing last finished.
    public func markIndexed(at time: Int64) throws {
        try index.setMeta(.lastIndexedAt, String(time))
    }
}
