/// A small deterministic PRNG (SplitMix64): the same seed gives the same corpus on every machine,
/// unlike the system generator.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<bound` (integer arithmetic only, so results never depend on libm). The
    /// modulo bias is below 2^-40 for the bounds used here.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next() % UInt64(bound))
    }

    /// True with probability `perMille`/1000.
    public mutating func chance(perMille: Int) -> Bool { below(1000) < perMille }

    /// A uniformly chosen element.
    public mutating func pick<T>(_ elements: [T]) -> T { elements[below(elements.count)] }
}
