import VietSearchSQLite

/// Reads an FTS5 table's index records straight from its shadow tables, `%_data` (structure,
/// averages, leaf pages, doclist indexes) and `%_idx` (the first term of each leaf), as FTS5's
/// own `fts5_index.c` does, so that postings can be walked and skipped without a MATCH.
///
/// The format is FTS5's on-disk format version 4 (`%_config` `version`), read as SQLite 3.40
/// writes it; `layout()` refuses anything else (a newer structure record, another version), and
/// callers then search through FTS5 itself. All reads must happen in one read transaction, so
/// that the structure and the pages are those of one snapshot.
final class FTS5Records {
    /// How a record's id in `%_data` is made (`fts5_dri` in fts5_index.c): segment id, then a
    /// doclist-index flag, a b-tree height, and a page number.
    static func leafID(segment: Int, page: Int) -> Int64 { Int64(segment) << 37 + Int64(page) }
    static func doclistIndexID(segment: Int, height: Int, page: Int) -> Int64 {
        Int64(segment) << 37 + 1 << 36 + Int64(height) << 31 + Int64(page)
    }

    /// The one on-disk version this reader knows (`FTS5_CURRENT_VERSION` of SQLite 3.40).
    static let formatVersion = 4
    /// FTS5's prefix of the main index's terms (`FTS5_MAIN_PREFIX`).
    static let mainIndexPrefix: UInt8 = 0x30

    enum Failure: Error, Equatable {
        /// The table's index is in a format this reader does not know.
        case unsupported(String)
        /// A record contradicts the format.
        case corrupt(String)
    }

    let connection: SQLiteConnection
    let table: String
    /// `%_data`'s records are read through one blob handle, as FTS5 reads them: one copy, and
    /// the next leaf of a segment (the next rowid) one step from the last. Open from the first
    /// read to `close()`.
    private var dataBlob: SQLiteBlob?
    private let termPageStatement: SQLiteStatement
    private let nextTermPageStatement: SQLiteStatement
    /// Records read since creation (for measurements).
    private(set) var recordsRead = 0

    init(connection: SQLiteConnection, table: String) throws {
        self.connection = connection
        self.table = table
        let idx = Self.quoted(table + "_idx")
        termPageStatement = try connection.prepare("SELECT pgno FROM \(idx) WHERE segid = ?1 AND term <= ?2 ORDER BY term DESC LIMIT 1")
        nextTermPageStatement = try connection.prepare("SELECT pgno FROM \(idx) WHERE segid = ?1 AND term > ?2 ORDER BY term LIMIT 1")
    }

    static func quoted(_ name: String) -> String { "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" }

    /// Reads record `id` into `page`; false when there is no such record.
    func read(_ id: Int64, into page: FTS5Page, number: Int) throws -> Bool {
        recordsRead += 1
        let blob: SQLiteBlob
        if let open = dataBlob {
            guard try open.move(to: id) else {
                dataBlob = nil  // SQLite finishes a handle that found no row
                return false
            }
            blob = open
        } else {
            guard let opened = try SQLiteBlob.ifPresent(connection: connection, table: table + "_data", column: "block", rowid: id) else {
                return false
            }
            dataBlob = opened
            blob = opened
        }
        try page.load(count: blob.count, number: number) { try blob.readAll(into: $0) }
        return true
    }

    /// Releases the blob handle, which is an active statement: it would hold the read
    /// transaction open past its `COMMIT` (and the snapshot with it). Call before the transaction
    /// the reads belong to ends; a later read opens a new handle.
    func close() {
        dataBlob = nil
    }

    /// Reads leaf `number` of `segment`, checking its header.
    func readLeaf(segment: FTS5Segment, number: Int, into page: FTS5Page) throws {
        guard number >= segment.firstLeaf, number <= segment.lastLeaf,
            try read(Self.leafID(segment: segment.id, page: number), into: page, number: number), page.isValidLeaf
        else { throw Failure.corrupt("leaf \(number) of segment \(segment.id)") }
    }

    /// The leaf of `segment` where `term` is, if anywhere (FTS5's `fts5SegIterSeekInit`): the
    /// last page whose first term is not after it.
    func leaf(of segment: FTS5Segment, holding term: [UInt8]) throws -> Int {
        termPageStatement.reset()
        try termPageStatement.bind([.integer(Int64(segment.id)), .blob(term)])
        var page = segment.firstLeaf
        if try termPageStatement.step() { page = Int(termPageStatement.int64(at: 0) >> 1) }
        return max(page, segment.firstLeaf)
    }

    /// The next leaf of `segment` with a term after `term` (nil: none).
    func leaf(of segment: FTS5Segment, after term: [UInt8]) throws -> Int? {
        nextTermPageStatement.reset()
        try nextTermPageStatement.bind([.integer(Int64(segment.id)), .blob(term)])
        guard try nextTermPageStatement.step() else { return nil }
        let page = Int(nextTermPageStatement.int64(at: 0) >> 1)
        return page <= segment.lastLeaf ? max(page, segment.firstLeaf) : nil
    }

    /// The index's segments and totals, or a failure saying why it cannot be read here.
    func layout() throws -> FTS5Layout {
        let version = try connection.scalarInt("SELECT v FROM \(Self.quoted(table + "_config")) WHERE k = 'version'")
        guard version.map(Int.init) == Self.formatVersion else {
            throw Failure.unsupported("FTS5 format version \(version.map(String.init) ?? "unknown")")
        }
        let page = FTS5Page()
        guard try read(10, into: page, number: 10) else { throw Failure.corrupt("no structure record") }
        let segments = try FTS5Layout.segments(fromStructure: UnsafeBufferPointer(start: page.bytes, count: page.count))
        var rows: Int64 = 0
        var tokens: [Int64] = []
        if try read(1, into: page, number: 1) {
            var offset = 0
            rows = Int64(bitPattern: page.varint(&offset))
            while offset < page.count { tokens.append(Int64(bitPattern: page.varint(&offset))) }
        }
        return FTS5Layout(segments: segments, rowCount: rows, columnTokens: tokens)
    }
}

/// One segment of an FTS5 index: its id and leaf pages.
struct FTS5Segment: Hashable {
    var id: Int
    var firstLeaf: Int
    var lastLeaf: Int
}

/// What the structure and averages records say: the segments to read, and the totals BM25 needs.
struct FTS5Layout {
    /// Newest first: when segments hold the same row for a term, the first one's entry is the
    /// row's (FTS5 merges them in this order: level 0 newest to oldest, then level 1…).
    var segments: [FTS5Segment]
    /// Rows in the table (`xRowCount`).
    var rowCount: Int64
    /// Tokens per column over all rows (`xColumnTotalSize`).
    var columnTokens: [Int64]

    /// Parses a structure record (`fts5StructureDecode`): a 4-byte cookie, then varints: levels,
    /// segments, a write counter; per level, the segments in a merge, the segments, and for each
    /// from oldest to newest its id, first and last leaf.
    static func segments(fromStructure record: UnsafeBufferPointer<UInt8>) throws -> [FTS5Segment] {
        guard record.count >= 4, let base = record.baseAddress else { throw FTS5Records.Failure.corrupt("structure record") }
        // Later versions mark a second structure format (contentless_delete) with FF 00 00 01.
        if record.count >= 8, record[4] == 0xff, record[5] == 0, record[6] == 0, record[7] == 1 {
            throw FTS5Records.Failure.unsupported("structure record version 2")
        }
        var offset = 4
        func next() throws -> Int {
            // The record is followed by zero padding only when read into a page; check here.
            guard offset < record.count else { throw FTS5Records.Failure.corrupt("structure record") }
            var value: UInt64 = 0
            for index in 0..<9 {
                guard offset < record.count else { throw FTS5Records.Failure.corrupt("structure record") }
                let byte = base[offset]
                offset += 1
                if index == 8 { value = value << 8 | UInt64(byte); break }
                value = value << 7 | UInt64(byte & 0x7f)
                if byte < 0x80 { break }
            }
            guard value <= UInt64(Int32.max) else { throw FTS5Records.Failure.corrupt("structure record") }
            return Int(value)
        }
        let levels = try next()
        let total = try next()
        _ = try next()  // write counter
        var byLevel: [[FTS5Segment]] = []
        for _ in 0..<levels {
            let merging = try next()
            let count = try next()
            guard merging <= count else { throw FTS5Records.Failure.corrupt("structure record") }
            var level: [FTS5Segment] = []
            for _ in 0..<count {
                let segment = FTS5Segment(id: try next(), firstLeaf: try next(), lastLeaf: try next())
                guard segment.lastLeaf >= segment.firstLeaf else { throw FTS5Records.Failure.corrupt("structure record") }
                level.append(segment)
            }
            byLevel.append(level)
        }
        guard byLevel.reduce(0, { $0 + $1.count }) == total else { throw FTS5Records.Failure.corrupt("structure record") }
        // A segment whose pages an incremental merge has all moved on has first leaf 0.
        return byLevel.flatMap { $0.reversed() }.filter { $0.firstLeaf > 0 }
    }
}
