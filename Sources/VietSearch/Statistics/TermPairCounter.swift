/// Counts adjacent pairs of terms (`xay:xây` then `dung:dựng`), each pair by a 32-bit fingerprint
/// of the two terms: what accent restoration needs to read `xay dung dang` as `xây dựng đảng`
/// (see `AccentRestorer` in VietSearch). Filled through a `TermPairSink`.
///
/// Counts wrap (`&+`), so adding and subtracting counters is exact in any order, and the sum of
/// a run's additions minus its deletions can be merged into stored counts.
package struct TermPairCounter: Sendable {
    /// A fingerprint with its count; fingerprint 0 marks an empty slot (no pair maps to 0).
    package struct Entry: Sendable, Equatable {
        package var fingerprint: UInt32 = 0
        package var count: Int32 = 0

        package init(fingerprint: UInt32, count: Int32) {
            self.fingerprint = fingerprint
            self.count = count
        }

        init() {}
    }
    private typealias Slot = Entry

    /// Open addressing, linear probing; a power of two long, at most 3/4 full. A fingerprint's
    /// home slot is its top bits, so the table is in fingerprint order apart from probe runs:
    /// a batch added in order walks it front to back (see `add(sorted:)`).
    private var slots: [Slot] = []
    private var used = 0
    /// 32 − log2(slots.count): the shift that takes a fingerprint to its home slot.
    private var shift: UInt32 = 32

    package init() {}

    /// Distinct fingerprints held (some may count 0 after subtracting).
    package var count: Int { used }

    /// Makes room for `entries` fingerprints, in one step to the size they need: each step of
    /// growth holds the old table and the new one, twice as large, at once, and a run's table is
    /// reserved at its full size when the run's memory is still small.
    package mutating func reserve(_ entries: Int) {
        guard entries * 4 > slots.count * 3 else { return }
        var size = max(slots.count, 1 << 12)
        while entries * 4 > size * 3 { size *= 2 }
        rehash(into: [Slot](repeating: Slot(), count: size))
    }

    /// Takes the memory of entries `takeSorted` gave, once they are merged, as the table's (when
    /// it is larger than the table now): the table an indexing run reserved is then allocated
    /// once, instead of growing again from nothing after every merge (see `reserve`).
    package mutating func reuse(_ storage: consuming [Entry]) {
        let capacity = storage.capacity
        guard capacity > 0 else { return }
        let size = 1 << (Int.bitWidth - 1 - capacity.leadingZeroBitCount)
        guard size > slots.count else { return }
        storage.removeAll(keepingCapacity: true)
        storage.append(contentsOf: repeatElement(Slot(), count: size))
        rehash(into: storage)
    }

    /// The fingerprint of `first` followed by `second`, from the terms' hashes
    /// (`DocumentFrequencyCounter.hash(of:)`); never 0.
    @inline(__always)
    package static func fingerprint(_ first: UInt32, _ second: UInt32) -> UInt32 {
        let mixed = ((UInt64(first) << 32) | UInt64(second)) &* 0x9E37_79B9_7F4A_7C15
        let folded = UInt32(truncatingIfNeeded: (mixed ^ (mixed >> 31)) >> 32)
        return folded == 0 ? 1 : folded
    }

    /// Adds entries sorted by fingerprint (repeats allowed). In order, the probes move through
    /// the table front to back, which the hardware prefetches: one at a time in random order,
    /// each would be a cache miss.
    package mutating func add(sorted entries: [Entry]) {
        reserve(used + entries.count)
        for entry in entries { insert(entry.fingerprint, entry.count) }
    }

    @inline(__always)
    private mutating func insert(_ fingerprint: UInt32, _ times: Int32) {
        let shift = shift
        slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var index = Int(fingerprint >> shift)
            while slots[index].fingerprint != 0 {
                if slots[index].fingerprint == fingerprint {
                    slots[index].count &+= times
                    return
                }
                index = (index + 1) & mask
            }
            slots[index] = Slot(fingerprint: fingerprint, count: times)
            used += 1
        }
    }

    /// Sorts `fingerprints` (through `scratch`, reused between calls) and counts repeats:
    /// the batch `add(sorted:)` takes, each count times `sign`.
    package static func counted(_ fingerprints: inout [UInt32], scratch: inout [UInt32], sign: Int32) -> [Entry] {
        let total = fingerprints.count
        guard total > 0 else { return [] }
        if scratch.count < total { scratch = [UInt32](repeating: 0, count: total) }
        // LSD radix sort, four passes of 8 bits: no comparisons through a closure, which make
        // `sort()` several times slower here.
        var counts = [Int](repeating: 0, count: 256)
        fingerprints.withUnsafeMutableBufferPointer { values in
            scratch.withUnsafeMutableBufferPointer { spare in
                counts.withUnsafeMutableBufferPointer { counts in
                    var source = values.baseAddress!
                    var target = spare.baseAddress!
                    let counts = counts.baseAddress!
                    for pass in 0..<4 {
                        let shift = UInt32(8 * pass)
                        counts.update(repeating: 0, count: 256)
                        for index in 0..<total { counts[Int((source[index] >> shift) & 0xff)] += 1 }
                        var start = 0
                        for bucket in 0..<256 {
                            let size = counts[bucket]
                            counts[bucket] = start
                            start += size
                        }
                        for index in 0..<total {
                            let value = source[index]
                            let bucket = Int((value >> shift) & 0xff)
                            target[counts[bucket]] = value
                            counts[bucket] += 1
                        }
                        swap(&source, &target)
                    }
                    // Four passes: the sorted values are back in `fingerprints`.
                }
            }
        }
        var entries: [Entry] = []
        entries.reserveCapacity(total)
        fingerprints.withUnsafeBufferPointer { sorted in
            var index = 0
            while index < total {
                let fingerprint = sorted[index]
                var end = index + 1
                while end < total && sorted[end] == fingerprint { end += 1 }
                entries.append(Entry(fingerprint: fingerprint, count: Int32(truncatingIfNeeded: end - index) &* sign))
                index = end
            }
        }
        return entries
    }

    /// Every fingerprint whose count is not zero, in ascending order; the counter is left
    /// empty. Sorted in place: the table is the largest thing an indexing run holds at its end.
    package mutating func takeSorted() -> [Entry] {
        var kept = 0
        for index in slots.indices where slots[index].fingerprint != 0 && slots[index].count != 0 {
            slots[kept] = slots[index]
            kept += 1
        }
        var entries = slots
        slots = []
        used = 0
        entries.removeLast(entries.count - kept)
        Self.sortInPlace(&entries)
        return entries
    }

    /// Sorts by fingerprint without a second array (`sort()` merges through a buffer as large as
    /// the input): one in-place pass by the top byte (fingerprints are uniform), then each of the
    /// 256 buckets, small, with `sort()`.
    static func sortInPlace(_ entries: inout [Entry]) {
        var counts = [Int](repeating: 0, count: 257)
        for entry in entries { counts[Int(entry.fingerprint >> 24) + 1] += 1 }
        for bucket in 1...256 { counts[bucket] += counts[bucket - 1] }
        var next = Array(counts[0..<256])  // the next unfilled place of each bucket
        entries.withUnsafeMutableBufferPointer { entries in
            for bucket in 0..<256 {
                // Every entry moved to its bucket's next place, cycling until this place holds one
                // of its own.
                while next[bucket] < counts[bucket + 1] {
                    var entry = entries[next[bucket]]
                    var home = Int(entry.fingerprint >> 24)
                    while home != bucket {
                        swap(&entry, &entries[next[home]])
                        next[home] += 1
                        home = Int(entry.fingerprint >> 24)
                    }
                    entries[next[bucket]] = entry
                    next[bucket] += 1
                }
            }
            for bucket in 0..<256 {
                var slice = UnsafeMutableBufferPointer(rebasing: entries[counts[bucket]..<counts[bucket + 1]])
                slice.sort { $0.fingerprint < $1.fingerprint }
            }
        }
    }

    /// Moves every entry into `table` (empty, a power of two long), which becomes the table.
    private mutating func rehash(into table: consuming [Slot]) {
        let old = slots
        slots = table
        shift = UInt32(32 - slots.count.trailingZeroBitCount)
        used = 0
        for slot in old where slot.fingerprint != 0 { insert(slot.fingerprint, slot.count) }
    }
}
