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

    public init(
        limit: Int = 10, offset: Int = 0, exact: Bool = false, highlightStart: String = "[", highlightEnd: String = "]",
        snippetWords: Int = 24
    ) {
        self.limit = limit
        self.offset = offset
        self.exact = exact
        self.highlightStart = highlightStart
        self.highlightEnd = highlightEnd
        self.snippetWords = snippetWords
    }
}
