import Foundation
import PropertyBased
import Testing
import VietSearchSQLite

@testable import VietSearch

/// `term_stats` and `term_pairs` kept up to date by counting the documents an indexing run reads
/// must equal a rebuild (from the index's vocabulary, and from the stored text), whatever the
/// sequence of runs.
@Suite struct TermStatisticsTests {
    static let sentences = [
        "Hội nghị bàn về công tác xây dựng Đảng trong sạch, vững mạnh.",
        "Đa\u{309}ng viên trẻ đang học tập nghị quyết.",
        "Cuộc họp đang diễn ra, các đại biểu đang thảo luận.",
        "Tinh thần ấy thật đáng quý và đáng trân trọng.",
        "Nhà máy thuỷ điện Hoà Bình trên sông Đà, hòa bình cho mọi người.",
        "Kĩ thuật trồng lúa mới giúp nông dân Mỹ Tho; kỹ sư và lý do.",
    ]

    /// Writes file `number` (each a different mix of sentences) into `folder`.
    static func write(_ number: Int, to folder: URL, variant: Int = 0) throws {
        let text = (0..<4).map { sentences[(number * 3 + $0 * (variant + 1)) % sentences.count] }.joined(separator: " ")
        try "Tài liệu \(number)\n\(text) số \(number * 11 + variant)\n".write(
            to: folder.appendingPathComponent("doc-\(number).txt"), atomically: true, encoding: .utf8)
    }

    static func statistics(_ index: SearchIndex) throws -> [String] {
        let statement = try index.connection.prepare("SELECT folded, df, variants FROM term_stats ORDER BY folded")
        var rows: [String] = []
        while try statement.step() {
            let variants = TermStatistics.parseVariants(statement.text(at: 2)).map { "\($0.form)=\($0.documentFrequency)" }.sorted()
            rows.append("\(statement.text(at: 0)) \(statement.int64(at: 1)) \(variants.joined(separator: " "))")
        }
        return rows
    }

    /// The stored pair counts, decoded, and their total last (nil when the index has none).
    static func pairs(_ index: SearchIndex) throws -> [TermPairCounter.Entry]? {
        guard let table = try TermPairBlocks(connection: index.connection).load() else { return nil }
        return table.entries() + [TermPairCounter.Entry(fingerprint: 0, count: Int32(table.termDocumentCount))]
    }

    /// Runs the indexer, then checks its statistics against a rebuild (and the document count).
    /// `readerPreparesAbove`: which thread records and counts the documents (0: the reader,
    /// `Int.max`: the writer, else a mix).
    static func indexAndCheck(
        _ folder: URL, _ index: SearchIndex, rebuilt: Bool = false, readerPreparesAbove: Int = 24, budget: IndexingBudget = IndexingBudget()
    ) throws {
        let indexer = FolderIndexer(index: index)
        indexer.readerPreparesAbove = readerPreparesAbove
        indexer.budget = budget
        let report = try indexer.run(folders: [folder.path])
        #expect(report.statisticsRebuilt == rebuilt)
        try checkAgainstRebuild(index)
    }

    /// The statistics are current, and equal to those rebuilt from the whole index.
    static func checkAgainstRebuild(_ index: SearchIndex, minimum: Int = 20, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let kept = try statistics(index)
        let keptPairs = try pairs(index)
        let documents = try index.meta(.documentCount)
        #expect(try !index.statisticsAreStale, sourceLocation: sourceLocation)
        try index.write { writer in try writer.refreshTermStatistics() }
        #expect(kept.count > minimum, sourceLocation: sourceLocation)
        #expect(kept == (try statistics(index)), sourceLocation: sourceLocation)
        #expect((keptPairs?.count ?? 0) > minimum, sourceLocation: sourceLocation)
        #expect(keptPairs == (try pairs(index)), sourceLocation: sourceLocation)
        #expect(documents == (try index.meta(.documentCount)), sourceLocation: sourceLocation)
    }

    /// Document `number` as `write(_:to:variant:)` words it, for writing through `IndexWriter`.
    static func document(_ number: Int, variant: Int = 0) -> IndexedDocument {
        let text = (0..<4).map { sentences[(number * 3 + $0 * (variant + 1)) % sentences.count] }.joined(separator: " ")
        return IndexedDocument(
            path: "/library/doc-\(number).txt", title: "Tài liệu \(number)", body: "\(text) số \(number * 11 + variant)",
            size: Int64(text.utf8.count), modificationTime: Int64(variant), hash: "\(number)-\(variant)", encoding: "utf-8",
            format: "txt")
    }

    /// An empty folder of documents and a new index, in a temporary folder removed afterwards.
    static func withFolderAndIndex(_ body: (URL, SearchIndex) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vietsearch-stats-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try body(folder, try SearchIndex(path: root.appendingPathComponent("index.db").path, mode: .readWrite))
    }

    @Test(arguments: [0, 2, Int.max])
    func addingUpdatingAndRemovingFilesKeepsStatisticsExact(readerPreparesAbove: Int) throws {
        try Self.withFolderAndIndex { folder, index in
            func check() throws { try Self.indexAndCheck(folder, index, readerPreparesAbove: readerPreparesAbove) }
            for number in 0..<12 { try Self.write(number, to: folder) }
            try check()  // a new index: counted
            for number in 12..<20 { try Self.write(number, to: folder) }
            try check()  // only additions: counts added to the stored ones
            try Self.write(3, to: folder, variant: 1)
            try FileManager.default.removeItem(at: folder.appendingPathComponent("doc-5.txt"))
            try check()  // an update and a removal: old versions subtracted
            // All files but a new one removed: the rows of words only they had go.
            for number in 0..<20 where number != 5 {
                try FileManager.default.removeItem(at: folder.appendingPathComponent("doc-\(number).txt"))
            }
            try Self.write(20, to: folder)
            try check()
            #expect(try index.meta(.documentCount) == "1")
        }
    }

    /// A budget so small that every few documents the run's counts are merged into the stored
    /// statistics (`spill`) and started again: the result is the same as counting at once.
    static var tinyBudget: IndexingBudget {
        var budget = IndexingBudget()
        budget.counterTerms = 12
        budget.pairEntries = 20
        return budget
    }

    @Test(arguments: [0, Int.max])
    func countsMergedAsTheyGoEqualARebuild(readerPreparesAbove: Int) throws {
        try Self.withFolderAndIndex { folder, index in
            func check() throws {
                try Self.indexAndCheck(folder, index, readerPreparesAbove: readerPreparesAbove, budget: Self.tinyBudget)
            }
            for number in 0..<12 { try Self.write(number, to: folder) }
            try check()
            for number in 12..<20 { try Self.write(number, to: folder) }
            try check()
            for number in [2, 3, 7] { try Self.write(number, to: folder, variant: 1) }
            try FileManager.default.removeItem(at: folder.appendingPathComponent("doc-5.txt"))
            try check()
        }
    }

    /// Counts that would take a word below zero (they do not describe the documents) change
    /// nothing, though the words before it in key order were already merged and written.
    @Test func aCountBelowZeroChangesNothing() throws {
        try Self.withFolderAndIndex { folder, index in
            for number in 0..<4 { try Self.write(number, to: folder) }
            try Self.indexAndCheck(folder, index)
            let before = try Self.statistics(index)
            let pretokenizer = VietnamesePretokenizer(options: IndexSchema.tokenizerOptions)
            var added = DocumentFrequencyCounter()
            added.addDocument([pretokenizer.record("anh ăn cơm")])  // `an`, `anh`, `com`: before `yeu`
            var removed = DocumentFrequencyCounter()
            removed.addDocument([pretokenizer.record("yêu")])  // in no document
            let applied = try index.write { writer in
                try writer.updateTermStatistics(added: [added], removed: removed, pairs: TermPairSink())
            }
            #expect(!applied)
            #expect(try Self.statistics(index) == before)
        }
    }

    /// An index whose pair counts are one row of `term_pairs` (before blocks): the next run
    /// moves them into blocks and updates them there.
    @Test func singleRowPairCountsMoveIntoBlocks() throws {
        try Self.withFolderAndIndex { folder, index in
            for number in 0..<8 { try Self.write(number, to: folder) }
            try Self.indexAndCheck(folder, index)
            let blocks = TermPairBlocks(connection: index.connection)
            let table = try #require(try blocks.load())
            let single = try #require(TermPairTable.merge([], table.entries(), termDocumentCount: table.termDocumentCount))
            try blocks.removeAll()
            let insert = try index.connection.prepare("INSERT INTO term_pairs(id, data) VALUES (1, ?1)")
            try insert.bind([.blob(single.bytes)])
            try insert.step()
            #expect(try (index.termPairs() as? TermPairTable)?.entries() == table.entries())  // searches read the single row
            try Self.write(8, to: folder)
            try Self.indexAndCheck(folder, index)
            #expect(try index.connection.scalarInt("SELECT count(*) FROM term_pairs") == 0)
        }
    }

    /// A run that changes one file rewrites only the pair blocks its pairs fall in, and the
    /// `term_stats` rows of its words.
    @Test func oneChangedFileRewritesOnlyWhatItTouches() throws {
        try Self.withFolderAndIndex { folder, index in
            // ~20 pairs a file (every second place), ~30,000 in all: dozens of blocks.
            for number in 0..<1_500 {
                let words = (0..<40).map { "từ\(($0 * 7_919 + number * 104_729) % 50_000)" }.joined(separator: " ")
                try "Tài liệu \(number)\n\(words)\n".write(to: folder.appendingPathComponent("doc-\(number).txt"), atomically: true, encoding: .utf8)
            }
            try Self.indexAndCheck(folder, index)
            func blocks() throws -> [Int64: [UInt8]] {
                let statement = try index.connection.prepare("SELECT first, data FROM term_pair_blocks")
                var blocks: [Int64: [UInt8]] = [:]
                while try statement.step() { blocks[statement.int64(at: 0)] = statement.blob(at: 1) }
                return blocks
            }
            let before = try blocks()
            #expect(before.count > 40)
            try "Tài liệu 5\nMột câu mới hoàn toàn.\n".write(to: folder.appendingPathComponent("doc-5.txt"), atomically: true, encoding: .utf8)
            #expect(try FolderIndexer(index: index).run(folders: [folder.path]).updated == 1)
            let after = try blocks()
            try Self.checkAgainstRebuild(index)
            let unchanged = after.filter { before[$0.key] == $0.value }.count
            #expect(unchanged > 0)
            #expect(unchanged >= after.count - 24)  // the old and new versions' ~23 pairs
        }
    }

    /// An index made before pair counts existed: the next run that changes something counts them
    /// from the stored text, and they equal a rebuild.
    @Test func pairCountsAreAddedToOlderIndexes() throws {
        try Self.withFolderAndIndex { folder, index in
            for number in 0..<6 { try Self.write(number, to: folder) }
            try Self.indexAndCheck(folder, index)
            try TermPairBlocks(connection: index.connection).removeAll()
            #expect(try Self.pairs(index) == nil)
            try Self.write(6, to: folder)
            try Self.indexAndCheck(folder, index)
            #expect(try Self.pairs(index) != nil)
        }
    }

    /// A library user writing through `IndexWriter` alone: every transaction leaves the
    /// statistics exact, whether it adds, replaces or removes documents, one or many.
    @Test func writesThroughIndexWriterKeepStatisticsExact() throws {
        try Self.withFolderAndIndex { _, index in
            try index.write { writer in
                for number in 0..<8 { try writer.upsert(Self.document(number)) }
            }
            try Self.checkAgainstRebuild(index)  // a new index
            try index.write { writer in
                try writer.upsert(Self.document(8))
                try writer.upsert(Self.document(3, variant: 1))
                try writer.remove(path: Self.document(5).path)
                try writer.remove(path: "/library/never-written.txt")
            }
            try Self.checkAgainstRebuild(index)
            try index.write { writer in try writer.upsert(Self.document(9, variant: 2)) }
            try Self.checkAgainstRebuild(index)
            try index.write { writer in try writer.remove(path: Self.document(0).path) }
            try Self.checkAgainstRebuild(index)
            #expect(try index.meta(.documentCount) == "8")
        }
    }

    /// Statistics refreshed in the middle of a transaction count what came before; the writes
    /// after it are counted on top.
    @Test func writesAfterARefreshInTheSameTransactionAreCountedOnce() throws {
        try Self.withFolderAndIndex { _, index in
            try index.write { writer in
                for number in 0..<6 { try writer.upsert(Self.document(number)) }
                try writer.refreshTermStatistics()
                try writer.upsert(Self.document(6))
                try writer.upsert(Self.document(2, variant: 1))
            }
            try Self.checkAgainstRebuild(index)
        }
    }

    @Test func documentsWrittenOutsideTheIndexerAreNotMissedByTheNextRun() throws {
        try Self.withFolderAndIndex { folder, index in
            for number in 0..<5 { try Self.write(number, to: folder) }
            try Self.indexAndCheck(folder, index)
            // A library user adds a document: the statistics stay exact, and the next run
            // updates them by difference.
            try index.write { writer in try writer.upsert(Self.document(40)) }
            try Self.write(5, to: folder)
            try Self.indexAndCheck(folder, index)
            #expect(try Self.statistics(index).contains { $0.hasPrefix("so ") })
        }
    }

    /// Writes on statistics already out of date (an interrupted run) cannot keep them: they stay
    /// stale, searches plan without them, and the next run rebuilds them.
    @Test func writesOnStaleStatisticsLeaveThemToTheNextRun() throws {
        try Self.withFolderAndIndex { folder, index in
            for number in 0..<5 { try Self.write(number, to: folder) }
            try Self.indexAndCheck(folder, index)
            try index.write { writer in try writer.markStatisticsStale() }
            try index.write { writer in try writer.upsert(Self.document(40)) }
            #expect(try index.statisticsAreStale)
            #expect(try index.termStatistics(for: SearchQuery(parsing: "bóng đá")) == nil)
            try Self.write(5, to: folder)
            try Self.indexAndCheck(folder, index, rebuilt: true)
        }
    }

    /// Another writer changing documents during an indexing run makes the run rebuild the
    /// statistics rather than add its own counts to them. (Here the other writer works inside the
    /// run's transaction, on its connection, so that it lands mid-run every time.)
    @Test func aWriterDuringAnIndexingRunMakesItRebuild() throws {
        try Self.withFolderAndIndex { folder, index in
            for number in 0..<5 { try Self.write(number, to: folder) }
            try Self.indexAndCheck(folder, index)
            for number in 5..<9 { try Self.write(number, to: folder) }
            var wrote = false
            let report = try FolderIndexer(index: index).run(folders: [folder.path]) { progress in
                guard !wrote else { return }
                wrote = true
                try? IndexWriter(index: index).upsert(Self.document(40))
            }
            #expect(wrote)
            #expect(try index.connection.scalarInt("SELECT count(*) FROM documents WHERE path = '/library/doc-40.txt'") == 1)
            #expect(report.statisticsRebuilt)
            try Self.checkAgainstRebuild(index)
        }
    }

    /// `parseVariants` reads bytes; it must read every text as splitting it did: on spaces, each
    /// pair's form up to its first `=`, its count after its last, 0 when that is not a number.
    @Test func variantsReadAsSplittingReadThem() async {
        func splitting(_ text: String) -> [String] {
            text.split(separator: " ").map { pair in
                let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
                return "\(parts.first ?? "")|\(Int(parts.last ?? "") ?? 0)"
            }
        }
        let pieces = ["đang", "đảng", "dang", "=", " ", "  ", "0", "12", "120", "-3", "+4", "x", "99999999999999999999", "ả", "=="]
        let texts = Gen<String?>.element(of: pieces).compactMap { $0 }.array(of: 0...10).map { $0.joined() }
        #expect(TermStatistics.parseVariants("đang=120 đảng=80 =3").map { "\($0.form)|\($0.documentFrequency)" } == ["đang|120", "đảng|80", "|3"])
        await propertyCheck(count: 2000, input: texts) { text in
            #expect(TermStatistics.parseVariants(text).map { "\($0.form)|\($0.documentFrequency)" } == splitting(text), "text: \(text)")
        }
    }
}
