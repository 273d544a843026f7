import Testing
import VietSearchSQLite

/// Binding, stepping and reading columns.
@Suite struct SQLiteStatementTests {
    func makeTable() throws -> SQLiteConnection {
        let db = try SQLiteConnection(path: ":memory:")
        try db.execute("CREATE TABLE v(i INTEGER, big INTEGER, r REAL, s TEXT, b BLOB, n ANY)")
        return db
    }

    @Test func everyTypeRoundTrips() throws {
        let db = try makeTable()
        let text = "Xây dựng Đảng 🇻🇳 nul:\u{0}:end"
        let blob: [UInt8] = [0, 1, 0xFF, 0xC3]
        let insert = try db.prepare("INSERT INTO v VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        try insert.bind(-7, at: 1)
        try insert.bind(Int64.max, at: 2)
        try insert.bind(3.25, at: 3)
        try insert.bind(text, at: 4)
        try insert.bind(blob: blob, at: 5)
        try insert.bindNull(at: 6)
        #expect(try insert.step() == false)

        let select = try db.prepare("SELECT i, big, r, s, b, n, length(CAST(s AS BLOB)) FROM v")
        #expect(select.columnCount == 7)
        #expect(try select.step())
        #expect(select.int(at: 0) == -7)
        #expect(select.int64(at: 1) == Int64.max)
        #expect(select.double(at: 2) == 3.25)
        #expect(select.text(at: 3) == text)  // the NUL does not cut the text short
        #expect(select.blob(at: 4) == blob)
        #expect(select.isNull(at: 5))
        #expect(!select.isNull(at: 3))
        #expect(select.int(at: 6) == text.utf8.count)
        #expect(try select.step() == false)
    }

    @Test func emptyTextAndBlobAreNotNull() throws {
        let db = try makeTable()
        let insert = try db.prepare("INSERT INTO v(s, b, n) VALUES (?1, ?2, ?3)")
        try insert.bind("", at: 1)
        try insert.bind(blob: [], at: 2)
        try insert.bind(utf8: [], at: 3)
        try insert.step()
        let select = try db.prepare("SELECT s, b, n, typeof(s), typeof(b), typeof(n) FROM v")
        #expect(try select.step())
        #expect(!select.isNull(at: 0) && !select.isNull(at: 1) && !select.isNull(at: 2))
        #expect(select.text(at: 0) == "")
        #expect(select.blob(at: 1) == [])
        #expect([3, 4, 5].map { select.text(at: $0) } == ["text", "blob", "text"])
    }

    @Test func bindsUTF8BytesAsText() throws {
        let db = try SQLiteConnection(path: ":memory:")
        let statement = try db.prepare("SELECT ?1, typeof(?1)")
        try statement.bind(utf8: Array("hoà bình".utf8), at: 1)
        #expect(try statement.step())
        #expect(statement.text(at: 0) == "hoà bình")
        #expect(statement.text(at: 1) == "text")
    }

    @Test func bindsAnArrayOfValuesInOrder() throws {
        let db = try SQLiteConnection(path: ":memory:")
        let statement = try db.prepare("SELECT typeof(?1), typeof(?2), typeof(?3), typeof(?4), typeof(?5), ?3")
        try statement.bind([.integer(1), .real(1.5), .text("chữ"), .blob([1]), .null])
        #expect(try statement.step())
        #expect((0..<5).map { statement.text(at: $0) } == ["integer", "real", "text", "blob", "null"])
        #expect(statement.text(at: 5) == "chữ")
    }

    @Test func resetRerunsAndClearsBindings() throws {
        let db = try makeTable()
        let insert = try db.prepare("INSERT INTO v(i, s) VALUES (?1, ?2)")
        for (number, word) in [(1, "một"), (2, "hai"), (3, "ba")] {
            insert.reset()
            try insert.bind(number, at: 1)
            try insert.bind(word, at: 2)
            try insert.step()
        }
        insert.reset()
        try insert.step()  // nothing bound after reset: both NULL
        let select = try db.prepare("SELECT i, s FROM v ORDER BY rowid")
        var rows: [String] = []
        while try select.step() {
            rows.append(select.isNull(at: 0) ? "NULL" : "\(select.int(at: 0)) \(select.text(at: 1))")
        }
        #expect(rows == ["1 một", "2 hai", "3 ba", "NULL"])
        select.reset()
        #expect(try select.step())
        #expect(select.int(at: 0) == 1)
    }

    @Test func bindingPastTheLastParameterFails() throws {
        let db = try SQLiteConnection(path: ":memory:")
        let statement = try db.prepare("SELECT ?1")
        let error = #expect(throws: SQLiteError.self) { try statement.bind(1, at: 2) }
        #expect(error?.resultCode == SQLiteResultCode.range)
    }

    @Test func stepReportsConstraintViolations() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.execute("CREATE TABLE u(word TEXT UNIQUE); INSERT INTO u VALUES ('đảng')")
        let insert = try db.prepare("INSERT INTO u VALUES (?1)")
        try insert.bind("đảng", at: 1)
        let error = #expect(throws: SQLiteError.self) { try insert.step() }
        #expect(error?.resultCode == SQLiteResultCode.constraint)
        #expect(error?.extendedCode == SQLiteResultCode.constraintUnique)
        #expect(error?.message.contains("UNIQUE constraint failed: u.word") == true)
    }

    @Test func aStatementKeepsItsConnectionOpen() throws {
        func orphan() throws -> SQLiteStatement {
            let db = try SQLiteConnection(path: ":memory:")
            try db.execute("CREATE TABLE t(x); INSERT INTO t VALUES ('còn sống')")
            return try db.prepare("SELECT x FROM t")
        }
        let statement = try orphan()
        #expect(try statement.step())
        #expect(statement.text(at: 0) == "còn sống")
    }
}
