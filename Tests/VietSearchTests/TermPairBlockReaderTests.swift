import Testing
import VietSearchSQLite

@testable import VietSearch

/// The pair counts of a connection's first question are read block by block
/// (`TermPairBlockReader`), later ones from every block joined (`TermPairBlocks.load`): the two
/// must count every fingerprint alike.
@Suite struct TermPairBlockReaderTests {
    /// An index whose pair counts are `entries`, in blocks as an indexing run writes them.
    static func withPairs(_ entries: [TermPairCounter.Entry], _ body: (SearchIndex) throws -> Void) throws {
        try RankingTests.withIndex([("one", "Một văn bản.")]) { index in
            try index.connection.transaction {
                let blocks = TermPairBlocks(connection: index.connection)
                try blocks.start()
                #expect(try blocks.merge(entries))
                try blocks.setTermDocumentCount(1_000)
            }
            try body(index)
        }
    }

    /// Thousands of entries over the whole 32-bit range: many blocks.
    static let entries = TermPairTableTests.entries(5_000, step: 858_993)

    @Test func blockByBlockCountsAsTheWholeTable() throws {
        try Self.withPairs(Self.entries) { index in
            let reader = try TermPairBlockReader(connection: index.connection, termDocumentCount: 1_000)
            let whole = try #require(try TermPairBlocks(connection: index.connection).load())
            #expect(try index.connection.scalarInt("SELECT count(*) FROM term_pair_blocks") ?? 0 > 5)
            // Every entry, its neighbours (absent), the ends of the range, and 0 (no pair).
            var asked = Self.entries.flatMap { [$0.fingerprint, $0.fingerprint &- 1, $0.fingerprint &+ 1] }
            asked += [0, 1, UInt32.max]
            #expect(try reader.counts(of: asked) == whole.counts(of: asked))
            #expect(try reader.counts(of: Self.entries.map(\.fingerprint)) == Self.entries.map { Int($0.count) })
        }
    }

    /// Random fingerprints in random order, repeats included, as a question asks them, a reader
    /// asked several times (its blocks kept).
    @Test func randomQuestionsCountAlike() throws {
        var random = SystemRandomNumberGenerator()
        try Self.withPairs(Self.entries) { index in
            let whole = try #require(try TermPairBlocks(connection: index.connection).load())
            let reader = try TermPairBlockReader(connection: index.connection, termDocumentCount: 1_000)
            for _ in 0..<100 {
                let anywhere = (0..<Int.random(in: 0...60, using: &random)).map { _ in UInt32.random(in: 0...UInt32.max, using: &random) }
                let known = anywhere.map { Self.entries[Int($0 % UInt32(Self.entries.count))].fingerprint }
                let asked = (anywhere + known + known.prefix(5)).shuffled(using: &random)
                #expect(try reader.counts(of: asked) == whole.counts(of: asked), "\(asked)")
            }
        }
    }

    /// A search process's first question reads blocks, its next ones the joined table; both
    /// restore alike.
    @Test func laterQuestionsUseTheWholeTable() throws {
        try RankingTests.withIndex(AccentRestorerTests.documents) { index in
            let first = try index.search("chat bo trong vo nho co tac dung gi").searchedAs
            #expect(index.termPairsCache?.counts is TermPairBlockReader)
            let second = try index.search("chat bo trong vo nho co tac dung gi").searchedAs
            #expect(index.termPairsCache?.counts is TermPairTable)
            #expect(first == "chất bổ trong vỏ nho có tác dụng gì")
            #expect(second == first)
        }
    }
}
