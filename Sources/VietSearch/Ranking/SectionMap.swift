import VietSearchSQLite

/// Which rows of an index belong to files stored in several sections (`IndexSchema`), and the
/// file each belongs to, held in memory like the row lengths (`DocumentLengths`), so that a
/// search groups rows by file without a lookup per matching row: a file is found, counted and
/// named once, with the score and snippet of its best section.
///
/// Empty for an index without large files: searches then skip grouping altogether.
package final class SectionMap {
    /// Per row of a sectioned file (its own row included), the file's row id.
    private(set) var files: [Int64: Int64] = [:]
    /// Rows that are sections after a file's first: how many rows a page of files may need
    /// beyond its length at most.
    private(set) var extraRows = 0
    private var dataVersion: Int64?

    package init() {}

    var isEmpty: Bool { files.isEmpty }

    /// The file row `row` belongs to (itself unless it is a later section).
    @inline(__always)
    func file(of row: Int64) -> Int64 { files.isEmpty ? row : files[row] ?? row }

    /// Whether `row` belongs to a sectioned file.
    @inline(__always)
    func isSectioned(_ row: Int64) -> Bool { !files.isEmpty && files[row] != nil }

    /// Forgets the map; after writes through the connection that reads it.
    func invalidate() {
        files = [:]
        extraRows = 0
        dataVersion = nil
    }

    /// Loads the map unless loaded and no other connection has committed since.
    func refresh(from connection: SQLiteConnection) throws(SQLiteError) {
        let version = try connection.scalarInt("PRAGMA data_version")
        guard dataVersion == nil || version != dataVersion else { return }
        invalidate()
        if try IndexSchema.hasSectionColumn(connection) {
            let statement = try connection.prepare("SELECT id, file FROM documents WHERE file IS NOT NULL")
            while try statement.step() {
                let file = statement.int64(at: 1)
                files[statement.int64(at: 0)] = file
                files[file] = file
                extraRows += 1
            }
        }
        dataVersion = version
    }

    /// Rows best first, one per file: each file's best row (ties by rowid, as ranked).
    func bestRowPerFile(_ rows: [(id: Int64, score: Double)]) -> [(id: Int64, score: Double)] {
        guard !files.isEmpty else { return rows }
        var seen = Set<Int64>()
        return rows.filter { seen.insert(file(of: $0.id)).inserted }
    }
}
