import Foundation
import VietSearchSQLite

extension FolderIndexer {
    /// Starts the reader thread (see `readAll`), with a `ReadAhead` hinting the files to come.
    func startReader(_ work: WorkList, queue: BoundedQueue<Item>, pairs: TermPairSink) {
        let readAhead = ReadAhead(count: work.count) { work.source(at: $0) }
        let reader = Thread { [readerPreparesAbove, budget, sectionBytes] in
            defer { readAhead.stop() }
            var reader = Reader(
                queue: queue, pairs: pairs, preparesAbove: readerPreparesAbove, budget: budget, sectionBytes: sectionBytes)
            reader.readAll(work, readAhead: readAhead)
        }
        reader.stackSize = 1 << 22
        reader.start()
    }

    /// The reader thread's work: each file read into the queue, then the terms it counted; the
    /// queue closed at the end, or when the writer closed it first.
    struct Reader {
        let queue: BoundedQueue<Item>
        let pairs: TermPairSink
        let preparesAbove: Int
        let budget: IndexingBudget
        let sectionBytes: Int
        // Analysing here, not in the writer's FTS5 insert, puts that work on the other core
        // whenever the writer is the one behind.
        let pretokenizer = VietnamesePretokenizer(options: IndexSchema.tokenizerOptions)
        var counts: DocumentFrequencyCounter

        init(queue: BoundedQueue<Item>, pairs: TermPairSink, preparesAbove: Int, budget: IndexingBudget, sectionBytes: Int) {
            self.queue = queue
            self.pairs = pairs
            self.preparesAbove = preparesAbove
            self.budget = budget
            self.sectionBytes = sectionBytes
            counts = DocumentFrequencyCounter(pairs: pairs)
        }

        mutating func readAll(_ work: WorkList, readAhead: ReadAhead) {
            for index in 0..<work.count {
                readAhead.advance()
                guard read(work[index]) else {
                    queue.close()
                    return
                }
            }
            _ = queue.push(.termCounts(counts, final: true))
            queue.close()
        }

        /// Behind by count, or by text (large files fill the text limit long before the count).
        private func writerIsBehind() -> Bool {
            let waiting = queue.contents
            return waiting.count >= preparesAbove || waiting.weight >= budget.queuedTextBytes / 2
        }

        /// Queues `item`, its terms recorded here when the writer is behind; false when the
        /// writer has closed the queue.
        private mutating func push(_ item: Item) -> Bool {
            var item = item
            if writerIsBehind() {
                switch item {
                case .document(let document, nil, let bytes, let indexed, let continues):
                    let prepared = FolderIndexer.prepare(document.title, document.body, pretokenizer: pretokenizer, counts: &counts)
                    item = .document(document, prepared: prepared, bytes: bytes, indexed: indexed, continues: continues)
                case .section(let body, nil, let bytes):
                    item = .section(body, prepared: FolderIndexer.prepare("", body, pretokenizer: pretokenizer, counts: &counts), bytes: bytes)
                default: break
                }
            }
            if counts.distinctTerms > budget.counterTerms {
                let full = counts
                counts = DocumentFrequencyCounter(pairs: pairs)
                guard queue.push(.termCounts(full, final: false)) else { return false }
            }
            return queue.push(item)
        }

        /// Reads one file into the queue; false when the writer has closed it.
        private mutating func read(_ file: WorkList.File) -> Bool {
            if file.size > sectionBytes, LargeTextFile.formats.contains(file.format) { return readLarge(file) }
            let item = FolderIndexer.read(file)
            if case .document(let document, _, _, _, _) = item, document.body.utf8.count > sectionBytes {
                return push(sections: TextSections.split(document.body, limit: sectionBytes), of: document, file: file)
            }
            return push(item)
        }

        /// A text file larger than a section, in sections as it is read (`LargeTextFile`).
        private mutating func readLarge(_ file: WorkList.File) -> Bool {
            let text = LargeTextFile(path: file.source, sectionBytes: sectionBytes)
            do throws(LargeTextFile.Failure) {
                let (hash, size, kind) = try text.survey()
                if let known = file.knownHash, known == hash {
                    return push(.touched(path: file.path, size: Int64(size), modificationTime: file.modificationTime))
                }
                if case .binary(let reason) = kind { return push(.skipped(path: file.path, reason: reason, bytes: Int64(size))) }
                var writer = SectionWriter(file: file, hash: hash, size: Int64(size))
                var going = true
                let encoding = try text.forEachSection(as: kind) { section, encoding in
                    going = writer.add(section, encoding: encoding) { push($0) }
                    return going
                }
                guard going else { return false }
                return writer.finish(encoding: encoding) { push($0) }
            } catch {
                return push(.skipped(path: file.path, reason: FolderIndexer.unreadable(error.reason, file), bytes: file.size))
            }
        }

        /// A document whose text was extracted whole (HTML, Word, PDF…) but is longer than a section.
        private mutating func push(sections: [String], of document: IndexedDocument, file: WorkList.File) -> Bool {
            var writer = SectionWriter(file: file, hash: document.hash, size: document.size, title: document.title)
            for (number, section) in sections.enumerated() {
                guard writer.add((section, number == 0 ? document.size : 0), encoding: document.encoding, push: { push($0) }) else {
                    return false
                }
            }
            return writer.finish(encoding: document.encoding) { push($0) }
        }
    }

    /// Turns a file's sections, as they come, into items: the first as the file's document
    /// (held back one section, to know whether more follow), the rest as sections, then the end.
    struct SectionWriter {
        let file: WorkList.File
        let hash: String
        let size: Int64
        /// The title when known (extracted), else the first section's first line.
        var title: String?
        private var held: LargeTextFile.Section?
        private var first = true

        init(file: WorkList.File, hash: String, size: Int64, title: String? = nil) {
            self.file = file
            self.hash = hash
            self.size = size
            self.title = title
        }

        mutating func add(_ section: LargeTextFile.Section, encoding: String, push: (Item) -> Bool) -> Bool {
            defer { held = section }
            guard let held else { return true }
            return emit(held, continues: true, encoding: encoding, push: push)
        }

        mutating func finish(encoding: String, push: (Item) -> Bool) -> Bool {
            guard let held else { return push(.skipped(path: file.path, reason: "only whitespace", bytes: size)) }
            if first { return emit(held, continues: false, encoding: encoding, push: push) }
            return emit(held, continues: false, encoding: encoding, push: push)
                && push(.sectionsEnd(size: size, modificationTime: file.modificationTime, hash: hash, bytes: 0))
        }

        private mutating func emit(_ section: LargeTextFile.Section, continues: Bool, encoding: String, push: (Item) -> Bool) -> Bool {
            guard first else { return push(.section(section.text, prepared: nil, bytes: section.bytes)) }
            first = false
            let document = IndexedDocument(
                path: file.path, title: title ?? DocumentExtractor.title(ofText: section.text, format: file.format), body: section.text,
                size: size, modificationTime: file.modificationTime, hash: hash, encoding: encoding, format: file.format)
            return push(.document(document, prepared: nil, bytes: section.bytes, indexed: file.knownHash != nil, continues: continues))
        }
    }

    /// Why a file was not read, and that its indexed version (if any) stays: an unreadable file
    /// is not a deleted one.
    static func unreadable(_ reason: String, _ file: WorkList.File) -> String {
        "unreadable: \(reason)" + (file.knownHash == nil ? "" : "; its indexed version is kept")
    }

    /// Runs on the reader thread; the document's terms are left to `prepare`.
    static func read(_ file: WorkList.File) -> Item {
        let bytes: [UInt8]
        do {
            bytes = try FileContents.read(path: file.source)
        } catch {
            return .skipped(path: file.path, reason: unreadable(error.reason, file), bytes: file.size)
        }
        let hash = ContentHash.hex(bytes)
        if let known = file.knownHash, known == hash {
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
                prepared: nil, bytes: Int64(bytes.count), indexed: file.knownHash != nil, continues: false)
        }
    }
}
