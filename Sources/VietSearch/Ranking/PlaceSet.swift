/// A set of token places of one row (offset × columns + column) for the rank function: one bit
/// per place, so membership is one load, and the places inserted are listed so that emptying the
/// set costs its size, not the row's length. Grows to the largest place seen; freed by its owner
/// (`deallocate`), as it lives in per-query scratch.
struct PlaceSet {
    private var bits: UnsafeMutablePointer<UInt64>?
    private var bitWords = 0
    private var placed: UnsafeMutablePointer<Int>?
    private var placedCapacity = 0
    private(set) var count = 0

    /// Adds `place`; true when it was not in the set. Negative places are never stored.
    @inline(__always)
    mutating func insert(_ place: Int) -> Bool {
        guard place >= 0 else { return false }
        let word = place >> 6
        if word >= bitWords { growBits(toHold: word) }
        let mask: UInt64 = 1 << UInt64(place & 63)
        let old = bits![word]
        guard old & mask == 0 else { return false }
        bits![word] = old | mask
        if count == placedCapacity { growPlaced() }
        placed![count] = place
        count += 1
        return true
    }

    @inline(__always)
    func contains(_ place: Int) -> Bool {
        guard place >= 0, place >> 6 < bitWords else { return false }
        return bits![place >> 6] & (1 << UInt64(place & 63)) != 0
    }

    mutating func removeAll() {
        guard count > 0, let bits, let placed else { return }
        for index in 0..<count { bits[placed[index] >> 6] = 0 }
        count = 0
    }

    func deallocate() {
        bits?.deallocate()
        placed?.deallocate()
    }

    private mutating func growBits(toHold word: Int) {
        let capacity = max(word + 1, bitWords * 2, 64)
        let larger = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        larger.initialize(repeating: 0, count: capacity)
        if let bits {
            larger.update(from: bits, count: bitWords)
            bits.deallocate()
        }
        bits = larger
        bitWords = capacity
    }

    private mutating func growPlaced() {
        let capacity = max(placedCapacity * 2, 64)
        let larger = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        if let placed {
            larger.initialize(from: placed, count: count)
            placed.deallocate()
        }
        placed = larger
        placedCapacity = capacity
    }
}
