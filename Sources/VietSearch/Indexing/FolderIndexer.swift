import Foundation
import VietSearchSQLite

/// Brings an index up to date with folders on disk: new and changed files are read and indexed,
/// deleted ones removed, unchanged ones (same size and modification time, or same content)
/// left alone.
///
/// A reader thread reads, hashes, decodes and extracts files ahead of the one SQLite writer,
/// so both cores work. Writes are committed in batches: an interrupted run leaves a consistent
/// index, and the next run picks up where it stopped. One indexer per index at a time (a lock
/// file next to it); searching while indexing works. Memory stays within `budget` however
/// large the folder or its files (see `IndexingBudget`): a file longer than a section is read,
/// analysed and stored in sections (`IndexSchema.sectionBytes`).
public final class FolderIndexer {
    let index: SearchIndex
    /// How much memory a run may use (200 MB unless set).
    public var budget = IndexingBudget()
    /// A transaction is committed after this many seconds (or at the end): an interruption
    /// loses at most that much work, and commits stay rare. Every commit makes FTS5 flush a
    /// segment that later merges cost again (FTS5 also flushes whenever its `hashsize` buffer is
    /// full; docs/ENGINE.md, "Schema"). Each commit lets the `Checkpointer` copy pages while the
    /// writer goes on.
    static let batchSeconds = 2.0

    /// Recording a document's terms and counting them (a large part of the reading work) is done
    /// by whichever thread has time: the reader does it while this many documents or more (or
    /// half of the budget's queued text) wait for the writer (the writer is behind); else it
    /// leaves it to the writer, which would otherwise wait for the reader. A fixed split left one
    /// thread idle, since which thread is the bottleneck changes with the machine's load and with
    /// every change to either side. (A test sets 0 or `Int.max` to take one path only.)
    var readerPreparesAbove = 24

    /// Text longer than this is stored as sections (tests lower it).
    var sectionBytes = IndexSchema.sectionBytes

    /// Follow links to files outside the folders indexed (by default they are skipped, with
    /// the reason: a link must not carry a file from elsewhere into the index).
    public var followLinks = false

    public init(index: SearchIndex) { self.index = index }

    enum Item: Sendable {
        /// A file's document (its first section, when `continues`: `section`s and `sectionsEnd`
        /// follow). `prepared`: the title and body analysed and their terms counted on the
        /// reader thread, or nil when the writer is to do that (see `readerPreparesAbove`).
        /// `indexed`: the index has a version of the file.
        case document(IndexedDocument, prepared: PreparedText?, bytes: Int64, indexed: Bool, continues: Bool)
        /// The next section of the file being written; `prepared` as for a document (no title).
        case section(String, prepared: PreparedText?, bytes: Int64)
        /// The file being written is complete.
        case sectionsEnd(size: Int64, modificationTime: Int64, hash: String, bytes: Int64)
        /// Same content as indexed, only size or time changed.
        case touched(path: String, size: Int64, modificationTime: Int64)
        case skipped(path: String, reason: String, bytes: Int64)
        /// The terms of documents the reader prepared: its last item (`final`), or counts it
        /// hands over when they reach their share of the budget.
        case termCounts(DocumentFrequencyCounter, final: Bool)
    }

    public func run(folders: [String], progress: ((IndexingProgress) -> Void)? = nil) throws -> IndexingReport {
        let started = Date()
        let lock = try IndexerLock(indexPath: index.path)
        defer { lock.release() }
        TemporaryCopy.removeAbandonedCopies()

        let scan = try index.wrapping { try FolderScan.scan(folders, connection: index.connection, followLinks: followLinks) }
        var report = IndexingReport()
        report.ignored = scan.ignored
        report.skipped = scan.skipped.map { IndexingReport.Skip(path: $0.path, reason: $0.reason) }
        report.warnings = scan.warnings.map { IndexingReport.Warning(path: $0.path, message: $0.message) }
        report.unchanged = scan.unchanged
        let staleBefore = try statisticsNeedRebuild()
        let bulk = scan.work.totalBytes >= bulkBytes && scan.work.totalBytes >= scan.unchangedBytes
        try index.wrapping { try configureFTS5(bulkLoad: bulk) }

        // One pair table for the run: reader, writer and deletions (see `TermPairSink`), sized
        // up front from the bytes to read, at the news folder's ratio of distinct pairs to
        // bytes (docs/ENGINE.md, "How the pairs are counted"), up to the budget's share: beyond
        // it the counts are merged into the stored ones. The writer looks at that after each
        // item, when each thread may have added a batch more: room is made for those, so that
        // the table never grows (which would hold it twice for a moment).
        let total = scan.work.totalBytes
        let pairs = TermPairSink(
            expectedPairs: Int(min(total / 100, Int64(budget.pairEntries))) + 2 * DocumentFrequencyCounter.pairBatch)
        let queue = Self.makeQueue(budget: budget)
        startReader(scan.work, queue: queue, pairs: pairs)
        defer { queue.close() }

        var state = WriterState(
            report: report, pairs: pairs, progress: progress, filesTotal: scan.work.count, bytesTotal: total, budget: budget,
            statisticsKept: !staleBefore, writerCounts: DocumentFrequencyCounter(pairs: pairs), removedTerms: RemovedTerms(pairs: pairs))
        let checkpointer = try startCheckpointer()
        defer { stop(checkpointer) }
        try writeQueued(queue, &state, checkpointer: checkpointer)
        state.report.bytesRead = state.bytesDone

        state.report(.statistics)
        try removeAndUpdateStatistics(scan.gone, &state)
        // Only now: the last batch's pages were copied while the statistics were written (the
        // writer waited for that copy when it stopped the checkpointer first). The merge below
        // rewrites the index in one transaction, which the writer's own checkpoint folds in.
        stop(checkpointer)
        try index.wrapping { try finishFTS5(bulkLoad: bulk) { state.report(.merging) } }
        // What the next search process reads first: every row's length (a scan of FTS5's
        // sizes, tens of milliseconds on a large index, once here rather than per search).
        try index.wrapping { try StoredRowLengths.store(index.connection) }
        report = state.report
        report.removed = scan.gone.count
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// A `Checkpointer` copying each commit's pages into the file, the writer's own checkpoints
    /// off meanwhile.
    private func startCheckpointer() throws -> Checkpointer {
        let checkpointer = Checkpointer(path: index.path)
        do {
            try index.wrapping { try index.connection.execute("PRAGMA wal_autocheckpoint=0") }
        } catch {
            checkpointer.finish()
            throw error
        }
        return checkpointer
    }

    /// Waits for the checkpointer's copy and turns the writer's checkpoints on again (twice is
    /// harmless).
    private func stop(_ checkpointer: Checkpointer) {
        checkpointer.finish()
        try? index.connection.execute("PRAGMA wal_autocheckpoint=1000")
    }

    /// Statistics left stale by an interrupted run (or not counting every document, as after
    /// writes through `IndexWriter` alone) cannot be brought up to date by this run's counts.
    private func statisticsNeedRebuild() throws -> Bool {
        try index.wrapping {
            let rows = try index.connection.scalarInt("SELECT count(*) FROM documents") ?? 0
            return try index.statisticsAreStale || Int64(try index.meta(.documentCount) ?? "0") != rows
        }
    }

    /// A run that reads at least this many bytes, and as many as it leaves unchanged, is a bulk
    /// load: FTS5 does not merge segments while it runs, and merges them all at its end. (Tests
    /// lower it.)
    var bulkBytes: Int64 = 64 << 20
    /// Segments left by a run (a bulk load interrupted before its final merge, say) past which
    /// the next run merges them all whatever its size.
    static let mostSegments = 16

    /// FTS5's buffer of new terms as the budget says, and its merges as the run needs them.
    ///
    /// FTS5 merges a level's segments into one of the next level whenever it has `automerge`
    /// (4) of them, so a large index is rewritten once per level while it is built, and still
    /// ends in several segments, which every search walks (docs/ENGINE.md, "Indexing at
    /// scale"). A bulk load turns the
    /// merges off (`automerge` 0; `crisismerge` 64, so that segments stay few enough to search
    /// while it runs) and merges everything once at its end (`finishFTS5`). Other runs use
    /// FTS5's defaults, which keep the few segments they add in check.
    private func configureFTS5(bulkLoad: Bool) throws {
        let setting = try index.connection.prepare("INSERT INTO documents_fts(documents_fts, rank) VALUES(?1, ?2)")
        let values: [(String, Int)] = [
            ("hashsize", budget.ftsHashBytes), ("automerge", bulkLoad ? 0 : 4), ("crisismerge", bulkLoad ? 64 : 16),
        ]
        for (name, value) in values {
            setting.reset()
            try setting.bind([.text(name), .integer(Int64(value))])
            try setting.step()
        }
    }

    /// Restores FTS5's merges after a bulk load, and merges every segment into one when the run
    /// was a bulk load or left too many (`optimize`, one transaction: an interruption leaves the
    /// segments as they were, for the next run to merge).
    private func finishFTS5(bulkLoad: Bool, merging: () -> Void) throws {
        if bulkLoad { try configureFTS5(bulkLoad: false) }
        let segments = try index.segmentCount()
        guard segments > 1 && (bulkLoad || segments > Self.mostSegments) else { return }
        merging()
        try index.connection.transaction {
            // The same rows and positions: stored pairs current before are current after.
            try PairPostings.keepingCurrent(index.connection) {
                try index.connection.execute("INSERT INTO documents_fts(documents_fts) VALUES('optimize')")
            }
        }
        // The rewrite went to the WAL: fold it into the file now (`SearchIndex.optimize` does too).
        try index.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// Items from the reader to the writer, with at most the budget's share of text.
    private static func makeQueue(budget: IndexingBudget) -> BoundedQueue<Item> {
        BoundedQueue<Item>(capacity: 1024, wakeBatch: 16, weightLimit: budget.queuedTextBytes) { item in
            switch item {
            case .document(let document, _, _, _, _): return document.body.utf8.count + document.title.utf8.count
            case .section(let body, _, _): return body.utf8.count
            default: return 0
            }
        }
    }

    /// Removes the files gone from disk and brings the statistics up to date, in one transaction.
    private func removeAndUpdateStatistics(_ gone: [Int64], _ state: inout WriterState) throws {
        // Statistics this run made stale are brought up to date by difference (the terms of the
        // documents read minus those of the versions deleted); after an interrupted run, or when
        // the counts do not cover every change, they are rebuilt from the index. Until then
        // searches plan without them.
        let changed = state.rowsAdded + gone.count > 0 || state.report.updated > 0
        try index.write { writer in
            writer.removedTerms = state.removedTerms
            for id in gone { try writer.remove(id: id) }
            state.rowsDeleted += writer.rowsDeleted
            var updated = false
            // Still marked by this run: no other writer changed documents meanwhile.
            if changed, state.statisticsKept, let added = state.takeAddedTerms(),
                try state.rowsAdded == 0 || index.meta(.termStatsStale) == StaleStatistics.indexing.rawValue
            {
                updated = try writer.updateTermStatistics(added: consume added, removed: state.removedTerms.takeCounts(), pairs: state.pairs)
            }
            if !updated && (!state.statisticsKept || changed) {
                try writer.refreshTermStatistics()
                state.report.statisticsRebuilt = true
            }
            try writer.markIndexed(at: Int64(Date().timeIntervalSince1970))
        }
    }

    /// The title and body analysed: their terms recorded for the writer to replay and counted
    /// for `term_stats`, and their abbreviations found.
    static func prepare(
        _ title: String, _ body: String, pretokenizer: VietnamesePretokenizer, counts: inout DocumentFrequencyCounter
    ) -> PreparedText {
        let terms = [pretokenizer.record(title), pretokenizer.record(body)]
        counts.addDocument(terms)
        return PreparedText(terms: terms, title: title, body: body)
    }
}
