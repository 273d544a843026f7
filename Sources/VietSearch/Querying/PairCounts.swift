/// Occurrences of adjacent term pairs, by `TermPairCounter` fingerprint: what `AccentRestorer`
/// weighs readings with. A whole table in memory (`TermPairTable`), or an index's stored blocks
/// read only where a question's pairs fall (`TermPairBlockReader`).
protocol PairCounts {
    /// The sum of every term's document count (the restorer's unigram denominator).
    var termDocumentCount: Int { get }
    /// The count of each fingerprint (0 when absent).
    func counts(of fingerprints: [UInt32]) throws -> [Int]
}

extension TermPairTable: PairCounts {}
