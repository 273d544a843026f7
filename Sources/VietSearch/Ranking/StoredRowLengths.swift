import VietSearchSQLite

/// Every row's token count, stored in blocks of `blockRows` rowids (`row_lengths`, 32-bit
/// little-endian, -1 for a rowid without a row): a process's first search reads a few dozen
/// blobs instead of stepping through `documents_fts_docsize` row by row, which was a third of a
/// command-line search on the 1 GB index (docs/ENGINE.md, "`optimize`, and the process around a
/// search").
///
/// Kept as the stored pairs are: `optimize` and indexing runs write them (`rebuild`), library
/// writes keep them up (`update`, from `IndexWriter.finish`), merges keep them current
/// (`PairPostings.keepingCurrent`). They are read only while FTS5's structure and averages
/// records are the ones recorded with them, and only when they count the rows and tokens the
/// averages record says (`load`); otherwise `DocumentLengths` reads `documents_fts_docsize`.
enum StoredRowLengths {
    static let blockRows = 4096

    static func createTables(_ connection: SQLiteConnection) throws {
        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS row_lengths(first INTEGER PRIMARY KEY, lengths BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS row_lengths_state(structure BLOB, averages BLOB);
            """)
    }

    /// Stores `lengths` (by rowid, -1 for none: `DocumentLengths.load`'s reading of the table as
    /// it is now) as every row's length, and records the index as the one they describe.
    static func rebuild(_ connection: SQLiteConnection, lengths: [Int32]) throws {
        try createTables(connection)
        try connection.execute("DELETE FROM row_lengths; DELETE FROM row_lengths_state; INSERT INTO row_lengths_state VALUES (NULL, NULL)")
        let insert = try connection.prepare("INSERT INTO row_lengths(first, lengths) VALUES (?1, ?2)")
        for first in stride(from: 0, to: lengths.count, by: blockRows) {
            let block = lengths[first..<min(first + blockRows, lengths.count)]
            guard block.contains(where: { $0 >= 0 }) else { continue }
            insert.reset()
            try insert.bind([.integer(Int64(first)), .blob(encode(block))])
            try insert.step()
        }
        try recordState(connection)
    }

    /// Stores every row's length as `documents_fts_docsize` says, unless the stored ones are
    /// current; in one transaction.
    static func store(_ connection: SQLiteConnection) throws {
        try connection.transaction {
            guard try !areCurrent(connection) else { return }
            let lengths = DocumentLengths()
            try lengths.load(from: connection, table: "documents_fts")
            try rebuild(connection, lengths: lengths.lengths)
        }
    }

    /// Records the full-text index as it is now as the one the lengths describe.
    static func recordState(_ connection: SQLiteConnection) throws {
        try FTS5Snapshot.record(connection, in: "row_lengths_state")
    }

    /// Whether the lengths were kept up to the full-text index as it is now (`FTS5Snapshot`).
    static func areCurrent(_ connection: SQLiteConnection) throws -> Bool {
        try FTS5Snapshot.matches(connection, in: "row_lengths_state", keptWith: "row_lengths")
    }

    /// Reads the lengths of `rows` (written or removed by a transaction, once FTS5 has written
    /// its changes out) from `documents_fts_docsize` into their blocks, and records the index.
    static func update(_ connection: SQLiteConnection, rows: [Int64]) throws {
        let size = try connection.prepare("SELECT sz FROM documents_fts_docsize WHERE id = ?1")
        let read = try connection.prepare("SELECT lengths FROM row_lengths WHERE first = ?1")
        let write = try connection.prepare("INSERT OR REPLACE INTO row_lengths(first, lengths) VALUES (?1, ?2)")
        var byBlock: [Int64: [Int64]] = [:]
        for row in rows where row >= 0 { byBlock[row / Int64(blockRows) * Int64(blockRows), default: []].append(row) }
        for (first, rows) in byBlock {
            var lengths = try read.stepOnce(binding: first) ? read.withBlob(at: 0) { decode($0) } : []
            read.reset()
            for row in rows {
                let length = try size.stepOnce(binding: row) ? Int32(clamping: size.withBlob(at: 0) { DocumentLengths.sum(ofVarints: $0) }) : -1
                let slot = Int(row - first)
                if slot >= lengths.count { lengths += [Int32](repeating: -1, count: slot + 1 - lengths.count) }
                lengths[slot] = length
            }
            size.reset()
            write.reset()
            try write.bind([.integer(first), .blob(encode(lengths[...]))])
            try write.step()
        }
        try recordState(connection)
    }

    /// Every row's length by rowid (-1 for none; up to the highest rowid with a row), or nil when
    /// they are not stored, not current, or do not add up to `rows` rows of `tokens` tokens in
    /// all (FTS5's averages record).
    static func load(_ connection: SQLiteConnection, rows: Int64, tokens: Int64) throws -> [Int32]? {
        guard try areCurrent(connection) else { return nil }
        var lengths: [Int32] = []
        let statement = try connection.prepare("SELECT first, lengths FROM row_lengths ORDER BY first")
        defer { statement.reset() }
        while try statement.step() {
            let first = statement.int64(at: 0)
            // Rowids as sparse as `DocumentLengths` holds at most.
            guard first >= lengths.count, first % Int64(blockRows) == 0, first < 4 * rows + 1024 + Int64(blockRows) else { return nil }
            lengths += [Int32](repeating: -1, count: Int(first) - lengths.count)
            statement.withBlob(at: 1) { lengths += decode($0) }
        }
        var counted: Int64 = 0
        var total: Int64 = 0
        var highest = -1
        for (row, length) in lengths.enumerated() where length >= 0 {
            counted += 1
            total += Int64(length)
            highest = row
        }
        guard counted == rows && total == tokens else { return nil }
        // Held as `DocumentLengths` holds what it reads itself: not at all when far sparser than the rows.
        return highest >= 0 && Int64(highest) < 4 * rows + 1024 ? Array(lengths[...highest]) : []
    }

    static func encode(_ lengths: ArraySlice<Int32>) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: lengths.count * 4)
        for (index, length) in lengths.enumerated() {
            let bits = UInt32(bitPattern: length)
            bytes[index * 4] = UInt8(truncatingIfNeeded: bits)
            bytes[index * 4 + 1] = UInt8(truncatingIfNeeded: bits >> 8)
            bytes[index * 4 + 2] = UInt8(truncatingIfNeeded: bits >> 16)
            bytes[index * 4 + 3] = UInt8(truncatingIfNeeded: bits >> 24)
        }
        return bytes
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) -> [Int32] {
        let count = bytes.count / 4
        return [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count { buffer[index] = Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 4, as: Int32.self)) }
            initialized = count
        }
    }
}
