/// Per pair of covered syllables (first × count + second), its rows so far, in chunks of
/// varints of rowid deltas (little-endian base 128) from the chunk's first row.
struct PairLists {
    struct List {
        var last: Int64 = 0
        var count = 0
        var chunks: [(first: Int64, bytes: [UInt8])] = []
    }

    /// A chunk's bytes, at most about: small enough that a record stays inside a B-tree page of
    /// 16 KB (indexes made before 2026-12-05 have such pages, newer ones 64 KB), so no chunk leaves
    /// an overflow page mostly empty.
    static let chunkBytes = 3_000

    let syllables: Int
    let chunkBytes: Int
    /// By key while there are few enough syllables for a table of every pair, else hashed.
    private var table: [List]
    private var hashed: [UInt64: List] = [:]

    /// Syllables for which every pair has a slot (`table`): 1,024² slots.
    static let tableSyllables = 1_024

    /// `hashed`: lists in a dictionary whatever the syllables (tests compare the two ways).
    init(syllables: Int, chunkBytes: Int, hashed: Bool? = nil) {
        self.syllables = syllables
        self.chunkBytes = chunkBytes
        let hashing = hashed ?? (syllables > Self.tableSyllables)
        table = hashing ? [] : [List](repeating: List(), count: syllables * syllables)
    }

    /// The pairs with rows, by key (in key order: they are written in that order, so that the
    /// table's pages fill).
    var all: [(key: UInt64, list: List)] {
        if table.isEmpty { return hashed.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
        return table.indices.filter { table[$0].count > 0 }.map { (UInt64($0), table[$0]) }
    }

    /// Rows of a batch, at most (`packed`'s row field).
    static let batchRows = 1 << 20

    /// A position of a batch's row (its number in the batch), place (offset × columns + column) and
    /// syllable, in 64 bits: 20, 28 and 16.
    @inline(__always)
    static func packed(row: Int, place: Int, syllable: UInt32) -> UInt64 {
        UInt64(row) << 44 | UInt64(place) << 16 | UInt64(syllable)
    }

    /// Adds the pairs of a batch of rows: `places` as `packed` makes them, `row` the rowid of a
    /// row's number; a syllable at place p and one at p + `columns` (the next offset, same
    /// column) make a pair.
    mutating func add(places: inout [UInt64], columns: Int, row: (Int) -> Int64) {
        places.sort()
        var next = 0
        for index in places.indices {
            let value = places[index]
            let target = (value >> 16 + UInt64(columns)) << 16
            if next < index + 1 { next = index + 1 }
            while next < places.count, places[next] < target { next += 1 }
            var match = next
            while match < places.count, places[match] >> 16 == target >> 16 {
                let key = (value & 0xFFFF) * UInt64(syllables) + (places[match] & 0xFFFF)
                append(row(Int(value >> 44)), to: key)
                match += 1
            }
        }
    }

    private mutating func append(_ row: Int64, to key: UInt64) {
        if table.isEmpty {
            hashed[key, default: List()].append(row, chunkBytes: chunkBytes)
        } else {
            table[Int(key)].append(row, chunkBytes: chunkBytes)
        }
    }
}

extension PairLists.List {
    mutating func append(_ row: Int64, chunkBytes: Int) {
        guard count == 0 || row != last else { return }
        if chunks.isEmpty || chunks[chunks.count - 1].bytes.count >= chunkBytes {
            chunks.append((row, []))
            last = row
        }
        var delta = UInt64(row - last)
        let chunk = chunks.count - 1
        while delta >= 0x80 {
            chunks[chunk].bytes.append(UInt8(delta & 0x7F) | 0x80)
            delta >>= 7
        }
        chunks[chunk].bytes.append(UInt8(delta))
        last = row
        count += 1
    }
}
