import VietSearchSQLite

/// What `vietsearch_rank` shares with the owner of its connection across queries: the row
/// lengths it reads, and how many rows it has scored. A statement that ranks every match
/// (`ORDER BY vietsearch_rank(…) LIMIT n`) calls the function once per row, so the count after
/// it is the number of matches, and no second walk of the doclists is needed to report a total.
///
/// Rows of a file stored in sections (`SectionMap`) count as one: the count is of files.
package final class RankingSession {
    package let lengths: DocumentLengths
    package let sections: SectionMap
    /// Calls of the function since the last `resetCount()`.
    package internal(set) var rowsScored = 0
    /// Of those, rows of sectioned files, and the files they belong to.
    private var sectionRowsScored = 0
    private var sectionedFiles = Set<Int64>()

    package init(lengths: DocumentLengths = DocumentLengths(), sections: SectionMap = SectionMap()) {
        self.lengths = lengths
        self.sections = sections
    }

    /// Files scored since the last `resetCount()`.
    package var filesScored: Int { rowsScored - sectionRowsScored + sectionedFiles.count }

    package func resetCount() {
        rowsScored = 0
        sectionRowsScored = 0
        sectionedFiles.removeAll(keepingCapacity: true)
    }

    /// Counts a scored row.
    @inline(__always)
    func count(row: Int64) {
        rowsScored += 1
        if sections.isSectioned(row) {
            sectionRowsScored += 1
            sectionedFiles.insert(sections.file(of: row))
        }
    }
}
