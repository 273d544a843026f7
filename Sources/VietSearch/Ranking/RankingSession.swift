import VietSearchSQLite

/// What `vietsearch_rank` shares with the owner of its connection across queries: the row
/// lengths it reads, and how many rows it has scored. A statement that ranks every match
/// (`ORDER BY vietsearch_rank(…) LIMIT n`) calls the function once per row, so the count after
/// it is the number of matches, and no second walk of the doclists is needed to report a total.
package final class RankingSession {
    package let lengths: DocumentLengths
    /// Calls of the function since the last `resetCount()`.
    package internal(set) var rowsScored = 0

    package init(lengths: DocumentLengths = DocumentLengths()) {
        self.lengths = lengths
    }

    package func resetCount() { rowsScored = 0 }
}
