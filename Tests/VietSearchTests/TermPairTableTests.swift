import PropertyBased
import Testing
import VietSearchSQLite

@testable import VietSearch

/// The stored form of the pair counts: what is written reads back, lookups find every entry and
/// nothing else, merges add and refuse negative counts, damaged bytes are refused.
@Suite struct TermPairTableTests {
    /// Sorted, distinct fingerprints with counts, spanning several blocks.
    static func entries(_ count: Int, step: UInt32 = 7_919) -> [TermPairCounter.Entry] {
        (0..<count).map { TermPairCounter.Entry(fingerprint: UInt32($0 + 1) &* step, count: Int32($0 % 300 + 1)) }
    }

    @Test(arguments: [0, 1, 15, 16, 17, 1_000])
    func entriesReadBackAndLookUp(count: Int) throws {
        let entries = Self.entries(count)
        let table = try #require(TermPairTable.merge([], entries, termDocumentCount: 12_345))
        let read = try #require(TermPairTable(bytes: table.bytes))
        #expect(read.entries() == entries)
        #expect(read.entryCount == count)
        #expect(read.termDocumentCount == 12_345)
        for entry in entries {
            #expect(read.count(of: entry.fingerprint) == Int(entry.count))
            #expect(read.count(of: entry.fingerprint + 1) == 0)  // between entries
        }
        #expect(read.count(of: 0) == 0)
        #expect(read.count(of: UInt32.max) == 0)
        // Varints: ~3.5 bytes an entry with the block index (differences ~8k, counts < 300), not 8.
        if count == 1_000 { #expect(table.bytes.count < 5 * count) }
    }

    /// Fingerprints spread over the whole range, as real ones are: lookups start at the block
    /// proportional to the fingerprint.
    @Test func spreadFingerprintsLookUp() throws {
        let entries = Self.entries(5_000, step: 858_993)  // up to ~4.29e9
        let table = try #require(TermPairTable.merge([], entries, termDocumentCount: 1))
        for entry in entries {
            #expect(table.count(of: entry.fingerprint) == Int(entry.count))
            #expect(table.count(of: entry.fingerprint &- 1) == 0)
        }
        #expect(table.count(of: UInt32.max) == 0)
    }

    @Test func mergesAddAndDropZeros() throws {
        let old = try #require(TermPairTable.merge([], Self.entries(200), termDocumentCount: 50))
        let change = [
            TermPairCounter.Entry(fingerprint: 1, count: 4),  // new, before every entry
            TermPairCounter.Entry(fingerprint: 7_919, count: -1),  // to zero: gone
            TermPairCounter.Entry(fingerprint: 2 * 7_919, count: 10),
        ]
        let merged = try #require(old.merged(with: change, termDocumentChange: -8))
        #expect(merged.termDocumentCount == 42)
        #expect(merged.entryCount == 200)
        #expect(merged.count(of: 1) == 4)
        #expect(merged.count(of: 7_919) == 0)
        #expect(merged.count(of: 2 * 7_919) == 12)
        // A count below zero: the stored counts did not describe the documents.
        #expect(old.merged(with: [TermPairCounter.Entry(fingerprint: 7_919, count: -2)], termDocumentChange: 0) == nil)
        #expect(TermPairTable.merge([], [TermPairCounter.Entry(fingerprint: 5, count: -1)], termDocumentCount: 0) == nil)
    }

    @Test func damagedBytesAreRefused() throws {
        let bytes = try #require(TermPairTable.merge([], Self.entries(300), termDocumentCount: 1)).bytes
        #expect(TermPairTable(bytes: []) == nil)
        #expect(TermPairTable(bytes: Array(bytes.prefix(30))) == nil)  // cut in the block index
        var magic = bytes
        magic[0] = UInt8(ascii: "X")
        #expect(TermPairTable(bytes: magic) == nil)
        var offset = bytes
        offset[20 + 8 + 4 + 3] = 0xff  // the second block starting far past the data
        #expect(TermPairTable(bytes: offset) == nil)
        // Data cut short: lookups stay in bounds and find less.
        let cut = try #require(TermPairTable(bytes: Array(bytes.dropLast(20))))
        let fingerprints = Self.entries(300).map(\.fingerprint)
        #expect(cut.counts(of: fingerprints) == fingerprints.map { cut.count(of: $0) })
    }

    /// Looked up together, fingerprints get what each gets alone: in any order, with repeats,
    /// before, between and after the entries, at a block's first entry or inside it, in a
    /// table written whole and in one joined from blocks that are not full.
    @Test func countsTogetherAreEachCount() async throws {
        let fingerprints = Gen<UInt32>.uint32().array(of: 0...400).map { Array(Set($0)).sorted() }
        let asked = Gen<UInt32>.uint32().array(of: 0...40)
        await propertyCheck(count: 200, input: fingerprints, fingerprints, asked) { first, second, random in
            let entries = first.map { TermPairCounter.Entry(fingerprint: $0, count: Int32($0 % 300 + 1)) }
            let tail = second.filter { $0 > (first.last ?? 0) }.map { TermPairCounter.Entry(fingerprint: $0, count: 7) }
            guard let whole = TermPairTable.merge([], entries + tail, termDocumentCount: 1),
                let head = TermPairTable.merge([], entries, termDocumentCount: 1),
                let rest = TermPairTable.merge([], tail, termDocumentCount: 1)
            else {
                Issue.record("tables not written")
                return
            }
            let joined = TermPairTable(joining: [head, rest], termDocumentCount: 1)
            let present = (entries + tail).map(\.fingerprint)
            let query = (present + present.map { $0 &+ 1 } + present.map { $0 &- 1 } + random + [0, 1, .max] + present.prefix(5)).shuffled()
            for table in [whole, joined] {
                #expect(table.counts(of: query) == query.map { table.count(of: $0) })
            }
            #expect(whole.counts(of: present) == (entries + tail).map { Int($0.count) })
        }
        let empty = try #require(TermPairTable.merge([], [], termDocumentCount: 0))
        #expect(empty.counts(of: [0, 5, .max]) == [0, 0, 0])
        #expect(empty.counts(of: []) == [])
    }

    /// The block search starts from a guess and gallops; it must find what a binary search finds,
    /// for fingerprints spread evenly or bunched, and for values before, between and after them.
    @Test func blockSearchFindsWhatBinarySearchFinds() async {
        func binary(_ fingerprint: UInt32, _ firsts: [UInt32]) -> Int {
            var (low, high) = (0, firsts.count)
            while low < high {
                let middle = (low + high) / 2
                if firsts[middle] <= fingerprint { low = middle + 1 } else { high = middle }
            }
            return low - 1
        }
        let spread = Gen<UInt32>.uint32().array(of: 0...300).map { $0.sorted() }
        let bunched = Gen<UInt32>.uint32(in: 1_000...1_100).array(of: 0...300).map { $0.sorted() }
        let queries = Gen<UInt32?>.element(of: [0, 999, 1_000, 1_050, 1_100, 1_101, UInt32.max, 1 << 31]).compactMap { $0 }
        let anywhere = Gen<UInt32>.uint32()
        await propertyCheck(count: 1000, input: spread, bunched, queries, anywhere) { spread, bunched, query, other in
            for firsts in [spread, bunched, spread + [UInt32.max]] {
                for fingerprint in [query, other] + firsts.prefix(3) {
                    let found = firsts.withUnsafeBufferPointer { TermPairTable.lastAtMost(fingerprint, in: $0) }
                    #expect(found == binary(fingerprint, firsts), "\(fingerprint) in \(firsts)")
                }
            }
        }
    }
}
