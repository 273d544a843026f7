/// What the index knows about each folded syllable: how many documents contain it (any accent
/// form), and which accent forms occur. Kept in the `term_stats` table, updated by each
/// indexing run that changed something.
///
/// The query builder uses it to write an unaccented word as an OR of its real accent forms (FTS5
/// walks those doclists lazily, where a prefix query builds the whole merged doclist first) and to
/// leave very common words out of the required set.
struct TermStatistics {
    struct Entry {
        /// Documents containing any accent form (estimated: see `unionEstimate`).
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
    /// Words in at most this share of documents find the candidates for partial matches; more
    /// common ones are written as an OR of their real forms, and in a question typed with accents
    /// scored in the form typed alone (see `QueryPlanner`).
    static let essentialShare = 0.05

    func frequency(of folded: String) -> Int { entries[folded]?.documentFrequency ?? 0 }

    /// Reads `term_stats.variants`: `đang=120 đảng=80 =3` (the empty form is the unaccented one).
    /// Each pair is the form up to its first `=` and the count after its last (0 when not a
    /// number). Read by bytes: a search reads the variants of every query word, and a common
    /// syllable has dozens; splitting into substrings was a fifth of reading a query.
    static func parseVariants(_ text: String) -> [(form: String, documentFrequency: Int)] {
        var text = text
        return text.withUTF8 { bytes in
            var variants: [(form: String, documentFrequency: Int)] = []
            var start = 0
            while start < bytes.count {
                var end = start
                var firstEquals = -1
                var lastEquals = -1
                while end < bytes.count, bytes[end] != 0x20 {
                    if bytes[end] == 0x3D {
                        if firstEquals < 0 { firstEquals = end }
                        lastEquals = end
                    }
                    end += 1
                }
                if end > start {
                    let form = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(firstEquals < 0 ? end : firstEquals)]), as: UTF8.self)
                    let digits = UnsafeBufferPointer(rebasing: bytes[(lastEquals < 0 ? start : lastEquals + 1)..<end])
                    variants.append((form, Int(String(decoding: digits, as: UTF8.self)) ?? 0))
                }
                start = end + 1
            }
            return variants
        }
    }

    /// Writes `term_stats.variants`, forms in byte order (as the vocabulary lists them).
    static func formatVariants(_ variants: [String: Int]) -> String {
        formatVariants(inOrder: variants.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, $0.value) })
    }

    /// `formatVariants` for forms already in byte order.
    static func formatVariants(inOrder variants: [(form: String, documents: Int)]) -> String {
        variants.map { "\($0.form)=\($0.documents)" }.joined(separator: " ")
    }

    /// Documents with at least one of the forms, estimated as if forms occurred independently.
    /// The stored sum counts a document once per form it has: "bo" sums to more documents than
    /// the index holds, which made its IDF zero.
    static func unionEstimate(_ frequencies: [Int], documentCount: Int) -> Int {
        guard documentCount > 0 else { return 0 }
        let total = Double(documentCount)
        var none = 1.0
        for frequency in frequencies { none *= 1 - min(Double(frequency), total) / total }
        return max(frequencies.max() ?? 0, Int((total * (1 - none)).rounded()))
    }
}
