/// What `vietsearch_rank` shares with the owner of its connection across queries: the row
/// lengths it reads, and how many rows it has scored. A statement that ranks every match
/// (`ORDER BY vietsearch_rank(…) LIMIT n`) calls the function once per row, so the count after
/// it is the number of matches, and no second walk of the doclists is needed to report a total.
public final class RankingSession {
    public let lengths: DocumentLengths
    /// Calls of the function since the last `resetCount()`.
    public internal(set) var rowsScored = 0

    public init(lengths: DocumentLengths = DocumentLengths()) {
        self.lengths = lengths
    }

    public func resetCount() { rowsScored = 0 }
}
