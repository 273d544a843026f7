import Foundation
import VietSearchSQLite

extension FolderIndexer {
    /// What the writer has done so far, and what it needs to go on.
    struct WriterState {
        var report: IndexingReport
        let pairs: TermPairSink
        let progress: ((IndexingProgress) -> Void)?
        let filesTotal: Int
        let bytesTotal: Int64
        let budget: IndexingBudget
        /// The statistics are kept by difference this run: they were current at its start, and
        /// every count merged so far went in (else they are rebuilt at its end).
        var statisticsKept: Bool
        var filesDone = 0
        var bytesDone: Int64 = 0
        /// Rows (documents and sections) written and deleted, and those the counts merged or
        /// held cover: the statistics are updated by difference only when they agree.
        var rowsAdded = 0
        var rowsDeleted = 0
        var rowsCounted = 0
        var deletionsCounted = 0
        /// The terms of the documents the reader prepared (its last item) and of those the writer did.
        var readerCounts: DocumentFrequencyCounter?
        var writerCounts: DocumentFrequencyCounter
        let pretokenizer = VietnamesePretokenizer(options: IndexSchema.tokenizerOptions)
        let removedTerms: RemovedTerms
        /// The file whose sections are being written.
        var sectioned: (file: IndexWriter.SectionedFile, sections: Int)?

        init(
            report: IndexingReport, pairs: TermPairSink, progress: ((IndexingProgress) -> Void)?, filesTotal: Int, bytesTotal: Int64,
            budget: IndexingBudget, statisticsKept: Bool, writerCounts: DocumentFrequencyCounter, removedTerms: RemovedTerms
        ) {
            self.report = report
            self.pairs = pairs
            self.progress = progress
            self.filesTotal = filesTotal
            self.bytesTotal = bytesTotal
            self.budget = budget
            self.statisticsKept = statisticsKept
            self.writerCounts = writerCounts
            self.removedTerms = removedTerms
        }

        /// Writes one item.
        mutating func write(_ item: Item, with writer: IndexWriter) throws {
            switch item {
            case .document(let document, let prepared, let bytes, let indexed, let continues):
                let prepared =
                    prepared ?? FolderIndexer.prepare(document.title, document.body, pretokenizer: pretokenizer, counts: &writerCounts)
                if rowsAdded == 0 && report.updated == 0 { try writer.markStatisticsStale(.indexing) }
                // The lock file keeps other indexers out, so `indexed` is current.
                let id = try writer.upsert(
                    document, mayExist: indexed, pretokenized: prepared.terms, definitions: prepared.definitions, complete: !continues)
                rowsAdded += 1
                if indexed { report.updated += 1 } else { report.added += 1 }
                report.encodings[document.encoding, default: 0] += 1
                if document.encoding == TextDecoder.damagedUTF8 {
                    report.warnings.append(.init(path: document.path, message: "not valid UTF-8: invalid bytes replaced with U+FFFD"))
                }
                if continues {
                    let file = IndexWriter.SectionedFile(
                        id: id, path: document.path, encoding: document.encoding, format: document.format,
                        modificationTime: document.modificationTime)
                    sectioned = (file, 0)
                } else {
                    filesDone += 1
                }
                bytesDone += bytes
            case .section(let body, let prepared, let bytes):
                guard var current = sectioned else { preconditionFailure("a section without its file") }
                let prepared = prepared ?? FolderIndexer.prepare("", body, pretokenizer: pretokenizer, counts: &writerCounts)
                current.sections += 1
                try writer.appendSection(
                    body, number: current.sections, of: current.file, pretokenized: prepared.terms, definitions: prepared.definitions)
                sectioned = current
                rowsAdded += 1
                bytesDone += bytes
            case .sectionsEnd(let size, let time, let hash, let bytes):
                guard let current = sectioned else { preconditionFailure("the end of sections without their file") }
                try writer.complete(current.file, size: size, modificationTime: time, hash: hash)
                sectioned = nil
                filesDone += 1
                bytesDone += bytes
            case .touched(let path, let size, let time):
                try writer.touch(path: path, size: size, modificationTime: time)
                report.unchanged += 1
                filesDone += 1
                bytesDone += size
            case .skipped(let path, let reason, let bytes):
                report.skipped.append(IndexingReport.Skip(path: path, reason: reason))
                filesDone += 1
                bytesDone += bytes
            case .termCounts(let counts, let final):
                if final {
                    readerCounts = counts
                } else {
                    try spill(terms: counts, with: writer)
                }
                return
            }
            try spillOverBudget(with: writer)
            report(.files)
        }

        /// Tells the progress callback, if any, how far the run is.
        func report(_ stage: IndexingProgress.Stage) {
            progress?(IndexingProgress(filesDone: filesDone, filesTotal: filesTotal, bytesDone: bytesDone, bytesTotal: bytesTotal, stage: stage))
        }

        /// Merges into the stored statistics whatever count has outgrown its share of the budget.
        private mutating func spillOverBudget(with writer: IndexWriter) throws {
            if writerCounts.distinctTerms > budget.counterTerms {
                let counts = writerCounts
                writerCounts = DocumentFrequencyCounter(pairs: pairs)
                try spill(terms: counts, with: writer)
            }
            if removedTerms.counts.distinctTerms > budget.counterTerms {
                try spill(terms: removedTerms.takeCounts(), with: writer, sign: -1)
            }
            if pairs.count > budget.pairEntries { try spill(terms: nil, with: writer) }
        }

        /// Merges `counts` (times `sign`) and the pairs so far into the stored statistics, which
        /// stay marked stale until the run's end. When they are not kept this run, only drops them.
        private mutating func spill(terms counts: DocumentFrequencyCounter?, with writer: IndexWriter, sign: Int32 = 1) throws {
            var change: DocumentFrequencyCounter?
            if var counts {
                // Its last pairs go to the sink before it is dropped.
                counts.flushPairs()
                if sign > 0 {
                    rowsCounted += counts.documentCount
                    change = counts
                } else {
                    deletionsCounted += counts.documentCount
                    var negated = DocumentFrequencyCounter()
                    negated.add(counts, times: sign)
                    change = negated
                }
            }
            guard statisticsKept else {
                pairs.recycle(pairs.takeSorted())
                return
            }
            if try !writer.spill(terms: change, pairs: pairs) { statisticsKept = false }
        }

        /// The terms of every document written, for updating the statistics by difference,
        /// handed over (the state keeps no copy, so they can be summed in place); nil when the
        /// counts do not cover every change (the reader never sent its counts, say).
        mutating func takeAddedTerms() -> [DocumentFrequencyCounter]? {
            guard let reader = readerCounts,
                rowsCounted + reader.documentCount + writerCounts.documentCount == rowsAdded,
                deletionsCounted + removedTerms.counts.documentCount == rowsDeleted
            else { return nil }
            let counts = [reader, writerCounts]
            readerCounts = nil
            writerCounts = DocumentFrequencyCounter(pairs: pairs)
            return counts
        }
    }

    /// Writes the queue's items in transactions of `batchSeconds`; a `Checkpointer` copies each
    /// commit into the database file meanwhile.
    func writeQueued(_ queue: BoundedQueue<Item>, _ state: inout WriterState, checkpointer: Checkpointer) throws {
        var finished = false
        while !finished {
            defer {
                checkpointer.request()
                MemoryTrim.releaseFreePages()
            }
            try index.write { writer in
                finished = try Self.writeBatch(from: queue, writer, &state)
                state.rowsDeleted += writer.rowsDeleted
            }
        }
    }

    /// One transaction: items until `batchSeconds` have passed (looked at every 64 items) or the
    /// queue ends. Returns whether it ended.
    private static func writeBatch(
        from queue: BoundedQueue<Item>, _ writer: IndexWriter, _ state: inout WriterState
    ) throws -> Bool {
        writer.removedTerms = state.removedTerms
        let batchStart = Date()
        var inBatch = 0
        while inBatch % 64 != 63 || Date().timeIntervalSince(batchStart) < batchSeconds {
            guard let item = queue.pop() else { return true }
            try state.write(item, with: writer)
            inBatch += 1
        }
        return false
    }
}
