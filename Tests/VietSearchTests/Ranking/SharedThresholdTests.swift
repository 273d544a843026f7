import PropertyBased
import Testing

@testable import VietSearch

/// `SharedThreshold` is the k-th best of the files' best scores offered, whatever the order of
/// the offers, a file offered again (a half ranked twice), or ties.
@Suite struct SharedThresholdTests {
    /// Offers (file, score) from a few files and a few scores, so that repeats and ties are common.
    static let offers = Generator<[(Int64, Double)], Shrink.None<[(Int64, Double)]>> { rng in
        (0..<Int.random(in: 0...40, using: &rng)).map { _ in
            (Int64.random(in: 0...12, using: &rng), Double(Int.random(in: 0...8, using: &rng)) / 2)
        }
    }

    /// The k-th best of each file's best score; -∞ with fewer than k files.
    static func reference(_ offers: [(Int64, Double)], k: Int) -> Double {
        var best: [Int64: Double] = [:]
        for (file, score) in offers { best[file] = max(best[file] ?? -.infinity, score) }
        let scores = best.values.sorted(by: >)
        return scores.count < k ? -.infinity : scores[k - 1]
    }

    @Test func isTheKthBestOfEachFilesBest() async {
        await propertyCheck(count: 3000, input: Self.offers) { offers in
            for k in [1, 2, 3, 7] {
                let shared = SharedThreshold(k: k)
                for (index, (file, score)) in offers.enumerated() {
                    let returned = shared.offer(file, score)
                    #expect(returned == Self.reference(Array(offers[...index]), k: k), "k \(k), offers \(offers[...index])")
                }
                #expect(shared.current == Self.reference(offers, k: k))
            }
        }
    }

    @Test func aFileCountsOnce() {
        let shared = SharedThreshold(k: 2)
        #expect(shared.offer(7, 3) == -.infinity)
        // The same row offered again by a half ranked twice: still one file.
        #expect(shared.offer(7, 3) == -.infinity)
        #expect(shared.offer(7, 5) == -.infinity)
        #expect(shared.offer(8, 4) == 4)
        #expect(shared.offer(9, 4.5) == 4.5)
        #expect(shared.current == 4.5)
    }
}
