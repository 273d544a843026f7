import Testing

@testable import VietSearch

/// `ContentHash` tells contents apart, including ones that differ in a single byte or only in
/// length, wherever the difference is.
@Suite struct ContentHashTests {
    @Test func everySingleByteChangeAndLengthChangesTheHash() {
        let base = (0..<37).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        var hashes: Set<String> = [ContentHash.hex(base)]
        for index in base.indices {
            var changed = base
            changed[index] ^= 0x01
            hashes.insert(ContentHash.hex(changed))
        }
        for length in 0..<base.count { hashes.insert(ContentHash.hex(Array(base[..<length]))) }
        hashes.insert(ContentHash.hex(base + [0]))  // a trailing zero byte is not padding
        #expect(hashes.count == 1 + base.count + base.count + 1)
        #expect(ContentHash.hex(base) == ContentHash.hex(base))
        #expect(ContentHash.hex(base).count == 16)
    }
}
