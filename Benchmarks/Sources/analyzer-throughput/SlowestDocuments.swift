import Foundation
import VietnameseCorpus

/// Times every document alone (best of three, so one interruption does not count) for the
/// analyzer and for unicode61, then lists the documents where the analyzer is slowest per byte.
/// Finds inputs that fall off the fast path. Documents under 1 KB are skipped: their times are
/// dominated by per-call overhead and timer resolution.
struct SlowestDocuments {
    let analyzer: TokenizerPass
    let baseline: TokenizerPass

    func report(corpus: Corpus, count: Int) throws -> String {
        let clock = ContinuousClock()
        func best(_ pass: TokenizerPass, _ document: [UInt8]) throws -> Double {
            var fastest = Double.infinity
            for _ in 0..<3 {
                let elapsed = try clock.measure { _ = try pass.tokenize([document]) }
                fastest = min(fastest, ThroughputRun.seconds(elapsed))
            }
            return fastest
        }
        var rows: [(index: Int, bytes: Int, marks: Bool, analyzer: Double, baseline: Double)] = []
        for (index, document) in corpus.documents.enumerated() where document.count >= 1_000 {
            let analyzerMBps = Double(document.count) / (try best(analyzer, document)) / 1e6
            let baselineMBps = Double(document.count) / (try best(baseline, document)) / 1e6
            rows.append((index, document.count, CorpusProfile.containsCombiningMark(document), analyzerMBps, baselineMBps))
        }
        let allAnalyzer = rows.map(\.analyzer).sorted()
        var lines = [
            "per-document analyzer MB/s over \(rows.count) documents ≥ 1 KB: "
                + "p1 \(fixed(percentile(allAnalyzer, 0.01), 1)), p10 \(fixed(percentile(allAnalyzer, 0.10), 1)), "
                + "median \(fixed(percentile(allAnalyzer, 0.5), 1)), p90 \(fixed(percentile(allAnalyzer, 0.9), 1))",
            "",
            "| document # | bytes | combining marks | analyzer MB/s | unicode61 MB/s | analyzer ÷ unicode61 |",
            "|---:|---:|---|---:|---:|---:|",
        ]
        for row in rows.sorted(by: { $0.analyzer < $1.analyzer }).prefix(count) {
            lines.append(
                "| \(row.index) | \(row.bytes) | \(row.marks ? "yes" : "no") | \(fixed(row.analyzer, 1)) "
                    + "| \(fixed(row.baseline, 1)) | \(fixed(row.analyzer / row.baseline, 2))× |")
        }
        return lines.joined(separator: "\n")
    }

    private func percentile(_ sorted: [Double], _ p: Double) -> Double {
        sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
}
