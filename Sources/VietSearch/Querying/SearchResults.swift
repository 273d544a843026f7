/// The answer to a search.
public struct SearchResults: Sendable, Hashable {
    public var query: String
    /// Documents found: for a keyword query (up to four words), those with every word when there
    /// are any; otherwise those with at least one of the query's distinctive words (not only
    /// common or question words). Estimated when counting them would cost more than the search
    /// (`totalIsEstimate`).
    public var total: Int
    /// `total` is estimated from the index's term statistics (as if words occurred independently),
    /// not counted: many documents match.
    public var totalIsEstimate: Bool
    /// The requested page, best first. Keyword queries list documents with every word first.
    public var results: [SearchResult]
    /// The query as searched when it differs from the one typed, in the query syntax: a
    /// question typed without accents with its likely accents restored (see
    /// `SearchOptions.restoreAccents`), words typed in Telex or VNI decoded, typos corrected,
    /// abbreviations expanded (`UBND OR "ủy ban nhân dân"`). Nil when searched as typed.
    public var searchedAs: String?
    /// Each change, word by word (`SearchOptions.literal` turns them all off).
    public var rewrites: [QueryRewrite]

    public init(
        query: String, total: Int, results: [SearchResult], searchedAs: String? = nil, totalIsEstimate: Bool = false,
        rewrites: [QueryRewrite] = []
    ) {
        self.query = query
        self.total = total
        self.results = results
        self.searchedAs = searchedAs
        self.totalIsEstimate = totalIsEstimate
        self.rewrites = rewrites
    }
}
