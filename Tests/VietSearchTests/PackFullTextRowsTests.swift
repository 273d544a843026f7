import Foundation
import TestSupport
import Testing
import VietSearchSQLite

@testable import VietSearch

/// `optimize` writes FTS5's rows again in rowid order (`packFullTextRows`) so that their pages
/// fill: the rows, and so every search and the stored pairs, must be exactly what they were.
@Suite struct PackFullTextRowsTests {
    static func fullTextRows(_ index: SearchIndex) throws -> [String] {
        let statement = try index.connection.prepare("SELECT id, hex(block) FROM documents_fts_data ORDER BY id")
        var rows: [String] = []
        while try statement.step() { rows.append("\(statement.int64(at: 0)) \(statement.text(at: 1))") }
        return rows
    }

    @Test func packingKeepsEveryRowAndEverySearch() throws {
        try withTemporaryFolder("vietsearch-pack") { folder throws in
            let path = folder.appendingPathComponent("index.db").path
            let index = try SearchIndex(path: path, mode: .readWrite)
            // Several write transactions: several segments, written out of rowid order.
            for batch in 0..<6 {
                try index.write { writer in
                    for number in 0..<60 {
                        let body = String(repeating: "Thuỷ điện Hoà Bình số \(number) lô \(batch) tích nước; đảng viên họp bàn. ", count: 1 + number % 7)
                        try writer.upsert(
                            IndexedDocument(
                                path: "/docs/\(batch)-\(number).txt", title: "Tin \(number)", body: body, size: 1, modificationTime: 0,
                                hash: "\(batch)-\(number)", encoding: "utf-8", format: "txt"))
                    }
                }
            }
            let queries = ["thuy dien", "hoà bình", "dang vien hop", "lô 3", "số 17"]
            let before = try Self.fullTextRows(index)
            let searches = try queries.map { try index.search($0, options: SearchOptions(limit: 20)) }
            try index.connection.transaction { try index.packFullTextRows() }
            #expect(try Self.fullTextRows(index) == before)
            try index.connection.execute("INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)")
            #expect(try index.connection.scalarInt("SELECT count(*) FROM temp.sqlite_schema") == 0, "the copy is dropped")
            for (query, expected) in zip(queries, searches) {
                let found = try index.search(query, options: SearchOptions(limit: 20))
                #expect(found.total == expected.total, "\(query)")
                #expect(found.results.map(\.path) == expected.results.map(\.path), "\(query)")
                #expect(found.results.map(\.score) == expected.results.map(\.score), "\(query)")
            }
            // And through `optimize`, which packs after merging: the stored pairs it writes are read.
            _ = try index.optimize()
            #expect(try index.storedPairsAreCurrent())
            try index.connection.execute("INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)")
        }
    }
}
