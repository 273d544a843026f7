import PropertyBased
import Testing

@testable import VietSearch

/// `PrunedRanker.varintEnds`, which counts a position list's entries eight bytes at a time: the
/// same count as looking at every byte, for any bytes and any range within them.
@Suite struct VarintEndsTests {
    @Test func countsAsEveryByteWould() async {
        let lists = Gen<UInt8?>.element(of: [UInt8](arrayLiteral: 0x00, 0x01, 0x02, 0x7F, 0x80, 0x81, 0xFF, 0x3C)).compactMap { $0 }.array(of: 0...40)
        let cuts = Gen<Int>.int(in: 0...40)
        await propertyCheck(count: 2000, input: lists, cuts, cuts) { bytes, first, second in
            let start = min(first, second, bytes.count)
            let end = min(max(first, second), bytes.count)
            let expected = bytes[start..<end].filter { $0 < 0x80 }.count
            let counted = bytes.withUnsafeBufferPointer { buffer in
                PrunedRanker.varintEnds(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, from: start, to: end)
            }
            #expect(counted == expected, "bytes: \(bytes), \(start)..<\(end)")
        }
    }
}
