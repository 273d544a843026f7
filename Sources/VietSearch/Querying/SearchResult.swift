/// One matching document.
public struct SearchResult: Sendable, Hashable {
    public var path: String
    public var title: String
    /// Higher is better, and never higher than the result before: BM25 (with title weighting), plus
    /// 1,000 for the documents with every word (in the typed accent forms, when typed with accents).
    public var score: Double
    /// A passage of the original text with matches between the highlight markers.
    public var snippet: String
    /// The document contains every query word that is not very common (in more than half of the
    /// documents), in some accent form (in `exact` searches: the typed form).
    public var matchesAllWords: Bool
    /// The document's id in the index (`SearchIndex.document(id:)`).
    public var id: Int64
    /// The file type (its extension, lowercase).
    public var format: String
    /// When the file was last modified, in nanoseconds since 1970.
    public var modificationTime: Int64
    /// Where the query's words are in `title`, in Unicode scalars (code points).
    public var titleHighlights: [Range<Int>] = []

    public init(
        path: String, title: String, score: Double, snippet: String, matchesAllWords: Bool, id: Int64 = 0, format: String = "",
        modificationTime: Int64 = 0
    ) {
        self.id = id
        self.format = format
        self.modificationTime = modificationTime
        self.path = path
        self.title = title
        self.score = score
        self.snippet = snippet
        self.matchesAllWords = matchesAllWords
    }
}
