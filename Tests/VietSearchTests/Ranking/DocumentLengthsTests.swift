import Foundation
import Testing
import VietSearchSQLite

@testable import VietSearch

/// `DocumentLengths` holds what FTS5 itself counts per row, and notices other connections' commits.
@Suite struct DocumentLengthsTests {
    static func makeTable(_ db: SQLiteConnection) throws {
        try db.execute("CREATE VIRTUAL TABLE t USING fts5(title, body)")
        try db.execute("INSERT INTO t(rowid, title, body) VALUES (1, 'a b', 'c d e'), (3, '', 'x'), (300, 'one', repeat_me)".replacingOccurrences(of: "repeat_me", with: "'" + String(repeating: "w ", count: 200) + "'"))
    }

    @Test func lengthsAreTokenCountsOverAllColumns() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try Self.makeTable(db)
        let lengths = DocumentLengths()
        try lengths.load(from: db, table: "t")
        #expect(lengths.isLoaded)
        #expect(lengths.lengths.count == 301)
        #expect(lengths.lengths[1] == 5)
        #expect(lengths.lengths[3] == 1)
        #expect(lengths.lengths[300] == 201)
        #expect(lengths.lengths[2] == -1)  // no such row
    }

    @Test func sparseRowidsAreNotHeld() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
        try db.execute("INSERT INTO t(rowid, body) VALUES (1, 'a'), (1000000, 'b')")
        let lengths = DocumentLengths()
        try lengths.load(from: db, table: "t")
        #expect(lengths.isLoaded)
        #expect(lengths.lengths.isEmpty)
    }

    @Test func refreshReloadsAfterAnotherConnectionCommits() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vietsearch-lengths-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let path = folder.appendingPathComponent("t.db").path
            let writer = try SQLiteConnection(path: path)
            try Self.makeTable(writer)
            let reader = try SQLiteConnection(path: path)
            let lengths = DocumentLengths()
            try lengths.refresh(from: reader, table: "t")
            #expect(lengths.lengths[3] == 1)
            try writer.execute("UPDATE t SET body = 'x y z' WHERE rowid = 3")
            try lengths.refresh(from: reader, table: "t")
            #expect(lengths.lengths[3] == 3)
            lengths.invalidate()
            #expect(!lengths.isLoaded && lengths.lengths.isEmpty)
        }
    }
}
