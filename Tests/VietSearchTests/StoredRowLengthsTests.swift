import Foundation
import Testing
import VietSearchSQLite

@testable import VietSearch

/// The row lengths a search reads first come from `row_lengths` when they are current
/// (`StoredRowLengths`): they must be what FTS5's sizes say after `optimize`, after indexing
/// runs and after every kind of library write, and be left unread after any other change.
@Suite struct StoredRowLengthsTests {
    static let documents = [
        ("one", "Xây dựng đảng trong sạch vững mạnh."),
        ("two", "Chất bổ trong vỏ nho có tác dụng gì với sức khỏe?"),
        ("three", "Bộ trưởng Bộ Y tế nói về bệnh viện tuyến tỉnh và tuyến huyện."),
    ]

    /// Every row's length as `documents_fts_docsize` says, by rowid (-1 for none).
    static func sizes(_ index: SearchIndex) throws -> [Int32] {
        var lengths: [Int32] = []
        let statement = try index.connection.prepare("SELECT id, sz FROM documents_fts_docsize ORDER BY id")
        while try statement.step() {
            let id = Int(statement.int64(at: 0))
            if id >= lengths.count { lengths += [Int32](repeating: -1, count: id + 1 - lengths.count) }
            lengths[id] = Int32(statement.withBlob(at: 1) { DocumentLengths.sum(ofVarints: $0) })
        }
        return lengths
    }

    /// The stored lengths, read as a search reads them; nil when unread.
    static func stored(_ index: SearchIndex) throws -> [Int32]? {
        let layout = try FTS5Records(connection: index.connection, table: "documents_fts").layout()
        return try StoredRowLengths.load(index.connection, rows: layout.rowCount, tokens: layout.columnTokens.reduce(0, +))
    }

    /// The lengths a search uses: the stored ones when current, else the sizes.
    static func loaded(_ index: SearchIndex) throws -> [Int32] {
        let lengths = DocumentLengths()
        try lengths.load(from: index.connection, table: "documents_fts")
        return lengths.lengths
    }

    static func document(_ name: String, _ text: String) -> IndexedDocument {
        IndexedDocument(
            path: "/docs/\(name)", title: "Tin", body: text, size: Int64(text.utf8.count), modificationTime: 0, hash: name + text,
            encoding: "utf-8", format: "txt")
    }

    @Test func optimizeStoresWhatTheSizesSay() throws {
        try RankingTests.withIndex(Self.documents) { index in
            #expect(try Self.stored(index) == nil)
            _ = try index.optimize()
            #expect(try StoredRowLengths.areCurrent(index.connection))
            #expect(try Self.stored(index) == Self.sizes(index))
        }
    }

    /// A text rewritten longer, a document removed, new ones, one in a later block: kept up.
    @Test func libraryWritesKeepThemCurrent() throws {
        // Enough rows that a rowid past the first block is not far sparser than the rows (then
        // no lengths are held, by either way of reading them).
        let many = (0..<800).map { ("many-\($0)", "Văn bản số \($0).") }
        try RankingTests.withIndex(Self.documents + many) { index in
            _ = try index.optimize()
            // A row past the first block: the next document's id follows it.
            let far = Int64(StoredRowLengths.blockRows + 10)
            try index.connection.execute("INSERT INTO documents(id, path, title, body, size, mtime_ns, hash, encoding, format, indexed_at) VALUES (\(far), '/far', '', '', 0, 0, '', '', '', 0)")
            try index.write { writer in
                try writer.upsert(Self.document("one", "Xây dựng đảng trong sạch vững mạnh, một câu dài hơn trước nhiều chữ."))
                try writer.remove(path: "/docs/two")
                try writer.upsert(Self.document("four", "Một văn bản mới ở khối sau."))
                try writer.upsert(Self.document("five", "Và một văn bản nữa."))
            }
            try index.connection.execute("DELETE FROM documents WHERE id = \(far)")
            let sizes = try Self.sizes(index)
            #expect(sizes.count > StoredRowLengths.blockRows)
            #expect(sizes[2] == -1 && sizes.last! >= 0)
            #expect(try StoredRowLengths.areCurrent(index.connection))
            #expect(try Self.stored(index) == sizes)
            #expect(try Self.loaded(index) == sizes)
        }
    }

    /// Every document removed: nothing is held, as when the sizes are read.
    @Test func anEmptiedIndexHoldsNone() throws {
        try RankingTests.withIndex(Self.documents) { index in
            _ = try index.optimize()
            try index.write { writer in
                for (name, _) in Self.documents { try writer.remove(path: "/docs/\(name)") }
            }
            #expect(try StoredRowLengths.areCurrent(index.connection))
            #expect(try Self.stored(index) == [])
            #expect(try Self.loaded(index) == [])
            #expect(try index.search("đảng").results.isEmpty)
        }
    }

    /// A change made without the library (here plain SQL into FTS5) leaves them unread; so do
    /// stored values that do not add up to FTS5's totals.
    @Test func otherChangesLeaveThemUnread() throws {
        try RankingTests.withIndex(Self.documents) { index in
            _ = try index.optimize()
            try index.connection.execute("UPDATE row_lengths SET lengths = zeroblob(length(lengths))")
            #expect(try StoredRowLengths.areCurrent(index.connection))
            #expect(try Self.stored(index) == nil)
            #expect(try Self.loaded(index) == Self.sizes(index))
            _ = try index.optimize()
            try index.connection.execute("INSERT INTO documents_fts(rowid, title, body) VALUES (99, 'Tin', 'Một hai ba bốn năm')")
            #expect(try !StoredRowLengths.areCurrent(index.connection))
            #expect(try Self.stored(index) == nil)
            #expect(try Self.loaded(index) == Self.sizes(index))
        }
    }

    /// An indexing run stores them at its end, and later runs keep them up.
    @Test func indexingRunsStoreThem() throws {
        try TermStatisticsTests.withFolderAndIndex { folder, index in
            for number in 0..<6 { try TermStatisticsTests.write(number, to: folder) }
            _ = try FolderIndexer(index: index).run(folders: [folder.path])
            #expect(try StoredRowLengths.areCurrent(index.connection))
            #expect(try Self.stored(index) == Self.sizes(index))
            try TermStatisticsTests.write(2, to: folder, variant: 1)
            try FileManager.default.removeItem(at: folder.appendingPathComponent("doc-4.txt"))
            for number in 6..<9 { try TermStatisticsTests.write(number, to: folder) }
            _ = try FolderIndexer(index: index).run(folders: [folder.path])
            #expect(try StoredRowLengths.areCurrent(index.connection))
            #expect(try Self.stored(index) == Self.sizes(index))
        }
    }
}
