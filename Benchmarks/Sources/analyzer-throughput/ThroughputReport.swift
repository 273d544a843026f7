import Foundation

/// Formats pass results as Markdown tables (pasted as-is into docs/BENCHMARKS.md). Ratios are
/// against the last pass, stock unicode61.
struct ThroughputReport {
    let results: [PassResult]

    var baseline: PassResult { results[results.count - 1] }

    /// Median over rounds of (pass MB/s ÷ baseline MB/s in the same round): less sensitive to
    /// load that changes between rounds than a ratio of medians.
    func sameRoundRatios(_ result: PassResult) -> (median: Double, min: Double, max: Double) {
        let ratios = result.seconds.indices.map { result.mbps(round: $0) / baseline.mbps(round: $0) }
        return (PassResult.median(ratios), ratios.min() ?? .nan, ratios.max() ?? .nan)
    }

    func table() -> String {
        var lines = [
            "| pass | median MB/s | min–max MB/s | median s | tokens | M tokens/s | × unicode61 (medians) "
                + "| × unicode61 (same round: median, min–max) | median MB/s by CPU time | × unicode61 by CPU time |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for result in results {
            let same = sameRoundRatios(result)
            let cells = [
                result.label,
                fixed(result.medianMBps, 1),
                fixed(result.minMBps, 1) + "–" + fixed(result.maxMBps, 1),
                fixed(result.medianSeconds, 3),
                Self.grouped(result.tokens),
                fixed(result.medianTokensPerSecond / 1e6, 1),
                fixed(result.medianMBps / baseline.medianMBps, 2) + "×",
                fixed(same.median, 2) + "× (" + fixed(same.min, 2) + "–" + fixed(same.max, 2) + ")",
                fixed(result.medianCPUMBps, 1),
                fixed(result.medianCPUMBps / baseline.medianCPUMBps, 2) + "×",
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    func roundLine(_ round: Int) -> String {
        let figures = results.map { result in
            let cpuMBps = Double(result.bytes) / result.cpuSeconds[round] / 1e6
            return fixed(result.mbps(round: round), 1) + " (CPU " + fixed(cpuMBps, 1) + ")"
        }
        return "round \(round + 1): MB/s " + figures.joined(separator: " | ")
    }

    /// 1234567 → "1,234,567".
    static func grouped(_ value: Int) -> String {
        var digits = Array(String(value))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }
}

/// `value` with `digits` decimals.
func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
