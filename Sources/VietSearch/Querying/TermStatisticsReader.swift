import VietSearchSQLite

/// Reads `term_stats` rows as a search needs them, each once: the query's words first, then
/// the spellings the query rewriter considers (decoded keys, typo candidates, abbreviations).
/// Rows earlier searches read of the same state of the index come from `kept`, and what is read
/// is left there.
final class TermStatisticsReader {
    private let connection: SQLiteConnection
    private let kept: KeptTermStatistics?
    private var lookup: SQLiteStatement?
    private var missing: Set<String> = []
    private(set) var statistics: TermStatistics

    init(connection: SQLiteConnection, documentCount: Int, kept: KeptTermStatistics? = nil) {
        self.connection = connection
        self.kept = kept
        statistics = TermStatistics(documentCount: documentCount, entries: [:])
    }

    /// The statistics of one folded syllable; nil when the index lacks it.
    func entry(_ folded: String) throws -> TermStatistics.Entry? {
        if let entry = statistics.entries[folded] { return entry }
        guard !missing.contains(folded) else { return nil }
        if let kept {
            if let entry = kept.entries[folded] {
                statistics.entries[folded] = entry
                return entry
            }
            if kept.missing.contains(folded) {
                missing.insert(folded)
                return nil
            }
        }
        let entry = try read(folded)
        if let entry { statistics.entries[folded] = entry } else { missing.insert(folded) }
        kept?.keep(entry, for: folded)
        return entry
    }

    /// One row of `term_stats`.
    private func read(_ folded: String) throws -> TermStatistics.Entry? {
        if lookup == nil { lookup = try connection.prepare("SELECT variants FROM term_stats WHERE folded = ?1") }
        guard let lookup else { return nil }
        // Reset once read: a statement left on a row keeps its read transaction open, and in a
        // replica's rollback-journal copy that read lock keeps Litestream from applying changes.
        defer { lookup.reset() }
        try lookup.bind([.text(folded)])
        guard try lookup.step() else { return nil }
        let variants = TermStatistics.parseVariants(lookup.text(at: 0))
        return TermStatistics.Entry(
            documentFrequency: TermStatistics.unionEstimate(variants.map(\.documentFrequency), documentCount: statistics.documentCount),
            variants: variants)
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
