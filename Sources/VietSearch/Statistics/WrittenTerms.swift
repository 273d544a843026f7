import VietSearchSQLite

/// The terms of the document versions one write transaction adds and removes through
/// `IndexWriter`'s public methods, counted as they are written, so the transaction can bring
/// `term_stats` and `term_pairs` up to date by difference when it ends. The texts are recorded
/// once and replayed into FTS5, so counting costs no second analysis.
final class WrittenTerms {
    let pairs = TermPairSink()
    private let pretokenizer = VietnamesePretokenizer(options: IndexSchema.tokenizerOptions)
    private(set) var added: DocumentFrequencyCounter
    let removed: RemovedTerms

    init() {
        added = DocumentFrequencyCounter(pairs: pairs)
        removed = RemovedTerms(pairs: pairs)
    }

    /// Records and counts a version written; returns the recordings to replay.
    func record(_ document: IndexedDocument) -> [PretokenizedText] {
        let recordings = [pretokenizer.record(document.title), pretokenizer.record(document.body)]
        added.addDocument(recordings)
        return recordings
    }
}
