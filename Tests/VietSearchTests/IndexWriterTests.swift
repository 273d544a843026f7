import Foundation
import TestSupport
import Testing
import VietSearchSQLite

@testable import VietSearch

/// `IndexWriter` on a real index file: the documents table and its FTS5 index change together.
/// FTS5's `integrity-check` re-reads every stored text and compares it with the index, so a term
/// left behind by a replace or a removal (or a replayed token list that differs from the
/// tokenizer's) fails it.
@Suite struct IndexWriterTests {
    static func withIndex(_ body: (SearchIndex) throws -> Void) throws {
        try withTemporaryFolder("vietsearch-writer") { folder in
            try body(try SearchIndex(path: folder.appendingPathComponent("index.db").path, mode: .readWrite))
        }
    }

    static func document(_ path: String, _ body: String, title: String = "Tiêu đề", size: Int64 = 10, time: Int64 = 1) -> IndexedDocument {
        IndexedDocument(
            path: path, title: title, body: body, size: size, modificationTime: time, hash: "h-\(body.hashValue)", encoding: "utf-8",
            format: "txt")
    }

    /// Rows whose title or body has the word (any accent form).
    static func matches(_ index: SearchIndex, _ word: String) throws -> Int64 {
        try index.connection.scalarInt(
            "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?1", [.text("\"\(word)\u{2}\"*")]) ?? -1
    }

    static func checkIntegrity(_ index: SearchIndex) throws {
        try index.connection.execute("INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)")
    }

    static func rows(_ index: SearchIndex) throws -> [String] {
        let statement = try index.connection.prepare("SELECT id, path, body, size, mtime_ns FROM documents ORDER BY id")
        var rows: [String] = []
        while try statement.step() {
            rows.append("\(statement.int64(at: 0)) \(statement.text(at: 1)) \(statement.text(at: 2)) \(statement.int64(at: 3)) \(statement.int64(at: 4))")
        }
        return rows
    }

    @Test func upsertReplacesTheDocumentAtItsPath() throws {
        try Self.withIndex { index in
            try index.write { writer in
                try writer.upsert(Self.document("/a.txt", "Thuỷ điện Hoà Bình tích nước"))
                try writer.upsert(Self.document("/b.txt", "Nông dân trồng lúa"))
            }
            try index.write { writer in try writer.upsert(Self.document("/a.txt", "Đội tuyển bóng đá thắng trận", size: 20, time: 2)) }
            #expect(try Self.rows(index) == ["1 /a.txt Đội tuyển bóng đá thắng trận 20 2", "2 /b.txt Nông dân trồng lúa 10 1"])
            #expect(try Self.matches(index, "thuy") == 0)
            #expect(try Self.matches(index, "bong") == 1)
            #expect(try Self.matches(index, "tieu") == 2)  // the titles
            try Self.checkIntegrity(index)
        }
    }

    @Test func removeTakesTheDocumentAndItsTermsOut() throws {
        try Self.withIndex { index in
            try index.write { writer in
                try writer.upsert(Self.document("/a.txt", "Thuỷ điện Hoà Bình"))
                try writer.upsert(Self.document("/b.txt", "Hoà Bình mùa lũ"))
            }
            try index.write { writer in
                try writer.remove(path: "/a.txt")
                try writer.remove(path: "/not-indexed.txt")  // nothing to do
            }
            #expect(try Self.rows(index) == ["2 /b.txt Hoà Bình mùa lũ 10 1"])
            #expect(try Self.matches(index, "thuy") == 0)
            #expect(try Self.matches(index, "binh") == 1)
            try Self.checkIntegrity(index)
        }
    }

    @Test func touchChangesSizeAndTimeOnly() throws {
        try Self.withIndex { index in
            try index.write { writer in try writer.upsert(Self.document("/a.txt", "Thuỷ điện")) }
            try index.write { writer in try writer.touch(path: "/a.txt", size: 99, modificationTime: 7) }
            #expect(try Self.rows(index) == ["1 /a.txt Thuỷ điện 99 7"])
            #expect(try Self.matches(index, "thuy") == 1)
        }
    }

    /// Terms recorded on another thread and replayed index what the tokenizer would have.
    @Test func pretokenizedTextIndexesAsTheTokenizerWould() throws {
        try Self.withIndex { index in
            let pretokenizer = VietnamesePretokenizer(options: IndexSchema.tokenizerOptions)
            let document = Self.document("/a.txt", "Nghị quyết 37-NQ/TW: xây dựng Đảng, đảng viên đang học tập.", title: "Tin ngắn")
            try index.write { writer in
                try writer.upsert(
                    document, mayExist: false, pretokenized: [pretokenizer.record(document.title), pretokenizer.record(document.body)])
            }
            try Self.checkIntegrity(index)
            #expect(try Self.matches(index, "dang") == 1)
        }
    }

    @Test func aFailedWriteLeavesNothing() throws {
        struct Stop: Error {}
        try Self.withIndex { index throws in
            #expect(throws: Stop.self) {
                try index.write { writer in
                    try writer.upsert(Self.document("/a.txt", "Thuỷ điện"))
                    throw Stop()
                }
            }
            #expect(try Self.rows(index).isEmpty)
            #expect(try Self.matches(index, "thuy") == 0)
        }
    }

    /// Stale statistics are not planned with; a refresh makes them current for every document.
    @Test func statisticsAreStaleUntilRefreshed() throws {
        try Self.withIndex { index in
            let query = SearchQuery(parsing: "thuy dien")
            try index.write { writer in
                try writer.upsert(Self.document("/a.txt", "Thuỷ điện Hoà Bình"))
                try writer.markStatisticsStale()
            }
            #expect(try index.termStatistics(for: query) == nil)
            try index.write { writer in
                try writer.upsert(Self.document("/b.txt", "Thủy điện Sơn La"))
                try writer.refreshTermStatistics()
            }
            let statistics = try #require(try index.termStatistics(for: query))
            #expect(statistics.documentCount == 2)
            #expect(statistics.entries["thuy"]?.variants.map(\.form) == ["thủy"])  // one accent key for both spellings
            #expect(statistics.frequency(of: "thuy") == 2)
            #expect(statistics.frequency(of: "dien") == 2)
        }
    }
}
