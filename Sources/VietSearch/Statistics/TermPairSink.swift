import Foundation

/// Where the `DocumentFrequencyCounter`s of one indexing run put their term pairs: one table for
/// the reader and writer threads together: a table per thread would hold the pairs both threads
/// see twice, and most pairs are seen by both (docs/ENGINE.md, "How the pairs are counted").
package final class TermPairSink: @unchecked Sendable {
    private let lock = NSLock()
    private var counter = TermPairCounter()

    /// `expectedPairs`: distinct pairs the run will likely see, allocated at once (see
    /// `TermPairCounter.reserve`).
    package init(expectedPairs: Int = 0) {
        if expectedPairs > 0 { counter.reserve(expectedPairs) }
    }

    /// Distinct pairs held (what its memory grows with).
    package var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return counter.count
    }

    /// Adds a batch of counts sorted by fingerprint (`TermPairCounter.counted`).
    func add(sorted entries: [TermPairCounter.Entry]) {
        lock.lock()
        defer { lock.unlock() }
        counter.add(sorted: entries)
    }

    /// The counts so far, by fingerprint, leaving the sink empty.
    package func takeSorted() -> [TermPairCounter.Entry] {
        lock.lock()
        defer { lock.unlock() }
        return counter.takeSorted()
    }

    /// Gives back the memory of entries `takeSorted` gave, once they are merged: the table
    /// reuses it rather than grow again (`TermPairCounter.reuse`).
    package func recycle(_ entries: consuming [TermPairCounter.Entry]) {
        lock.lock()
        defer { lock.unlock() }
        counter.reuse(entries)
    }
}
