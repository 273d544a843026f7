#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import VietSearchSQLite

/// Counts, per term, the documents containing it, from recorded terms (`PretokenizedText`): what
/// FTS5's vocabulary (`fts5vocab … 'row'`) reports as `doc`, computed while documents are read
/// instead of by walking every doclist of the finished index afterwards.
///
/// Terms are interned in an open-addressing table over one byte arena, so counting costs one
/// hash and one comparison per term occurrence, and no allocation per term.
package struct DocumentFrequencyCounter: Sendable {
    /// One term, counted in place. Its first 16 key bytes are kept here, so a lookup of a key of
    /// up to 16 bytes (nearly all: `dang:đảng` is 11) touches one cache line: counting is bound by
    /// memory latency, not work (docs/ENGINE.md, "How `vnsearch index` writes").
    private struct Bucket: Sendable {
        var prefix: (UInt64, UInt64) = (0, 0)
        /// 0 for an empty bucket.
        var keyCount: Int32 = 0
        var keyStart: Int32 = 0
        /// The last document counted, so a term counts once per document.
        var lastDocument: Int32 = 0
        var documents: Int32 = 0
    }

    /// Every key, back to back (read only for keys longer than 16 bytes, and to grow the table).
    private var arena: [UInt8] = []
    /// Open addressing, linear probing; a power of two long, at most 5/8 full.
    private var buckets = [Bucket](repeating: Bucket(), count: 1 << 12)
    private var used = 0
    /// Documents counted.
    package private(set) var documentCount = 0
    /// Distinct terms held (what its memory grows with).
    package var distinctTerms: Int { used }
    /// The sum of every term's document count (each document's distinct terms, added up).
    package private(set) var termDocumentCount = 0
    /// Where adjacent terms within each text go, for accent restoration: shared by the counters
    /// of one indexing run. `add(_:times:)` leaves them there.
    package let pairs: TermPairSink
    /// +1, or -1 for a counter of deleted versions.
    private let pairSign: Int32
    /// Pairs not yet in the sink, and the radix sort's second buffer.
    private var pairBuffer: [UInt32] = []
    private var pairScratch: [UInt32] = []
    /// Pairs buffered before they go to the sink, sorted (1 MB of fingerprints; a run fills many).
    static let pairBatch = 1 << 18
    /// Pairs are counted at every second place of a text (the pair ending there): half the
    /// work, and the table half as large, for nearly the same recall of questions typed without
    /// accents (docs/ENGINE.md, "How the pairs are counted").
    static let pairSampling = 2

    package init(pairs: TermPairSink = TermPairSink(), pairSign: Int32 = 1) {
        self.pairs = pairs
        self.pairSign = pairSign
    }

    /// Counts one document whose columns are `texts`: each distinct term once.
    package mutating func addDocument(_ texts: [PretokenizedText]) {
        documentCount += 1
        let document = Int32(truncatingIfNeeded: documentCount)
        // Moved out of `self` while filled: appending through `self` inside the closure cost
        // an exclusivity check per term.
        var buffer = pairBuffer
        pairBuffer = []
        if buffer.capacity < Self.pairBatch { buffer.reserveCapacity(Self.pairBatch + 4096) }
        for text in texts {
            var previous: UInt32?
            var place = 0
            text.forEachTerm { key, isColocated in
                let hash = count(key, in: document)
                // A colocated term shares its word's place: the pair is with the word.
                guard !isColocated else { return }
                place += 1
                if let previous, place % Self.pairSampling == 0 { buffer.append(TermPairCounter.fingerprint(previous, hash)) }
                previous = hash
            }
        }
        pairBuffer = buffer
        if pairBuffer.count >= Self.pairBatch { flushPairs() }
    }

    /// Hands the buffered pairs to the sink: before reading the sink, for every counter that
    /// fills it.
    package mutating func flushPairs() {
        guard !pairBuffer.isEmpty else { return }
        pairs.add(sorted: TermPairCounter.counted(&pairBuffer, scratch: &pairScratch, sign: pairSign))
        pairBuffer.removeAll(keepingCapacity: true)
    }

    /// Counts the term once per document; returns its hash.
    private mutating func count(_ key: UnsafeBufferPointer<UInt8>, in document: Int32) -> UInt32 {
        let (slot, hash) = slot(for: key)
        buckets.withUnsafeMutableBufferPointer { buckets in
            if buckets[slot].lastDocument != document {
                buckets[slot].lastDocument = document
                buckets[slot].documents += 1
                termDocumentCount += 1
            }
        }
        return hash
    }

    /// The hash a term's key has here, which `TermPairCounter.fingerprint` combines: how a
    /// search looks up the pairs of its words' forms.
    package static func hash(of key: [UInt8]) -> UInt32 {
        key.withUnsafeBufferPointer { key in hash(key, prefix: (word(key, from: 0), word(key, from: 8))) }
    }

    /// The bucket holding `key`, added (with no documents) when new, and the key's hash.
    @inline(__always)
    private mutating func slot(for key: UnsafeBufferPointer<UInt8>) -> (Int, UInt32) {
        // Grown before probing, so the slot found stays valid.
        if (used + 1) * 8 > buckets.count * 5 { grow() }
        let prefix = (Self.word(key, from: 0), Self.word(key, from: 8))
        let hash = Self.hash(key, prefix: prefix)
        let arenaCount = arena.count
        let (slot, found) = arena.withUnsafeBufferPointer { arena in
            buckets.withUnsafeMutableBufferPointer { buckets in
                let mask = buckets.count - 1
                var slot = Int(hash) & mask
                while buckets[slot].keyCount != 0 {
                    if buckets[slot].prefix == prefix, Int(buckets[slot].keyCount) == key.count,
                        key.count <= 16 || Self.sameKey(arena, at: Int(buckets[slot].keyStart), key)
                    {
                        return (slot, true)
                    }
                    slot = (slot + 1) & mask
                }
                buckets[slot] = Bucket(prefix: prefix, keyCount: Int32(key.count), keyStart: Int32(arenaCount))
                return (slot, false)
            }
        }
        if !found {
            arena.append(contentsOf: key)
            used += 1
        }
        return (slot, hash)
    }

    /// Adds `other`'s counts, times `sign` (-1 subtracts them: counts may go negative). Not the
    /// pairs: those are in the sinks.
    package mutating func add(_ other: DocumentFrequencyCounter, times sign: Int32 = 1) {
        documentCount += Int(sign) * other.documentCount
        termDocumentCount += Int(sign) * other.termDocumentCount
        other.arena.withUnsafeBufferPointer { otherArena in
            for bucket in other.buckets where bucket.keyCount > 0 {
                let key = UnsafeBufferPointer(rebasing: otherArena[Int(bucket.keyStart)..<Int(bucket.keyStart + bucket.keyCount)])
                let (slot, _) = slot(for: key)
                buckets[slot].documents += sign * bucket.documents
            }
        }
    }

    /// Every term whose count is not zero, in the byte order of the keys (so a keyed term's
    /// forms follow each other: `dang:`, `dang:đang`, `dang:đảng`).
    package func sortedTerms() -> [(key: ArraySlice<UInt8>, documents: Int)] {
        var terms: [(key: ArraySlice<UInt8>, documents: Int)] = []
        forEachSortedTerm { terms.append(($0, $1)) }
        return terms
    }

    /// Calls `body` with every term whose count is not zero, in the byte order of the keys,
    /// sorting bucket numbers (4 bytes a term) rather than a copy of the terms: this runs when a
    /// count is merged into the stored statistics, at the memory peak of a large run.
    package func forEachSortedTerm(_ body: (ArraySlice<UInt8>, Int) throws -> Void) rethrows {
        var order: [Int32] = []
        order.reserveCapacity(used)
        for index in buckets.indices where buckets[index].keyCount > 0 && buckets[index].documents != 0 { order.append(Int32(index)) }
        buckets.withUnsafeBufferPointer { buckets in
            arena.withUnsafeBufferPointer { arena in
                order.sort { firstIndex, secondIndex in
                    let first = buckets[Int(firstIndex)]
                    let second = buckets[Int(secondIndex)]
                    let common = Int(min(first.keyCount, second.keyCount))
                    let order = memcmp(arena.baseAddress! + Int(first.keyStart), arena.baseAddress! + Int(second.keyStart), common)
                    return order != 0 ? order < 0 : first.keyCount < second.keyCount
                }
            }
        }
        for index in order {
            let bucket = buckets[Int(index)]
            try body(arena[Int(bucket.keyStart)..<Int(bucket.keyStart + bucket.keyCount)], Int(bucket.documents))
        }
    }

    /// Mixes 8 key bytes per multiply (a multiply per byte, as FNV-1a does, would be a large
    /// share of counting's time); `prefix` is the key's first 16 bytes.
    @inline(__always)
    private static func hash(_ key: UnsafeBufferPointer<UInt8>, prefix: (UInt64, UInt64)) -> UInt32 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var mixed = (prefix.0 ^ UInt64(key.count)) &* multiplier
        mixed = (mixed ^ (mixed >> 29) ^ prefix.1) &* multiplier
        var offset = 16
        while offset < key.count {
            mixed = (mixed ^ (mixed >> 29) ^ word(key, from: offset)) &* multiplier
            offset += 8
        }
        // The table takes the low bits: fold the well-mixed high half down.
        return UInt32(truncatingIfNeeded: (mixed ^ (mixed >> 32)) >> 16)
    }

    /// Up to 8 key bytes from `offset`, little-endian, zero-padded (none past the key's end).
    @inline(__always)
    private static func word(_ key: UnsafeBufferPointer<UInt8>, from offset: Int) -> UInt64 {
        let available = key.count - offset
        guard let base = key.baseAddress else { return 0 }
        if available >= 8 { return UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)) }
        var word: UInt64 = 0
        for index in 0..<max(available, 0) { word |= UInt64(base[offset + index]) << (8 * UInt64(index)) }
        return word
    }

    private static func sameKey(_ arena: UnsafeBufferPointer<UInt8>, at start: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        for offset in 16..<key.count where arena[start + offset] != key[offset] { return false }
        return true
    }

    private mutating func grow() {
        let old = buckets
        buckets = [Bucket](repeating: Bucket(), count: old.count * 2)
        let mask = buckets.count - 1
        arena.withUnsafeBufferPointer { arena in
            for bucket in old where bucket.keyCount > 0 {
                let key = UnsafeBufferPointer(rebasing: arena[Int(bucket.keyStart)..<Int(bucket.keyStart + bucket.keyCount)])
                var slot = Int(Self.hash(key, prefix: bucket.prefix)) & mask
                while buckets[slot].keyCount != 0 { slot = (slot + 1) & mask }
                buckets[slot] = bucket
            }
        }
    }
}
