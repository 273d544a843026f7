import Testing
import VietSearchSQLite

/// A statement's handle goes back to its connection when the statement is gone, and the next
/// statement of the same text takes it: each must behave as if newly prepared.
@Suite struct StatementCacheTests {
    /// Dropped with rows left, a statement holds no read transaction: the next one of its text
    /// reads from the start and sees what another connection committed meanwhile.
    @Test func aStatementDroppedPartWayLeavesNoSnapshot() throws {
        try TemporaryDirectory.with { folder in
            let path = folder + "/cache.db"
            let writer = try SQLiteConnection(path: path)
            try writer.execute("PRAGMA journal_mode=WAL; CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2)")
            let reader = try SQLiteConnection(path: path, mode: .readOnly)
            let sql = "SELECT x FROM t ORDER BY x"
            do {
                let first = try reader.prepare(sql)
                #expect(try first.step())
                #expect(first.int(at: 0) == 1)
            }
            try writer.execute("INSERT INTO t VALUES (3)")
            let again = try reader.prepare(sql)
            var seen: [Int] = []
            while try again.step() { seen.append(again.int(at: 0)) }
            #expect(seen == [1, 2, 3])
        }
    }

    @Test func valuesBoundBeforeDoNotCarryOver() throws {
        let db = try SQLiteConnection(path: ":memory:")
        let sql = "SELECT ?1 IS NULL"
        do {
            let first = try db.prepare(sql)
            try first.bind(5, at: 1)
            #expect(try first.step())
            #expect(first.int(at: 0) == 0)
        }
        let again = try db.prepare(sql)
        #expect(try again.step())
        #expect(again.int(at: 0) == 1)
    }

    /// More statements of one text at once than the cache keeps of it, three times over (the
    /// later rounds take kept ones): each reads with its own values.
    @Test func statementsOfOneTextHeldAtOnceAreIndependent() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2), (3)")
        let sql = "SELECT x FROM t WHERE x >= ?1 ORDER BY x"
        for _ in 0..<3 {
            let statements = try (0..<6).map { _ in try db.prepare(sql) }
            for (index, statement) in statements.enumerated() { try statement.bind(index % 3 + 1, at: 1) }
            for (index, statement) in statements.enumerated() {
                #expect(try statement.step())
                #expect(statement.int(at: 0) == index % 3 + 1)
            }
        }
    }

    /// A kept statement whose table was made again reads the new table.
    @Test func aKeptStatementFollowsTheSchema() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1)")
        let sql = "SELECT * FROM t"
        do {
            let first = try db.prepare(sql)
            #expect(try first.step())
        }
        try db.execute("DROP TABLE t; CREATE TABLE t(x INTEGER, y TEXT); INSERT INTO t VALUES (2, 'hai')")
        let again = try db.prepare(sql)
        #expect(try again.step())
        #expect(again.columnCount == 2)
        #expect(again.int(at: 0) == 2)
        #expect(again.text(at: 1) == "hai")
    }
}
