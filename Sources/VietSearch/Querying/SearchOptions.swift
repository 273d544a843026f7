/// How to search.
public struct SearchOptions: Sendable, Hashable {
    /// Results to return.
    public var limit: Int
    /// Results to skip (for paging).
    public var offset: Int
    /// Only documents whose words match the query's accents (after canonical tone placement and
    /// i/y unification: `hoà bình` finds `hòa bình`); unaccented query words then match only
    /// unaccented text.
    public var exact: Bool
    /// Put around matched words in snippets.
    public var highlightStart: String
    public var highlightEnd: String
    /// Approximate number of words in a snippet.
    public var snippetWords: Int
    /// A question (five words or more) typed without any accent is searched with its likely
    /// accents restored from the index's statistics (`chat bo trong vo nho` as `chất bổ trong vỏ
    /// nho`): about as accurate as searching every accent form, and much faster (docs/ENGINE.md,
    /// "Restoring the accents of questions typed without them").
    public var restoreAccents: Bool
    /// Search the words exactly as typed: no Telex or VNI decoding, no typo correction, no
    /// abbreviation expansion, no accent restoration (see `SearchIndex.search`).
    public var literal: Bool
    /// Only documents that pass it (folder, file type, encoding, modification time); the
    /// total counts only those.
    public var filter: DocumentFilter
    /// Scores every matching document through FTS5 (`vietsearch_rank`) instead of reading the
    /// index's postings and skipping the documents that provably cannot reach the page: the same
    /// results, many times slower. For checking the pruned ranking, and the way indexes it cannot
    /// read are searched anyway.
    public var exhaustive: Bool
    /// What a query may ask for; over a limit, the search fails with the reason.
    public var limits: QueryLimits

    public init(
        limit: Int = 10, offset: Int = 0, exact: Bool = false, highlightStart: String = "[", highlightEnd: String = "]",
        snippetWords: Int = 24, restoreAccents: Bool = true, filter: DocumentFilter = DocumentFilter(), exhaustive: Bool = false,
        limits: QueryLimits = QueryLimits(), literal: Bool = false
    ) {
        self.restoreAccents = restoreAccents
        self.literal = literal
        self.filter = filter
        self.exhaustive = exhaustive
        self.limits = limits
        self.limit = limit
        self.offset = offset
        self.exact = exact
        self.highlightStart = highlightStart
        self.highlightEnd = highlightEnd
        self.snippetWords = snippetWords
    }

    /// Rows a search ranks to fill the page: `offset + limit`, negative values taken as 0, and
    /// saturating (an offset near `Int.max` asks for a page past every result, not an overflow).
    var rowsWanted: Int {
        let (sum, overflow) = max(offset, 0).addingReportingOverflow(max(limit, 0))
        return overflow ? Int.max : sum
    }
}
