/// The answer to a search.
public struct SearchResults: Sendable, Hashable {
    public var query: String
    /// Documents containing every query word; when none does, documents containing any.
    public var total: Int
    /// The requested page: documents with every word first, then (for several words) the best
    /// partial matches.
    public var results: [SearchResult]

    public init(query: String, total: Int, results: [SearchResult]) {
        self.query = query
        self.total = total
        self.results = results
    }
}
