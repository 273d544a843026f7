import VietSearchSQLite

/// The terms of the document versions an indexing run deletes from FTS5 (updated or removed
/// files), counted as they go, so `term_stats` can be brought up to date by difference instead
/// of rebuilt. The old text is recorded once and also replayed for FTS5's delete.
final class RemovedTerms {
    private let pretokenizer = VietnamesePretokenizer(options: IndexSchema.tokenizerOptions)
    private(set) var counts: DocumentFrequencyCounter

    /// `pairs`: the run's sink, where deleted versions' pairs count negatively.
    init(pairs: TermPairSink) {
        counts = DocumentFrequencyCounter(pairs: pairs, pairSign: -1)
    }

    /// The counts so far, leaving this counter empty (merged into the statistics when they
    /// reach their share of the memory budget).
    func takeCounts() -> DocumentFrequencyCounter {
        defer { counts = DocumentFrequencyCounter(pairs: counts.pairs, pairSign: -1) }
        return counts
    }

    /// Records and counts an old version's title and body; returns the recordings to replay.
    func record(title: String, body: String) -> [PretokenizedText] {
        let recordings = [pretokenizer.record(title), pretokenizer.record(body)]
        counts.addDocument(recordings)
        return recordings
    }
}
