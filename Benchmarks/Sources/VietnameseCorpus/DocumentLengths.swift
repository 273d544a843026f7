/// Target document lengths in characters, drawn from a piecewise-linear inverse CDF shaped like
/// news articles (median about 2,000 characters, 1% above 12,000, a tail to 32,000). A quantile
/// table with integer arithmetic, rather than a log-normal through exp/log, so the corpus does not
/// depend on the platform's libm.
enum DocumentLengths {
    /// (cumulative probability in parts per million, characters)
    static let quantiles: [(ppm: Int, characters: Int)] = [
        (0, 150), (50_000, 550), (100_000, 800), (250_000, 1_300), (500_000, 2_000), (750_000, 3_100),
        (900_000, 4_800), (950_000, 6_300), (980_000, 9_000), (990_000, 12_000), (997_000, 18_000),
        (999_500, 26_000), (1_000_000, 32_000),
    ]

    static func draw(_ rng: inout SplitMix64) -> Int {
        let u = rng.below(1_000_000)
        var index = 1
        while quantiles[index].ppm <= u { index += 1 }
        let (p0, c0) = quantiles[index - 1]
        let (p1, c1) = quantiles[index]
        return c0 + (c1 - c0) * (u - p0) / (p1 - p0)
    }
}
