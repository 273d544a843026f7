/// One matching document.
public struct SearchResult: Sendable, Hashable {
    public var path: String
    public var title: String
    /// Higher is better (BM25 with title weighting and exact-accent and phrase boosts).
    public var score: Double
    /// A passage of the original text with matches between the highlight markers.
    public var snippet: String
    /// The document contains every query word (false for the partial matches that follow).
    public var matchesAllWords: Bool

    public init(path: String, title: String, score: Double, snippet: String, matchesAllWords: Bool) {
        self.path = path
        self.title = title
        self.score = score
        self.snippet = snippet
        self.matchesAllWords = matchesAllWords
    }
}
