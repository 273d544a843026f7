/// An abbreviation an index's documents define, and in how many documents.
public struct LearnedAbbreviation: Sendable, Hashable {
    /// As the documents write it (the most common spelling).
    public var abbreviation: String
    /// Its syllables' accent keys: `tổ chức cơ sở đảng`.
    public var expansion: String
    public var documents: Int

    public init(abbreviation: String, expansion: String, documents: Int) {
        self.abbreviation = abbreviation
        self.expansion = expansion
        self.documents = documents
    }
}
