import Testing

@testable import VietSearch

/// The restorer's Viterbi reads pair counts by 32-bit fingerprint, so a fingerprint may equal a
/// stored pair's by chance. A word the index lacks has no pairs at all: whatever the table holds
/// under the fingerprint its pairs would take, the reading of its neighbour goes by the
/// neighbour's own frequency.
@Suite struct AccentRestorerPairTests {
    /// `ho` read as the frequent `hồ` or the rare `hổ`, next to `xyzzy`, which the index lacks.
    static let frequent = AccentRestorer.Candidate(folded: "ho", form: "hồ", documents: 1_000)
    static let rare = AccentRestorer.Candidate(folded: "ho", form: "hổ", documents: 10)
    static let unknown = AccentRestorer.Candidate.unknown("xyzzy")

    /// A table holding `count` under each fingerprint, and the pair total of a large index.
    static func table(_ counts: [UInt32: Int32]) -> TermPairTable {
        let entries = counts.keys.sorted().map { TermPairCounter.Entry(fingerprint: $0, count: counts[$0]!) }
        return TermPairTable(sortedEntries: entries, termDocumentCount: 1_000_000)
    }

    @Test(arguments: [true, false])
    func aWordTheIndexLacksHasNoPairs(unknownFirst: Bool) throws {
        // The fingerprint the rare form's pair with the unknown word would take, stored with a
        // count: read as a pair, it would make the rare reading win by far.
        let collided =
            unknownFirst
            ? TermPairCounter.fingerprint(Self.unknown.hash, Self.rare.hash)
            : TermPairCounter.fingerprint(Self.rare.hash, Self.unknown.hash)
        let restorer = AccentRestorer(pairs: Self.table([collided: 5]))
        let readings = [Self.frequent, Self.rare]
        let words = unknownFirst ? [[Self.unknown], readings] : [readings, [Self.unknown]]
        let chosen = try restorer.best(words)
        #expect(chosen[unknownFirst ? 1 : 0] == 0)
    }

    /// The same table read for two known words: the stored pair decides, against frequency.
    @Test func aStoredPairStillDecides() throws {
        let before = AccentRestorer.Candidate(folded: "con", form: "con", documents: 100)
        let restorer = AccentRestorer(pairs: Self.table([TermPairCounter.fingerprint(before.hash, Self.rare.hash): 5]))
        #expect(try restorer.best([[before], [Self.frequent, Self.rare]]) == [0, 1])
    }
}
