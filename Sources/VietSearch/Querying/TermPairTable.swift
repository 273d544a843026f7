import VietSearchSQLite

/// How often each pair of adjacent terms occurs in the index (by `TermPairCounter` fingerprint):
/// what `AccentRestorer` reads. Stored as blocks of fingerprints, each one row of
/// `term_pair_blocks` in this layout (`TermPairBlocks`), read back as one table
/// (`init(joining:termDocumentCount:)`); indexes from before the blocks have one row in
/// `term_pairs` holding the whole table.
///
/// Layout (little-endian): `VSP1`, entry count (UInt32), block count (UInt32), the sum of every
/// term's document count (UInt64, the restorer's unigram denominator), then per block of
/// `blockSize` entries its first fingerprint and byte offset (UInt32 each), then the entries:
/// per entry, the fingerprint's difference from the previous one in its block (0 for the first)
/// and its count, both as LEB128 varints: less than half the 8 bytes a pair takes fixed-width,
/// block index included (docs/ENGINE.md, "Schema"). A lookup binary-searches the block index
/// and decodes half a block on average, so blocks are small: with larger ones, lookups become a
/// large share of restoring a question's accents.
struct TermPairTable {
    static let blockSize = 16
    private static let magic: [UInt8] = Array("VSP1".utf8)
    private static let headerSize = 20

    /// The encoded table (for a table joined from blocks: their entries only, not storable).
    let bytes: [UInt8]
    let entryCount: Int
    let termDocumentCount: Int
    private let blockCount: Int
    /// The block index, decoded once: each block's first fingerprint, and where its entries
    /// start in `bytes`, so a lookup does not read them byte by byte from `bytes`.
    private let blockFirsts: [UInt32]
    private let blockStarts: [Int]

    /// Reads a stored table; nil when `bytes` is not one (then no restoration).
    init?(bytes: [UInt8]) {
        guard bytes.count >= Self.headerSize, Array(bytes[0..<4]) == Self.magic else { return nil }
        let entries = Int(Self.uint32(bytes, at: 4))
        let blocks = Int(Self.uint32(bytes, at: 8))
        guard blocks == (entries + Self.blockSize - 1) / Self.blockSize, bytes.count >= Self.headerSize + 8 * blocks else { return nil }
        // Every block must start inside the data, in order: a lookup then never reads out of
        // bounds, whatever the file holds.
        let dataStart = Self.headerSize + 8 * blocks
        var firsts: [UInt32] = []
        var starts: [Int] = []
        firsts.reserveCapacity(blocks)
        starts.reserveCapacity(blocks)
        var previous = 0
        for block in 0..<blocks {
            let offset = Int(Self.uint32(bytes, at: Self.headerSize + 8 * block + 4))
            guard offset >= previous, dataStart + offset < bytes.count else { return nil }
            previous = offset
            firsts.append(Self.uint32(bytes, at: Self.headerSize + 8 * block))
            starts.append(dataStart + offset)
        }
        blockFirsts = firsts
        blockStarts = starts
        self.bytes = bytes
        entryCount = entries
        blockCount = blocks
        termDocumentCount = Int(truncatingIfNeeded: UInt64(Self.uint32(bytes, at: 12)) | UInt64(Self.uint32(bytes, at: 16)) << 32)
    }

    /// Encodes entries sorted by fingerprint, every count positive.
    init(sortedEntries entries: [TermPairCounter.Entry], termDocumentCount: Int) {
        let blocks = (entries.count + Self.blockSize - 1) / Self.blockSize
        var header = Self.magic
        Self.append(UInt32(entries.count), to: &header)
        Self.append(UInt32(blocks), to: &header)
        let total = UInt64(max(termDocumentCount, 0))
        Self.append(UInt32(truncatingIfNeeded: total), to: &header)
        Self.append(UInt32(truncatingIfNeeded: total >> 32), to: &header)
        var index: [UInt8] = []
        index.reserveCapacity(8 * blocks)
        var data: [UInt8] = []
        data.reserveCapacity(3 * entries.count)
        var previous: UInt32 = 0
        for (position, entry) in entries.enumerated() {
            if position % Self.blockSize == 0 {
                Self.append(entry.fingerprint, to: &index)
                Self.append(UInt32(data.count), to: &index)
                previous = entry.fingerprint
            }
            Self.appendVarint(UInt64(entry.fingerprint - previous), to: &data)
            Self.appendVarint(UInt64(entry.count), to: &data)
            previous = entry.fingerprint
        }
        var bytes = header
        bytes.reserveCapacity(header.count + index.count + data.count)
        bytes += index
        bytes += data
        // Read back through the checking initializer, which also decodes the block index (what
        // it checks holds for every table written here).
        self = TermPairTable(bytes: bytes)!
    }

    /// Occurrences of the pair with this fingerprint (0 when absent).
    func count(of fingerprint: UInt32) -> Int {
        let block = blockFirsts.withUnsafeBufferPointer { Self.lastAtMost(fingerprint, in: $0) }
        guard block >= 0 else { return 0 }
        let end = blockEnd(block)
        return bytes.withUnsafeBufferPointer {
            Self.find(fingerprint, after: blockFirsts[block], from: blockStarts[block], to: end, in: $0)
        }
    }

    /// What `count(of:)` gives for each of `fingerprints`, looked up together, in stages over all
    /// of them: the block index where each search starts, each one's block, where that block
    /// starts, its first byte, then its entries. A table is megabytes and a question's pairs are
    /// spread over all of it, so one lookup waits for three or four cache misses in turn; in
    /// stages whose loads depend on the stage before and not on another lookup, the misses of
    /// different lookups are waited for together (docs/ENGINE.md).
    func counts(of fingerprints: [UInt32]) -> [Int] {
        let count = fingerprints.count
        var result = [Int](repeating: 0, count: count)
        guard count > 0, !blockFirsts.isEmpty else { return result }
        var blocks = [Int](repeating: 0, count: count)
        blockFirsts.withUnsafeBufferPointer { firsts in
            var atGuess = [UInt32](repeating: 0, count: count)
            for index in 0..<count { atGuess[index] = firsts[Self.guess(fingerprints[index], blocks: firsts.count)] }
            for index in 0..<count { blocks[index] = Self.lastAtMost(fingerprints[index], in: firsts, atGuess: atGuess[index]) }
        }
        var positions = [Int](repeating: 0, count: count)
        for index in 0..<count where blocks[index] >= 0 { positions[index] = blockStarts[blocks[index]] }
        bytes.withUnsafeBufferPointer { bytes in
            var leads = [UInt8](repeating: 0, count: count)
            for index in 0..<count where blocks[index] >= 0 && positions[index] < bytes.count {
                leads[index] = bytes[positions[index]]
            }
            for index in 0..<count where blocks[index] >= 0 {
                let block = blocks[index]
                result[index] = Self.find(
                    fingerprints[index], after: blockFirsts[block], from: positions[index], to: blockEnd(block), in: bytes,
                    lead: leads[index])
            }
        }
        return result
    }

    /// The count of `fingerprint` among a block's entries from `position` on, the entry before
    /// having fingerprint `previous` (0 when absent); `lead`, when given, is the byte at
    /// `position`, already read.
    private static func find(
        _ fingerprint: UInt32, after previous: UInt32, from position: Int, to end: Int, in bytes: UnsafeBufferPointer<UInt8>,
        lead: UInt8? = nil
    ) -> Int {
        var position = position
        var current = previous
        if let lead, position < end {
            // The first entry's difference, from its first byte.
            current &+= UInt32(truncatingIfNeeded: varint(bytes, at: &position, lead: lead))
            let count = varint(bytes, at: &position)
            if current == fingerprint { return Int(count) }
            if current > fingerprint { return 0 }
        }
        while position < end {
            current &+= UInt32(truncatingIfNeeded: varint(bytes, at: &position))
            let count = varint(bytes, at: &position)
            if current == fingerprint { return Int(count) }
            if current > fingerprint { return 0 }
        }
        return 0
    }

    /// Where the search for `fingerprint`'s block starts among `blocks` block firsts: where its
    /// value would be if the firsts were spread evenly, as hashes are.
    @inline(__always)
    static func guess(_ fingerprint: UInt32, blocks: Int) -> Int {
        Int((UInt64(fingerprint) &* UInt64(blocks)) >> 32)
    }

    /// The index of the last of `firsts` (ascending) at most `fingerprint`, -1 when none is: the
    /// block a fingerprint is in. Fingerprints are hashes, spread evenly over 32 bits, so the
    /// search starts where the value says and gallops from there to a short binary search; a
    /// table's blocks number in the tens of thousands, and restoring a question's accents looks
    /// up thousands of pairs (a plain binary search was most of that).
    static func lastAtMost(_ fingerprint: UInt32, in firsts: UnsafeBufferPointer<UInt32>) -> Int {
        guard firsts.count > 0 else { return -1 }
        return lastAtMost(fingerprint, in: firsts, atGuess: firsts[guess(fingerprint, blocks: firsts.count)])
    }

    /// `lastAtMost(_:in:)`, given the value at the guess (`firsts` not empty).
    @inline(__always)
    private static func lastAtMost(_ fingerprint: UInt32, in firsts: UnsafeBufferPointer<UInt32>, atGuess: UInt32) -> Int {
        let count = firsts.count
        let guess = guess(fingerprint, blocks: count)
        // Bounds for the binary search: everything before `low` is at most `fingerprint`,
        // everything from `high` on is above it.
        var low: Int
        var high: Int
        var step = 1
        if atGuess <= fingerprint {
            var at = guess
            while at + step < count, firsts[at + step] <= fingerprint {
                at += step
                step *= 2
            }
            (low, high) = (at + 1, min(at + step, count))
        } else {
            var at = guess
            while at - step >= 0, firsts[at - step] > fingerprint {
                at -= step
                step *= 2
            }
            (low, high) = (max(at - step, 0), at)
        }
        while low < high {
            let middle = (low + high) / 2
            if firsts[middle] <= fingerprint { low = middle + 1 } else { high = middle }
        }
        return low - 1
    }

    /// Where block `block`'s entries end in `bytes`: where the next one starts (blocks of a
    /// joined table need not be full).
    private func blockEnd(_ block: Int) -> Int {
        block + 1 < blockStarts.count ? blockStarts[block + 1] : bytes.count
    }

    /// One table of `tables` (blocks of `term_pair_blocks`, in fingerprint order, none
    /// overlapping), for lookups.
    init(joining tables: [TermPairTable], termDocumentCount: Int) {
        var bytes: [UInt8] = []
        var firsts: [UInt32] = []
        var starts: [Int] = []
        bytes.reserveCapacity(tables.reduce(0) { $0 + $1.bytes.count })
        var entries = 0
        for table in tables where table.blockCount > 0 {
            let dataStart = table.blockStarts[0]
            let shift = bytes.count - dataStart
            bytes += table.bytes[dataStart...]
            firsts += table.blockFirsts
            starts += table.blockStarts.map { $0 + shift }
            entries += table.entryCount
        }
        self.bytes = bytes
        entryCount = entries
        blockCount = firsts.count
        blockFirsts = firsts
        blockStarts = starts
        self.termDocumentCount = termDocumentCount
    }

    /// Every entry, in fingerprint order.
    func entries() -> [TermPairCounter.Entry] {
        var result: [TermPairCounter.Entry] = []
        result.reserveCapacity(entryCount)
        for block in 0..<blockCount {
            var position = blockStarts[block]
            var current = blockFirsts[block]
            let end = blockEnd(block)
            while position < end {
                current &+= UInt32(truncatingIfNeeded: Self.varint(bytes, at: &position))
                result.append(TermPairCounter.Entry(fingerprint: current, count: Int32(truncatingIfNeeded: Self.varint(bytes, at: &position))))
            }
        }
        return result
    }

    /// This table plus `change` (sorted by fingerprint; counts may be negative), or nil when a
    /// count would go negative: the stored counts did not describe the documents.
    func merged(with change: [TermPairCounter.Entry], termDocumentChange: Int) -> TermPairTable? {
        Self.merge(entries(), change, termDocumentCount: termDocumentCount + termDocumentChange)
    }

    /// `change` alone as a table (a new index), or nil when a count is negative.
    static func merge(
        _ old: [TermPairCounter.Entry], _ change: [TermPairCounter.Entry], termDocumentCount: Int
    ) -> TermPairTable? {
        if old.isEmpty, termDocumentCount >= 0, change.allSatisfy({ $0.count > 0 }) {
            // A new index: the change is the table (no second copy of its million-odd entries).
            return TermPairTable(sortedEntries: change, termDocumentCount: termDocumentCount)
        }
        guard let result = TermPairBlocks.merged(old, change[...]) else { return nil }
        guard termDocumentCount >= 0 else { return nil }
        return TermPairTable(sortedEntries: result, termDocumentCount: termDocumentCount)
    }

    private static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }

    private static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// A LEB128 varint at `position`, which moves past it (stops at the end of `bytes`); `lead`,
    /// when given, is its first byte, read already.
    @inline(__always)
    private static func varint<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at position: inout Int, lead: UInt8? = nil)
        -> UInt64
    where Bytes.Index == Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        if let lead {
            position += 1
            value = UInt64(lead & 0x7f)
            guard lead & 0x80 != 0 else { return value }
            shift = 7
        }
        while position < bytes.count, shift < 64 {
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        return value
    }
}
