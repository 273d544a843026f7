#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts, per term, the documents containing it, from recorded terms (`PretokenizedText`): what
/// FTS5's vocabulary (`fts5vocab … 'row'`) reports as `doc`, computed while documents are read
/// instead of by walking every doclist of the finished index afterwards.
///
/// Terms are interned in an open-addressing table over one byte arena, so counting costs one
/// hash and one comparison per term occurrence, and no allocation per term.
public struct DocumentFrequencyCounter: Sendable {
    /// One term, counted in place. Its first 8 key bytes are kept here, so a lookup of a short
    /// key (most are) touches one cache line: counting is bound by memory latency, not work.
    private struct Bucket: Sendable {
        var prefix: UInt64 = 0
        var hash: UInt32 = 0
        /// 0 for an empty bucket.
        var keyCount: Int32 = 0
        var keyStart: Int32 = 0
        /// The last document counted, so a term counts once per document.
        var lastDocument: Int32 = 0
        var documents: Int32 = 0
    }

    /// Every key, back to back (read only for keys longer than 8 bytes).
    private var arena: [UInt8] = []
    /// Open addressing, linear probing; a power of two long, at most 5/8 full.
    private var buckets = [Bucket](repeating: Bucket(), count: 1 << 12)
    private var used = 0
    /// Documents counted.
    public private(set) var documentCount = 0

    public init() {}

    /// Counts one document whose columns are `texts`: each distinct term once.
    public mutating func addDocument(_ texts: [PretokenizedText]) {
        documentCount += 1
        let document = Int32(truncatingIfNeeded: documentCount)
        for text in texts {
            text.keys.withUnsafeBufferPointer { keys in
                for term in text.terms {
                    count(UnsafeBufferPointer(start: keys.baseAddress! + Int(term.keyStart), count: Int(term.keyCount)), in: document)
                }
            }
        }
    }

    /// Every term counted, with the number of documents containing it.
    public var documentFrequencies: [(term: String, documents: Int)] {
        buckets.filter { $0.keyCount > 0 }.map { bucket in
            let bytes = arena[Int(bucket.keyStart)..<Int(bucket.keyStart + bucket.keyCount)]
            return (String(decoding: bytes, as: UTF8.self), Int(bucket.documents))
        }
    }

    private mutating func count(_ key: UnsafeBufferPointer<UInt8>, in document: Int32) {
        // FNV-1a over the key; the first 8 bytes, little-endian, as the stored prefix.
        var hash: UInt32 = 2_166_136_261
        var prefix: UInt64 = 0
        for (offset, byte) in key.enumerated() {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
            if offset < 8 { prefix |= UInt64(byte) << (8 * UInt64(offset)) }
        }
        let arenaCount = arena.count
        let found: Bool = arena.withUnsafeBufferPointer { arena in buckets.withUnsafeMutableBufferPointer { buckets in
            let mask = buckets.count - 1
            var slot = Int(hash) & mask
            while buckets[slot].keyCount != 0 {
                if buckets[slot].hash == hash, buckets[slot].prefix == prefix, Int(buckets[slot].keyCount) == key.count,
                    key.count <= 8 || Self.sameKey(arena, at: Int(buckets[slot].keyStart), key)
                {
                    if buckets[slot].lastDocument != document {
                        buckets[slot].lastDocument = document
                        buckets[slot].documents += 1
                    }
                    return true
                }
                slot = (slot + 1) & mask
            }
            buckets[slot] = Bucket(
                prefix: prefix, hash: hash, keyCount: Int32(key.count), keyStart: Int32(arenaCount), lastDocument: document,
                documents: 1)
            return false
        } }
        if !found {
            arena.append(contentsOf: key)
            used += 1
            if used * 8 > buckets.count * 5 { grow() }
        }
    }

    private static func sameKey(_ arena: UnsafeBufferPointer<UInt8>, at start: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        for offset in 8..<key.count where arena[start + offset] != key[offset] { return false }
        return true
    }

    private mutating func grow() {
        let old = buckets
        buckets = [Bucket](repeating: Bucket(), count: old.count * 2)
        let mask = buckets.count - 1
        for bucket in old where bucket.keyCount > 0 {
            var slot = Int(bucket.hash) & mask
            while buckets[slot].keyCount != 0 { slot = (slot + 1) & mask }
            buckets[slot] = bucket
        }
    }
}
