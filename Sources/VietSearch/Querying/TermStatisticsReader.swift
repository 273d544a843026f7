import VietSearchSQLite

/// Reads `term_stats` rows as a search needs them, each once: the query's words first, then
/// the spellings the query rewriter considers (decoded keys, typo candidates, abbreviations).
final class TermStatisticsReader {
    private let lookup: SQLiteStatement
    private var missing: Set<String> = []
    private(set) var statistics: TermStatistics

    init(connection: SQLiteConnection, documentCount: Int) throws {
        lookup = try connection.prepare("SELECT variants FROM term_stats WHERE folded = ?1")
        statistics = TermStatistics(documentCount: documentCount, entries: [:])
    }

    /// The statistics of one folded syllable; nil when the index lacks it.
    func entry(_ folded: String) throws -> TermStatistics.Entry? {
        if let entry = statistics.entries[folded] { return entry }
        guard !missing.contains(folded) else { return nil }
        lookup.reset()
        // Reset once read: a statement left on a row keeps its read transaction open, and in a
        // replica's rollback-journal copy that read lock keeps Litestream from applying changes.
        defer { lookup.reset() }
        try lookup.bind([.text(folded)])
        guard try lookup.step() else {
            missing.insert(folded)
            return nil
        }
        let variants = TermStatistics.parseVariants(lookup.text(at: 0))
        let entry = TermStatistics.Entry(
            documentFrequency: TermStatistics.unionEstimate(variants.map(\.documentFrequency), documentCount: statistics.documentCount),
            variants: variants)
        statistics.entries[folded] = entry
        return entry
    }

    /// Reads the entries of every token of the query.
    func read(_ query: SearchQuery, planner: QueryPlanner) throws {
        for clause in query.clauses {
            for term in clause.alternatives {
                for token in planner.tokens(of: term) { _ = try entry(token.folded) }
            }
        }
    }

    /// Documents with this form of the syllable (`form` "": the unaccented one).
    func documents(_ folded: String, form: String) throws -> Int {
        try entry(folded)?.variants.first { $0.form == form }?.documentFrequency ?? 0
    }
}
