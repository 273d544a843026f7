/// The timings of one pass over one corpus across rounds. MB = 10^6 bytes of UTF-8 input.
struct PassResult {
    let label: String
    let bytes: Int
    /// Wall-clock seconds per round.
    var seconds: [Double] = []
    /// CPU seconds of the benchmarking thread per round: excludes time the thread waited for a
    /// core, so it shows how much of the wall-clock spread is other processes' doing.
    var cpuSeconds: [Double] = []
    var tokens = 0

    var medianSeconds: Double { Self.median(seconds) }
    var medianMBps: Double { Double(bytes) / medianSeconds / 1e6 }
    /// Slowest round's throughput (longest time).
    var minMBps: Double { Double(bytes) / (seconds.max() ?? .nan) / 1e6 }
    var maxMBps: Double { Double(bytes) / (seconds.min() ?? .nan) / 1e6 }
    var medianTokensPerSecond: Double { Double(tokens) / medianSeconds }
    var medianCPUMBps: Double { Double(bytes) / Self.median(cpuSeconds) / 1e6 }

    func mbps(round: Int) -> Double { Double(bytes) / seconds[round] / 1e6 }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
