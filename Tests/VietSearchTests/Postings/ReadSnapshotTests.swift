import Foundation
import Testing

@testable import VietSearch

/// The ranker and the match count read FTS5's records through a blob handle, which is an active
/// statement: left open, it would keep the read transaction (and its snapshot) past the search's
/// `COMMIT`, and the connection's next searches would not see what other connections commit.
@Suite struct ReadSnapshotTests {
    static func document(_ name: String, _ text: String) -> IndexedDocument {
        IndexedDocument(
            path: "/docs/\(name)", title: "Tin", body: text, size: Int64(text.utf8.count), modificationTime: 1, hash: name,
            encoding: "utf-8", format: "txt")
    }

    /// Searches on one connection, writes on another, three times: each search sees every
    /// document committed before it, ranked and counted (the count from the postings too).
    @Test func aReaderSeesEachCommitOfAnotherConnection() throws {
        let documents = [("ban-0", "Chiếc bàn gỗ ở giữa phòng khách.")] + RankingTests.filler
        try RankingTests.withIndex(documents) { writing in
            let reader = try SearchIndex(path: writing.path, mode: .readOnly)
            for added in 1...3 {
                let before = try reader.search("bàn gỗ")
                #expect(before.results.count == added)
                #expect(before.total == added)
                try writing.write { writer in
                    try writer.upsert(Self.document("ban-\(added)", "Một chiếc bàn gỗ mới, số \(added)."))
                    try writer.refreshTermStatistics()
                }
            }
            let after = try reader.search("bàn gỗ")
            #expect(RankingTests.names(after).sorted() == ["ban-0", "ban-1", "ban-2", "ban-3"])
            #expect(after.total == 4)
            #expect(try reader.search("mới số 3").results.first?.path == "/docs/ban-3")
        }
    }

    /// The records' reader, closed before each `COMMIT`, reads each transaction's own snapshot
    /// (left open, the second read would still see the first).
    @Test func closedRecordsReadTheNextTransactionsSnapshot() throws {
        try RankingTests.withIndex(RankingTests.filler) { writing in
            let reader = try SearchIndex(path: writing.path, mode: .readOnly)
            let records = try FTS5Records(connection: reader.connection, table: "documents_fts")
            func rows() throws -> Int64 {
                try reader.connection.execute("BEGIN")
                defer {
                    records.close()
                    try? reader.connection.execute("COMMIT")
                }
                return try records.layout().rowCount
            }
            let before = try rows()
            try writing.write { writer in try writer.upsert(Self.document("ban", "Chiếc bàn gỗ.")) }
            #expect(try rows() == before + 1)
        }
    }
}
