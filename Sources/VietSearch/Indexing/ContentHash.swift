/// A 64-bit hash of a file's bytes, as hex: detects changed content when size and mtime say a
/// file may have changed. Not cryptographic; a collision only costs a missed re-index of a
/// touched file of the same size.
///
/// Mixes 8 bytes per multiply: a multiply per byte, as FNV-1a does, shows in indexing's CPU time.
/// (An index whose hashes FNV-1a wrote re-reads a touched file once instead of keeping it:
/// harmless.)
enum ContentHash {
    static func hex(_ bytes: [UInt8]) -> String {
        var stream = Stream(count: bytes.count)
        bytes.withUnsafeBytes { stream.add($0) }
        return stream.hex
    }

    /// The same hash over bytes that come in pieces (a file too large to hold at once). The
    /// count goes in first, so it is given up front (the file's size): bytes of another count
    /// hash to another value, as the file has then changed while it was read.
    struct Stream {
        private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        private var hash: UInt64
        /// Bytes of a word not yet complete, and how many.
        private var pending: UInt64 = 0
        private var pendingCount = 0

        init(count: Int) {
            hash = (0xCBF2_9CE4_8422_2325 ^ UInt64(count)) &* Self.multiplier
        }

        mutating func add(_ raw: UnsafeRawBufferPointer) {
            var offset = 0
            while pendingCount > 0, pendingCount < 8, offset < raw.count {
                pending |= UInt64(raw[offset]) << (8 * UInt64(pendingCount))
                pendingCount += 1
                offset += 1
            }
            if pendingCount == 8 {
                mix(pending)
                (pending, pendingCount) = (0, 0)
            }
            while offset + 8 <= raw.count {
                mix(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                offset += 8
            }
            for index in offset..<raw.count {
                pending |= UInt64(raw[index]) << (8 * UInt64(pendingCount))
                pendingCount += 1
            }
        }

        @inline(__always)
        private mutating func mix(_ word: UInt64) {
            hash = (hash ^ word) &* Self.multiplier
            hash ^= hash >> 29
        }

        /// The hash of every byte added, as 16 hex digits.
        var hex: String {
            var final = (hash ^ pending) &* Self.multiplier
            final ^= final >> 32
            let digits = String(final, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
    }
}
