import Foundation
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

    /// The stored pair counts, decoded (nil when the index has none).
    static func pairs(_ index: SearchIndex) throws -> [TermPairCounter.Entry]? {
        let statement = try index.connection.prepare("SELECT data FROM term_pairs")
        guard try statement.step() else { return nil }
        let table = try #require(TermPairTable(bytes: statement.blob(at: 0)))
        return table.entries() + [TermPairCounter.Entry(fingerprint: 0, count: Int32(table.termDocumentCount))]
    }

    /// Runs the indexer, then checks its statistics against a rebuild (and the document count).
    /// `readerPreparesAbove`: which thread records and counts the documents (0: the reader,
    /// `Int.max`: the writer, else a mix).
    static func indexAndCheck(
        _ folder: URL, _ index: SearchIndex, rebuilt: Bool = false, readerPreparesAbove: Int = 24
    ) throws {
        let indexer = FolderIndexer(index: index)
        indexer.readerPreparesAbove = readerPreparesAbove
        let report = try indexer.run(folders: [folder.path])
        #expect(report.statisticsRebuilt == rebuilt)
        let kept = try statistics(index)
        let keptPairs = try pairs(index)
        let documents = try index.meta("document_count")
        #expect(try !index.statisticsAreStale)
        try index.write { writer in try writer.refreshTermStatistics() }
        #expect(kept.count > 20)
        #expect(kept == (try statistics(index)))
        #expect((keptPairs?.count ?? 0) > 20)
        #expect(keptPairs == (try pairs(index)))
        #expect(documents == (try index.meta("document_count")))
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
            #expect(try index.meta("document_count") == "1")
        }
    }

    /// An index made before pair counts existed: the next run that changes something counts them
    /// from the stored text, and they equal a rebuild.
    @Test func pairCountsAreAddedToOlderIndexes() throws {
        try Self.withFolderAndIndex { folder, index in
            for number in 0..<6 { try Self.write(number, to: folder) }
            try Self.indexAndCheck(folder, index)
            try index.connection.execute("DELETE FROM term_pairs")
            #expect(try Self.pairs(index) == nil)
            try Self.write(6, to: folder)
            try Self.indexAndCheck(folder, index)
            #expect(try Self.pairs(index) != nil)
        }
    }

    @Test func documentsWrittenOutsideTheIndexerAreNotMissedByTheNextRun() throws {
        try Self.withFolderAndIndex { folder, index in
            for number in 0..<5 { try Self.write(number, to: folder) }
            try Self.indexAndCheck(folder, index)
            // A library user adds a document without refreshing the statistics.
            try index.write { writer in
                try writer.upsert(
                    IndexedDocument(
                        path: "/elsewhere/extra.txt", title: "Thêm", body: "Bóng đá thắng trận giao hữu.", size: 10,
                        modificationTime: 0, hash: "x", encoding: "utf-8", format: "txt"))
            }
            try Self.write(5, to: folder)
            try Self.indexAndCheck(folder, index, rebuilt: true)
            #expect(try Self.statistics(index).contains { $0.hasPrefix("bong ") })
        }
    }
}
