import Foundation
import VietnameseCorpus

/// Times every document alone (best of five, so one interruption does not count) for the
/// analyzer and for unicode61, then lists the documents where the analyzer does worst relative to
/// unicode61 on the same text: inputs that fall off the analyzer's fast path. (Ranking by the
/// ratio rather than by MB/s factors out what both share: a repeated small document sits in the
/// cache, a 30 KB one does not.) Documents under 1 KB are skipped: per-call overhead and timer
/// resolution dominate them.
struct SlowestDocuments {
    let analyzer: TokenizerPass
    let baseline: TokenizerPass

    func report(corpus: Corpus, count: Int) throws -> String {
        let clock = ContinuousClock()
        func best(_ pass: TokenizerPass, _ document: [UInt8]) throws -> Double {
            var fastest = Double.infinity
            for _ in 0..<5 {
                let elapsed = try clock.measure { _ = try pass.tokenize([document]) }
                fastest = min(fastest, ThroughputRun.seconds(elapsed))
            }
            return fastest
        }
        var rows: [(index: Int, bytes: Int, marks: Bool, analyzer: Double, baseline: Double)] = []
        for (index, document) in corpus.documents.enumerated() where document.count >= 1_000 {
            let analyzerMBps = Double(document.count) / (try best(analyzer, document)) / 1e6
            let baselineMBps = Double(document.count) / (try best(baseline, document)) / 1e6
            let marks = CorpusProfile.containsCombiningMark(document)
            rows.append((index, document.count, marks, analyzerMBps, baselineMBps))
        }
        let analyzerMBps = rows.map(\.analyzer).sorted()
        let ratios = rows.map { $0.analyzer / $0.baseline }.sorted()
        var lines = [
            "per document (\(rows.count) documents ≥ 1 KB, each timed alone, best of 5):",
            "  analyzer MB/s: " + percentiles(analyzerMBps, digits: 1, unit: ""),
            "  analyzer ÷ unicode61: " + percentiles(ratios, digits: 2, unit: "×"),
            "",
            "| document # | bytes | combining marks | analyzer MB/s | unicode61 MB/s | analyzer ÷ unicode61 |",
            "|---:|---:|---|---:|---:|---:|",
        ]
        for row in rows.sorted(by: { $0.analyzer / $0.baseline < $1.analyzer / $1.baseline }).prefix(count) {
            lines.append(
                "| \(row.index) | \(row.bytes) | \(row.marks ? "yes" : "no") | \(fixed(row.analyzer, 1)) "
                    + "| \(fixed(row.baseline, 1)) | \(fixed(row.analyzer / row.baseline, 2))× |")
        }
        return lines.joined(separator: "\n")
    }

    /// "p1 …, p10 …, median …, p90 …" of sorted values.
    private func percentiles(_ sorted: [Double], digits: Int, unit: String) -> String {
        [("p1", 0.01), ("p10", 0.10), ("median", 0.5), ("p90", 0.9)].map { name, p in
            let value = sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
            return "\(name) \(fixed(value, digits))\(unit)"
        }.joined(separator: ", ")
    }
}
