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
        /// Accent keys of the forms that occur; the plain (unaccented) form as its folded key.
        var variants: [String]
    }

    var documentCount: Int
    var entries: [String: Entry]

    /// More forms than this and the builder falls back to a prefix query.
    static let maxVariants = 32

    /// Words in more than this share of documents are not required to match ("có", "là", "của").
    static let commonShare = 0.5
    /// Words in at most this share of documents find the candidates for partial matches.
    static let essentialShare = 0.05

    func frequency(of folded: String) -> Int { entries[folded]?.documentFrequency ?? 0 }
}
