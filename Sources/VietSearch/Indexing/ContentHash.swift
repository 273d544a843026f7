/// A 64-bit hash of a file's bytes, as hex: detects changed content when size and mtime say a
/// file may have changed. Not cryptographic; a collision only costs a missed re-index of a
/// touched file of the same size.
///
/// Mixes 8 bytes per multiply: a multiply per byte, as FNV-1a does, shows in indexing's CPU time.
/// (An index whose hashes FNV-1a wrote re-reads a touched file once instead of keeping it:
/// harmless.)
enum ContentHash {
    static func hex(_ bytes: [UInt8]) -> String {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = (0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)) &* multiplier
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + 8 <= raw.count {
                hash = (hash ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))) &* multiplier
                hash ^= hash >> 29
                offset += 8
            }
            var tail: UInt64 = 0
            for index in offset..<raw.count { tail |= UInt64(raw[index]) << (8 * UInt64(index - offset)) }
            hash = (hash ^ tail) &* multiplier
            hash ^= hash >> 32
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
