import Foundation
import Testing

@testable import VietSearch

/// Searches keep the `term_stats` rows they read (`KeptTermStatistics`): a search after a write
/// must read the statistics as they are now, whether this connection wrote or another one.
@Suite struct KeptTermStatisticsTests {
    static let documents = [("bàn", "Chiếc bàn gỗ ở giữa phòng khách."), ("ghế", "Bộ ghế mới cho phòng họp.")] + RankingTests.filler

    static func document(_ name: String, _ text: String) -> IndexedDocument {
        IndexedDocument(
            path: "/docs/\(name)", title: "Tin", body: text, size: Int64(text.utf8.count), modificationTime: 1, hash: name,
            encoding: "utf-8", format: "txt")
    }

    /// A word the index lacked, then has: the statistics read before (that it is missing) do not
    /// hide it; a word whose documents changed is counted as they are now.
    @Test(arguments: [false, true])
    func aSearchAfterAWriteReadsTheStatisticsAsTheyAre(otherConnection: Bool) throws {
        try RankingTests.withIndex(Self.documents) { writing in
            let reader = otherConnection ? try SearchIndex(path: writing.path, mode: .readOnly) : writing
            #expect(try reader.search("xuồng").results.isEmpty)
            #expect(try reader.termStatistics(for: SearchQuery(parsing: "xuồng"))?.entries["xuong"] == nil)
            #expect(try reader.termStatistics(for: SearchQuery(parsing: "bàn"))?.entries["ban"]?.documentFrequency == 1)
            try writing.write { writer in
                try writer.upsert(Self.document("xuồng", "Chiếc xuồng nhỏ bên bàn đá."))
                try writer.refreshTermStatistics()
            }
            #expect(RankingTests.names(try reader.search("xuồng")) == ["xuồng"])
            #expect(try reader.termStatistics(for: SearchQuery(parsing: "xuồng"))?.entries["xuong"]?.documentFrequency == 1)
            #expect(try reader.termStatistics(for: SearchQuery(parsing: "bàn"))?.entries["ban"]?.documentFrequency == 2)
        }
    }

    /// Statistics that lag behind the documents are not used, even when read before.
    @Test func staleStatisticsAreNotUsed() throws {
        try RankingTests.withIndex(Self.documents) { index in
            #expect(try index.termStatistics(for: SearchQuery(parsing: "bàn")) != nil)
            try index.write { writer in try writer.markStatisticsStale(.indexing) }
            #expect(try index.termStatistics(for: SearchQuery(parsing: "bàn")) == nil)
        }
    }
}
