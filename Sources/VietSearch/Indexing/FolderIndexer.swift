import Foundation
import VietSearchSQLite

#if canImport(Glibc)
import Glibc
#endif

/// Brings an index up to date with folders on disk: new and changed files are read and indexed,
/// deleted ones removed, unchanged ones (same size and modification time, or same content)
/// left alone.
///
/// A reader thread reads, hashes, decodes and extracts files ahead of the one SQLite writer,
/// so both cores work. Writes are committed in batches: an interrupted run leaves a consistent
/// index, and the next run picks up where it stopped. One indexer per index at a time (a lock
/// file next to it); searching while indexing works.
public final class FolderIndexer {
    let index: SearchIndex
    /// A transaction is committed after this many seconds (or at the end): an interruption
    /// loses at most that much work, and commits stay rare. Every commit makes FTS5 flush a
    /// segment that later merges cost again (FTS5 also flushes whenever its `hashsize` buffer is
    /// full; docs/ENGINE.md, "Schema"). Each commit lets the `Checkpointer` copy pages while the
    /// writer goes on.
    static let batchSeconds = 2.0

    /// Recording a document's terms and counting them (a large part of the reading work) is done
    /// by whichever thread has time: the reader does it while this many documents or more (or
    /// half of `queuedTextLimit`) wait for the writer (the writer is behind); else it leaves it
    /// to the writer, which would otherwise wait for the reader. A fixed split left one thread
    /// idle, since which thread is the bottleneck changes with the machine's load and with every
    /// change to either side. (A test sets 0 or `Int.max` to take one path only.)
    var readerPreparesAbove = 24

    /// Bytes of text read ahead of the writer at most (besides one document of any size): with
    /// their recorded terms, several times that in memory (see `BoundedQueue`).
    static let queuedTextLimit = 8 << 20

    /// Follow links to files outside the folders indexed (by default they are skipped, with
    /// the reason: a link must not carry a file from elsewhere into the index).
    public var followLinks = false

    public init(index: SearchIndex) { self.index = index }

    enum Item: Sendable {
        /// `terms`: the title's and body's terms, recorded and counted on the reader thread, or
        /// nil when the writer is to do that (see `readerPreparesAbove`).
        case document(IndexedDocument, terms: [PretokenizedText]?, bytes: Int64)
        /// Same content as indexed, only size or time changed.
        case touched(path: String, size: Int64, modificationTime: Int64)
        case skipped(path: String, reason: String, bytes: Int64)
        /// The reader's last item: the terms of every document it prepared, for `term_stats`.
        case termCounts(DocumentFrequencyCounter)
    }

    struct Known {
        var size: Int64
        var modificationTime: Int64
        var hash: String
    }

    public func run(folders: [String], progress: ((IndexingProgress) -> Void)? = nil) throws -> IndexingReport {
        let started = Date()
        let lock = try IndexerLock(indexPath: index.path)
        defer { lock.release() }
        TemporaryCopy.removeAbandonedCopies()

        var report = IndexingReport()
        let walk = FolderWalker.walk(folders, followLinks: followLinks)
        report.ignored = walk.ignored
        report.skipped = walk.skipped.map { IndexingReport.Skip(path: $0.path, reason: $0.reason) }
        report.warnings = walk.warnings.map { IndexingReport.Warning(path: $0.path, message: $0.message) }

        let known = try index.wrapping { try knownDocuments() }
        let staleBefore = try statisticsNeedRebuild(knownCount: known.count)
        let work = Self.filesToRead(walk.files, known: known, unchanged: &report.unchanged)

        // One pair table for the run: reader, writer and deletions (see `TermPairSink`), sized
        // up front from the bytes to read, at the news folder's ratio of distinct pairs to
        // bytes (docs/ENGINE.md, "How the pairs are counted"). Capped: a larger folder grows it
        // as it goes.
        let total = work.reduce(Int64(0)) { $0 + $1.size }
        let pairs = TermPairSink(expectedPairs: Int(min(total / 100, 1_500_000)))
        let queue = Self.makeQueue()
        startReader(work, known: known, queue: queue, pairs: pairs)
        defer { queue.close() }

        var state = WriterState(
            report: report, known: known, pairs: pairs, progress: progress, filesTotal: work.count, bytesTotal: total,
            writerCounts: DocumentFrequencyCounter(pairs: pairs), removedTerms: RemovedTerms(pairs: pairs))
        try writeQueued(queue, &state)
        state.report.bytesRead = state.bytesDone

        let gone = Self.goneFiles(known: known, present: walk.files, under: folders, unreadable: walk.unreadable)
        try removeAndUpdateStatistics(gone, staleBefore: staleBefore, &state)
        report = state.report
        report.removed = gone.count
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Statistics left stale by an interrupted run (or not counting every document, as after
    /// writes through `IndexWriter` alone) cannot be brought up to date by this run's counts.
    private func statisticsNeedRebuild(knownCount: Int) throws -> Bool {
        try index.wrapping {
            try index.statisticsAreStale || Int(try index.meta(.documentCount) ?? "0") != knownCount
        }
    }

    /// The files new or changed since indexed (by size or modification time); the others count
    /// as unchanged.
    private static func filesToRead(
        _ files: [FolderWalker.File], known: [String: Known], unchanged: inout Int
    ) -> [FolderWalker.File] {
        var work: [FolderWalker.File] = []
        for file in files {
            if let state = known[file.path], state.size == file.size, state.modificationTime == file.modificationTime {
                unchanged += 1
            } else {
                work.append(file)
            }
        }
        return work
    }

    /// Items from the reader to the writer, with at most `queuedTextLimit` bytes of text.
    private static func makeQueue() -> BoundedQueue<Item> {
        BoundedQueue<Item>(capacity: 64, weightLimit: queuedTextLimit) { item in
            guard case .document(let document, _, _) = item else { return 0 }
            return document.body.utf8.count + document.title.utf8.count
        }
    }

    /// Starts the reader thread (see `readAll`), with a `ReadAhead` hinting the files to come.
    private func startReader(
        _ work: [FolderWalker.File], known: [String: Known], queue: BoundedQueue<Item>, pairs: TermPairSink
    ) {
        let readAhead = ReadAhead(paths: work.map(\.path))
        let reader = Thread { [readerPreparesAbove] in
            defer { readAhead.stop() }
            Self.readAll(work, known: known, into: queue, pairs: pairs, preparesAbove: readerPreparesAbove, readAhead: readAhead)
        }
        reader.stackSize = 1 << 22
        reader.start()
    }

    /// The reader thread's work: each file read into the queue, then the terms it counted; the
    /// queue closed at the end, or when the writer closed it first.
    private static func readAll(
        _ work: [FolderWalker.File], known: [String: Known], into queue: BoundedQueue<Item>, pairs: TermPairSink,
        preparesAbove: Int, readAhead: ReadAhead
    ) {
        // Analysing here, not in the writer's FTS5 insert, puts that work on the other core
        // whenever the writer is the one behind.
        let pretokenizer = VietnamesePretokenizer(options: IndexSchema.tokenizerOptions)
        var counts = DocumentFrequencyCounter(pairs: pairs)
        // Behind by count, or by text (large files fill the text limit long before the count).
        func writerIsBehind() -> Bool {
            let waiting = queue.contents
            return waiting.count >= preparesAbove || waiting.weight >= queuedTextLimit / 2
        }
        for file in work {
            readAhead.advance()
            var item = read(file, known: known[file.path])
            if case .document(let document, nil, let bytes) = item, writerIsBehind() {
                let terms = prepare(document, pretokenizer: pretokenizer, counts: &counts)
                item = .document(document, terms: terms, bytes: bytes)
            }
            guard queue.push(item) else {
                queue.close()
                return
            }
        }
        _ = queue.push(.termCounts(counts))
        queue.close()
    }

    /// What the writer has done so far, and what it needs to go on.
    private struct WriterState {
        var report: IndexingReport
        let known: [String: Known]
        let pairs: TermPairSink
        let progress: ((IndexingProgress) -> Void)?
        let filesTotal: Int
        let bytesTotal: Int64
        var filesDone = 0
        var bytesDone: Int64 = 0
        /// The terms of the documents the reader prepared (its last item) and of those the writer did.
        var readerCounts: DocumentFrequencyCounter?
        var writerCounts: DocumentFrequencyCounter
        let pretokenizer = VietnamesePretokenizer(options: IndexSchema.tokenizerOptions)
        let removedTerms: RemovedTerms

        /// Writes one item; false for the reader's term counts, which are not a file.
        mutating func write(_ item: Item, with writer: IndexWriter) throws -> Bool {
            switch item {
            case .document(let document, let prepared, let bytes):
                let terms = prepared ?? FolderIndexer.prepare(document, pretokenizer: pretokenizer, counts: &writerCounts)
                if report.added + report.updated == 0 { try writer.markStatisticsStale(.indexing) }
                // The lock file keeps other indexers out, so `known` is current.
                try writer.upsert(document, mayExist: known[document.path] != nil, pretokenized: terms)
                if known[document.path] == nil { report.added += 1 } else { report.updated += 1 }
                report.encodings[document.encoding, default: 0] += 1
                if document.encoding == TextDecoder.damagedUTF8 {
                    report.warnings.append(.init(path: document.path, message: "not valid UTF-8: invalid bytes replaced with U+FFFD"))
                }
                bytesDone += bytes
            case .touched(let path, let size, let time):
                try writer.touch(path: path, size: size, modificationTime: time)
                report.unchanged += 1
                bytesDone += size
            case .skipped(let path, let reason, let bytes):
                report.skipped.append(IndexingReport.Skip(path: path, reason: reason))
                bytesDone += bytes
            case .termCounts(let counts):
                readerCounts = counts
                return false
            }
            filesDone += 1
            progress?(
                IndexingProgress(filesDone: filesDone, filesTotal: filesTotal, bytesDone: bytesDone, bytesTotal: bytesTotal))
            return true
        }

        /// The terms of every document written, for updating the statistics by difference; nil
        /// when the counts do not cover every change (the reader never sent its counts, say).
        func addedTerms(removedFiles: Int) -> [DocumentFrequencyCounter]? {
            guard let readerCounts, readerCounts.documentCount + writerCounts.documentCount == report.added + report.updated,
                removedTerms.counts.documentCount == report.updated + removedFiles
            else { return nil }
            return [readerCounts, writerCounts]
        }
    }

    /// Writes the queue's items in transactions of `batchSeconds`; a `Checkpointer` copies each
    /// commit into the database file meanwhile.
    private func writeQueued(_ queue: BoundedQueue<Item>, _ state: inout WriterState) throws {
        let checkpointer = Checkpointer(path: index.path)
        try index.wrapping { try index.connection.execute("PRAGMA wal_autocheckpoint=0") }
        defer {
            checkpointer.finish()
            try? index.connection.execute("PRAGMA wal_autocheckpoint=1000")
        }
        var finished = false
        while !finished {
            defer { checkpointer.request() }
            try index.write { writer in finished = try Self.writeBatch(from: queue, writer, &state) }
        }
    }

    /// One transaction: items until `batchSeconds` have passed (looked at every 64 files) or the
    /// queue ends. Returns whether it ended.
    private static func writeBatch(
        from queue: BoundedQueue<Item>, _ writer: IndexWriter, _ state: inout WriterState
    ) throws -> Bool {
        writer.removedTerms = state.removedTerms
        let batchStart = Date()
        var inBatch = 0
        while inBatch % 64 != 63 || Date().timeIntervalSince(batchStart) < batchSeconds {
            guard let item = queue.pop() else { return true }
            if try state.write(item, with: writer) { inBatch += 1 }
        }
        return false
    }

    /// Indexed files under the indexed folders that are gone from disk. Those the walk could not
    /// see (in a folder it could not open, or a file it could not look at) are kept, as an
    /// unreadable file's entry is: unreadable is not gone.
    private static func goneFiles(
        known: [String: Known], present files: [FolderWalker.File], under folders: [String], unreadable: [String]
    ) -> [String] {
        let present = Set(files.map(\.path))
        let roots = folders.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        func isUnder(_ path: String, _ folder: String) -> Bool { path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") }
        let unseen = Set(unreadable)
        return known.keys.filter { path in
            !present.contains(path) && roots.contains { isUnder(path, $0) } && !unseen.contains(path)
                && !unreadable.contains { isUnder(path, $0) }
        }
    }

    /// Removes the files gone from disk and brings the statistics up to date, in one transaction.
    private func removeAndUpdateStatistics(_ gone: [String], staleBefore: Bool, _ state: inout WriterState) throws {
        // Statistics this run made stale are brought up to date by difference (the terms of the
        // documents read minus those of the versions deleted); after an interrupted run, or when
        // the counts do not cover every change, they are rebuilt from the index. Until then
        // searches plan without them.
        let changed = state.report.added + state.report.updated + gone.count > 0
        try index.write { writer in
            writer.removedTerms = state.removedTerms
            for path in gone { try writer.remove(path: path) }
            var updated = false
            // Still marked by this run: no other writer changed documents meanwhile.
            if changed, !staleBefore, let added = state.addedTerms(removedFiles: gone.count),
                try state.report.added + state.report.updated == 0
                    || index.meta(.termStatsStale) == StaleStatistics.indexing.rawValue
            {
                updated = try writer.updateTermStatistics(added: added, removed: state.removedTerms.counts, pairs: state.pairs)
            }
            if !updated && (staleBefore || changed) {
                try writer.refreshTermStatistics()
                state.report.statisticsRebuilt = true
            }
            try writer.markIndexed(at: Int64(Date().timeIntervalSince1970))
        }
    }

    func knownDocuments() throws -> [String: Known] {
        let statement = try index.connection.prepare("SELECT path, size, mtime_ns, hash FROM documents")
        var known: [String: Known] = [:]
        while try statement.step() {
            known[statement.text(at: 0)] = Known(
                size: statement.int64(at: 1), modificationTime: statement.int64(at: 2), hash: statement.text(at: 3))
        }
        return known
    }

    /// The title's and body's terms, recorded for the writer to replay and counted for
    /// `term_stats`.
    static func prepare(
        _ document: IndexedDocument, pretokenizer: VietnamesePretokenizer, counts: inout DocumentFrequencyCounter
    ) -> [PretokenizedText] {
        let terms = [pretokenizer.record(document.title), pretokenizer.record(document.body)]
        counts.addDocument(terms)
        return terms
    }

    /// Runs on the reader thread; the document's terms are left to `prepare`.
    static func read(_ file: FolderWalker.File, known: Known?) -> Item {
        let bytes: [UInt8]
        do {
            bytes = try FileContents.read(path: file.source)
        } catch {
            let kept = known == nil ? "" : "; its indexed version is kept"
            return .skipped(path: file.path, reason: "unreadable: \(error.reason)\(kept)", bytes: file.size)
        }
        let hash = ContentHash.hex(bytes)
        if let known, known.hash == hash {
            return .touched(path: file.path, size: Int64(bytes.count), modificationTime: file.modificationTime)
        }
        switch DocumentExtractor.extract(bytes, format: file.format) {
        case .skipped(let reason):
            return .skipped(path: file.path, reason: reason, bytes: Int64(bytes.count))
        case .document(let title, let body, let encoding):
            return .document(
                IndexedDocument(
                    path: file.path, title: title, body: body, size: Int64(bytes.count),
                    modificationTime: file.modificationTime, hash: hash, encoding: encoding, format: file.format),
                terms: nil, bytes: Int64(bytes.count))
        }
    }
}
