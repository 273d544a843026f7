import Testing

@testable import VietSearch

/// A search inside a caller's read transaction (`SearchIndex.reading`, as every request of
/// `vnsearch serve` runs) ranks through the postings like any other; only uncommitted writes,
/// which FTS5 may still hold in memory, send it through FTS5 scoring every match.
@Suite struct ReadTransactionRankingTests {
    @Test func aSearchInAReadTransactionIsPruned() throws {
        try RankingTests.withIndex(AccentRestorerTests.documents) { index in
            let outside = try index.search("vo nho tac dung")
            let inside = try index.reading { try index.search("vo nho tac dung") }
            #expect(!inside.results.isEmpty)
            #expect(inside.results.map(\.path) == outside.results.map(\.path))
            #expect(inside.results.map(\.score) == outside.results.map(\.score))
            // The rank function scores rows only on the path through FTS5.
            #expect(index.ranking.rowsScored == 0)
        }
    }

    @Test func aSearchWithUncommittedWritesGoesThroughFTS5() throws {
        try RankingTests.withIndex(AccentRestorerTests.documents) { index in
            try index.reading {
                try index.connection.execute("UPDATE documents SET title = title WHERE id = 1")
                _ = try index.search("vo nho tac dung")
            }
            #expect(index.ranking.rowsScored > 0)
        }
    }
}
