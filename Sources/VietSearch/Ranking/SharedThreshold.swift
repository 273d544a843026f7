import Foundation

/// The best scores that rankers of two halves of the rows have found, one per file (a row, or a
/// file stored in sections: `TopRows`), for both to prune with the k-th best of them: k different
/// files of the index reach it, so a row whose bound is below it cannot bring a file onto the
/// page. It is above either ranker's own k-th best, since a page's k rows come from both halves;
/// sharing only the larger of the two k-th bests (Lucene's `MaxScoreAccumulator`) left each half
/// scoring rows the other half had already beaten.
final class SharedThreshold: @unchecked Sendable {
    private let lock = NSLock()
    private let k: Int
    /// Per file offered, the best score it reached; at most `k` files, the best.
    private var best: [Int64: Double] = [:]
    private var value = -Double.infinity

    init(k: Int) {
        self.k = max(k, 1)
    }

    /// The k-th best score offered, one per file; -∞ before k files were.
    var current: Double {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    /// Records that `file` reaches `score` (a row fully scored that may be returned), and returns
    /// the k-th best score now. The same file offered again keeps its better score, so a half
    /// ranked again (after its partner failed) counts nothing twice.
    func offer(_ file: Int64, _ score: Double) -> Double {
        lock.lock()
        defer { lock.unlock() }
        guard best.count < k || score > value, (best[file] ?? -.infinity) < score else { return value }
        best[file] = score
        if best.count > k, let worst = best.min(by: { $0.value < $1.value }) { best[worst.key] = nil }
        if best.count == k { value = best.values.min() ?? -.infinity }
        return value
    }
}
