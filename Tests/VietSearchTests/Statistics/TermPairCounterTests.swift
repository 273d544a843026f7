import Testing

import VietSearchSQLite

@testable import VietSearch

/// Pair counting for accent restoration: batches sorted and counted, tables summed and listed
/// in fingerprint order, and which pairs a document contributes.
@Suite struct TermPairCounterTests {
    /// Deterministic pseudo-random fingerprints (xorshift), some repeated, none 0.
    static func fingerprints(_ count: Int, seed: UInt64, distinct: UInt32) -> [UInt32] {
        var state = seed
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            // Spread over the whole range, so every top byte (the sort's buckets) is used.
            return UInt32(truncatingIfNeeded: state) % distinct &* 2_654_435_761 | 1
        }
    }

    static func reference(_ values: [UInt32], sign: Int32 = 1) -> [TermPairCounter.Entry] {
        var counts: [UInt32: Int32] = [:]
        for value in values { counts[value, default: 0] += sign }
        return counts.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { TermPairCounter.Entry(fingerprint: $0.key, count: $0.value) }
    }

    @Test(arguments: [0, 1, 7, 5_000, 70_000])
    func batchesAreSortedAndCounted(size: Int) {
        var values = Self.fingerprints(size, seed: UInt64(size) + 1, distinct: 3_000)
        let expected = Self.reference(values, sign: -1)
        var scratch: [UInt32] = []
        #expect(TermPairCounter.counted(&values, scratch: &scratch, sign: -1) == expected)
    }

    @Test func tablesSumBatchesAndSubtractToNothing() {
        let first = Self.fingerprints(40_000, seed: 3, distinct: 20_000)
        let second = Self.fingerprints(30_000, seed: 4, distinct: 20_000)
        var counter = TermPairCounter()
        var scratch: [UInt32] = []
        for batch in [first, second] {
            var values = batch
            counter.add(sorted: TermPairCounter.counted(&values, scratch: &scratch, sign: 1))
        }
        #expect(counter.count > 10_000)  // grown several times from its first 4,096 slots
        #expect(counter.takeSorted() == Self.reference(first + second))
        #expect(counter.count == 0)

        // Added, then the same subtracted: every count 0, nothing listed.
        var added = first
        counter.add(sorted: TermPairCounter.counted(&added, scratch: &scratch, sign: 1))
        var values = first
        counter.add(sorted: TermPairCounter.counted(&values, scratch: &scratch, sign: -1))
        #expect(counter.takeSorted().isEmpty)
    }

    /// The memory of merged entries becomes the next table (reserved once for a run): counts
    /// added meanwhile and after are kept, none of those taken before come back.
    @Test func takenEntriesAreReusedAsTheTable() {
        let first = Self.fingerprints(40_000, seed: 5, distinct: 30_000)
        let meanwhile = Self.fingerprints(3_000, seed: 6, distinct: 2_000)
        let after = Self.fingerprints(30_000, seed: 7, distinct: 20_000)
        var counter = TermPairCounter()
        counter.reserve(50_000)
        var scratch: [UInt32] = []
        func add(_ batch: [UInt32]) {
            var values = batch
            counter.add(sorted: TermPairCounter.counted(&values, scratch: &scratch, sign: 1))
        }
        add(first)
        let taken = counter.takeSorted()
        #expect(taken == Self.reference(first))
        #expect(taken.capacity >= 65_536)  // the reserved table's memory, 50,000 at most 3/4 full
        add(meanwhile)  // a table of its own, small
        counter.reuse(taken)
        add(after)
        #expect(counter.takeSorted() == Self.reference(meanwhile + after))
    }

    @Test func sortInPlaceMatchesSort() {
        var entries = Self.fingerprints(50_000, seed: 9, distinct: 1 << 30).map { TermPairCounter.Entry(fingerprint: $0, count: 1) }
        let expected = entries.sorted { $0.fingerprint < $1.fingerprint }
        TermPairCounter.sortInPlace(&entries)
        #expect(entries.map(\.fingerprint) == expected.map(\.fingerprint))
    }

    @Test func fingerprintsDependOnOrder() {
        let first = DocumentFrequencyCounter.hash(of: Array("xay:xây".utf8))
        let second = DocumentFrequencyCounter.hash(of: Array("dung:dựng".utf8))
        #expect(TermPairCounter.fingerprint(first, second) != TermPairCounter.fingerprint(second, first))
        #expect(TermPairCounter.fingerprint(0, 0) != 0)
    }

    /// A document's pairs are its adjacent words within one text, at every second place
    /// (`pairSampling`), counted into the sink with the counter's sign.
    @Test func documentsCountTheirAdjacentWords() {
        let pretokenizer = VietnamesePretokenizer(options: VietnameseTokenizerOptions(accent: .keyed))
        let sink = TermPairSink()
        var added = DocumentFrequencyCounter(pairs: sink)
        var removed = DocumentFrequencyCounter(pairs: sink, pairSign: -1)
        let text = "xây dựng đảng xây dựng đảng"
        added.addDocument([pretokenizer.record("tiêu đề"), pretokenizer.record(text)])
        added.flushPairs()
        func pair(_ first: String, _ second: String) -> UInt32 {
            TermPairCounter.fingerprint(DocumentFrequencyCounter.hash(of: Array(first.utf8)), DocumentFrequencyCounter.hash(of: Array(second.utf8)))
        }
        // The pairs ending at places 2, 4 and 6 of the body (xây→dựng, đảng→xây, dựng→đảng; not
        // dựng→đảng at 3 or xây→dựng at 5), and the title's one pair (place 2). None across texts.
        let expected = [
            TermPairCounter.Entry(fingerprint: pair("xay:xây", "dung:dựng"), count: 1),
            TermPairCounter.Entry(fingerprint: pair("dang:đảng", "xay:xây"), count: 1),
            TermPairCounter.Entry(fingerprint: pair("dung:dựng", "dang:đảng"), count: 1),
            TermPairCounter.Entry(fingerprint: pair("tieu:tiêu", "de:đề"), count: 1),
        ].sorted { $0.fingerprint < $1.fingerprint }
        #expect(DocumentFrequencyCounter.pairSampling == 2)
        #expect(sink.takeSorted() == expected)

        // The same document added and removed: nothing left.
        added.addDocument([pretokenizer.record(text)])
        removed.addDocument([pretokenizer.record(text)])
        added.flushPairs()
        removed.flushPairs()
        #expect(sink.takeSorted().isEmpty)
    }
}
