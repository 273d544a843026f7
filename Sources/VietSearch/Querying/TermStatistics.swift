/// What the index knows about each folded syllable: how many documents contain it (any accent
/// form), and which accent forms occur. Kept in the `term_stats` table, rebuilt after each
/// indexing run that changed something.
///
/// The query builder uses it to write an unaccented word as an OR of its real accent forms (FTS5
/// walks those doclists lazily, where a prefix query builds the whole merged doclist first) and to
/// leave very common words out of the required set.
struct TermStatistics {
    struct Entry {
        /// Documents containing any accent form (an upper bound: forms are counted separately).
        var documentFrequency: Int
        /// Accent keys of the forms that occur ("" for the unaccented form), with their document
        /// frequencies.
        var variants: [(form: String, documentFrequency: Int)]
    }

    var documentCount: Int
    var entries: [String: Entry]

    /// More forms than this and the builder falls back to a prefix query.
    static let maxVariants = 32

    /// Forms in fewer than this share of a word's documents are left out of its expansion
    /// (mostly typos): each form is its own phrase for BM25, and a rare form's high IDF ranked
    /// documents with a misspelling first.
    static let minimumVariantShare = 0.02

    /// Words in more than this share of documents are not required to match ("có", "là", "của").
    static let commonShare = 0.5
    /// Words in at most this share of documents find the candidates for partial matches.
    static let essentialShare = 0.05

    func frequency(of folded: String) -> Int { entries[folded]?.documentFrequency ?? 0 }
}
