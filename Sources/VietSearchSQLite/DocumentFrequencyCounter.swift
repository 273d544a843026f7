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
    private struct Entry: Sendable {
        var start: Int32
        var count: Int32
        var hash: UInt32
        /// The last document counted, so a term counts once per document.
        var lastDocument: Int32
        var documents: Int32
    }

    private var arena: [UInt8] = []
    private var entries: [Entry] = []
    /// Indices into `entries`, -1 for empty; a power of two long, at most half full.
    private var slots = [Int32](repeating: -1, count: 1 << 12)
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
                    let key = UnsafeBufferPointer(rebasing: keys[Int(term.keyStart)..<Int(term.keyStart + term.keyCount)])
                    let index = intern(key)
                    if entries[index].lastDocument != document {
                        entries[index].lastDocument = document
                        entries[index].documents += 1
                    }
                }
            }
        }
    }

    /// Every term counted, with the number of documents containing it.
    public var documentFrequencies: [(term: String, documents: Int)] {
        entries.map { entry in
            (String(decoding: arena[Int(entry.start)..<Int(entry.start + entry.count)], as: UTF8.self), Int(entry.documents))
        }
    }

    /// The index in `entries` of `key`, added when new.
    private mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        // FNV-1a: keys are short (a syllable and its accent form).
        var hash: UInt32 = 2_166_136_261
        for byte in key { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let found = Int(slots[slot])
            if found < 0 { break }
            let entry = entries[found]
            if entry.hash == hash, Int(entry.count) == key.count,
                arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + Int(entry.start), key.baseAddress!, key.count) }) == 0
            {
                return found
            }
            slot = (slot + 1) & mask
        }
        let index = entries.count
        entries.append(Entry(start: Int32(arena.count), count: Int32(key.count), hash: hash, lastDocument: 0, documents: 0))
        arena.append(contentsOf: key)
        slots[slot] = Int32(index)
        if entries.count * 2 > slots.count { grow() }
        return index
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(entry.hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }
}
