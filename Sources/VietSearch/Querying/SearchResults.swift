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
    /// The query as searched when it differs from the one typed: a question typed without
    /// accents, with its likely accents restored (see `SearchOptions.restoreAccents`).
    public var searchedAs: String?

    public init(query: String, total: Int, results: [SearchResult], searchedAs: String? = nil, totalIsEstimate: Bool = false) {
        self.query = query
        self.total = total
        self.results = results
        self.searchedAs = searchedAs
        self.totalIsEstimate = totalIsEstimate
    }
}
