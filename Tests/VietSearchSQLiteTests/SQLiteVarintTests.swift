import Foundation
import Testing
import VietSearchSQLite

/// `SQLiteVarint` against the format's definition and against the varints SQLite itself writes.
@Suite struct SQLiteVarintTests {
    @Test(arguments: [
        ([0x00], 0),
        ([0x7F], 127),
        ([0x81, 0x00], 128),
        ([0xFF, 0x7F], 16383),
        ([0x81, 0x80, 0x00], 16384),
        ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], (1 << 56) - 1),  // the most eight bytes hold
        // Nine bytes: the ninth carries 8 bits.
        ([0x80, 0xC0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], 1 << 56),
        ([0x80, 0xC0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x03], (1 << 56) + 3),
        ([0xBF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], Int64.max),
        ([0xC0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], Int64.min),
        ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], -1),
        ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE], -2),
    ] as [([UInt8], Int64)])
    func decodes(bytes: [UInt8], value: Int64) {
        // After two bytes of something else, followed by a byte of the next value.
        var offset = 2
        let decoded = SQLiteVarint.read([0x55, 0x55] + bytes + [0x01], at: &offset)
        #expect(decoded.map { Int64(bitPattern: $0) } == value)
        #expect(offset == 2 + bytes.count)
        // Cut short, it is not a value.
        for length in 0..<bytes.count {
            var start = 0
            #expect(SQLiteVarint.read(Array(bytes.prefix(length)), at: &start) == nil)
            #expect(start == 0)
        }
    }

    /// Rowids as SQLite writes them in a table's b-tree cells (payload size, then the rowid; see
    /// "Database File Format", B-tree Pages), read back from the file: one- to nine-byte varints,
    /// negative rowids among them.
    @Test func readsTheRowidsSQLiteWrites() throws {
        var rowids: Set<Int64> = [0, 1, -1, 127, 128, 16383, 16384, (1 << 56) - 1, 1 << 56, Int64.max, Int64.min, -2]
        var random = SystemRandomNumberGenerator()
        while rowids.count < 300 {
            // Every length: a random 64-bit value shifted right (keeping its sign) by 0 to 62 bits.
            rowids.insert(Int64.random(in: .min ... .max, using: &random) >> Int64.random(in: 0...62, using: &random))
        }
        try TemporaryDirectory.with { folder in
            let path = folder + "/rowids.db"
            do {
                let db = try SQLiteConnection(path: path)
                try db.execute("PRAGMA page_size = 4096; CREATE TABLE t(x)")
                let insert = try db.prepare("INSERT INTO t(rowid, x) VALUES (?1, 7)")
                try db.transaction {
                    for rowid in rowids {
                        insert.reset()
                        try insert.bind([.integer(rowid)])
                        _ = try insert.step()
                    }
                }
            }  // closed: every page is in the file
            let file = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            var found: [Int64] = []
            // Page 1 is the schema's; the table's leaf pages (type 13) follow.
            for page in stride(from: 4096, to: file.count, by: 4096) where file[page] == 13 {
                let cells = Int(file[page + 3]) << 8 | Int(file[page + 4])
                for cell in 0..<cells {
                    let pointer = page + 8 + 2 * cell
                    var offset = page + (Int(file[pointer]) << 8 | Int(file[pointer + 1]))
                    #expect(SQLiteVarint.read(file, at: &offset) == 3)  // the record's size
                    if let rowid = SQLiteVarint.read(file, at: &offset) { found.append(Int64(bitPattern: rowid)) }
                    // The record right after: its header's size, the serial type of a 1-byte integer, 7.
                    #expect(Array(file[offset..<offset + 3]) == [2, 1, 7])
                }
            }
            #expect(found.count == rowids.count)
            #expect(Set(found) == rowids)
        }
    }
}
