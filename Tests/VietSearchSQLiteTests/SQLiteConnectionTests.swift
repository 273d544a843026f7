import Foundation
import Testing
import VietSearchSQLite

/// Opening, closing, executing and transactions, on real files in a temporary folder.
@Suite struct SQLiteConnectionTests {
    @Test func createsAFileThatAnotherConnectionReadsBack() throws {
        try TemporaryDirectory.with { folder in
            let path = folder + "/notes.db"
            do {
                let db = try SQLiteConnection(path: path)
                try db.execute("CREATE TABLE note(body TEXT); INSERT INTO note VALUES ('Xin chào')")
            }  // closed here
            #expect(FileManager.default.fileExists(atPath: path))
            let reader = try SQLiteConnection(path: path, mode: .readOnly)
            #expect(try reader.scalarText("SELECT body FROM note") == "Xin chào")
            #expect(reader.path == path)
        }
    }

    @Test func inMemoryDatabasesArePrivate() throws {
        let first = try SQLiteConnection(path: ":memory:")
        let second = try SQLiteConnection(path: ":memory:")
        try first.execute("CREATE TABLE t(x)")
        #expect(throws: SQLiteError.self) { try second.execute("SELECT * FROM t") }
    }

    @Test(arguments: [SQLiteConnection.Mode.readOnly, .readWrite])
    func doesNotCreateAMissingFileUnlessAsked(mode: SQLiteConnection.Mode) throws {
        try TemporaryDirectory.with { folder in
            let path = folder + "/missing.db"
            let error = #expect(throws: SQLiteError.self) { try SQLiteConnection(path: path, mode: mode) }
            #expect(error?.resultCode == SQLiteResultCode.cantOpen)
            #expect(error?.description.contains("No such file or directory") == true, "\(String(describing: error))")
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func readOnlyConnectionsRejectWrites() throws {
        try TemporaryDirectory.with { folder in
            let path = folder + "/data.db"
            try SQLiteConnection(path: path).execute("CREATE TABLE t(x)")
            let reader = try SQLiteConnection(path: path, mode: .readOnly)
            let error = #expect(throws: SQLiteError.self) { try reader.execute("INSERT INTO t VALUES (1)") }
            #expect(error?.resultCode == SQLiteResultCode.readOnly)
        }
    }

    @Test(arguments: [SQLiteConnection.Mode.readOnly, .readWrite, .readWriteCreate])
    func openingAFolderFailsAndSaysWhy(mode: SQLiteConnection.Mode) throws {
        try TemporaryDirectory.with { folder in
            let error = #expect(throws: SQLiteError.self) { try SQLiteConnection(path: folder, mode: mode) }
            // CANTOPEN when opened for writing; read-only, the open works and the first read fails.
            #expect([SQLiteResultCode.cantOpen, SQLiteResultCode.ioError].contains(error?.resultCode ?? 0))
            let description = error?.description ?? ""
            #expect(description.contains(folder), "\(description)")
            #expect(description.contains("Is a directory"), "\(description)")
        }
    }

    @Test(arguments: [SQLiteConnection.Mode.readOnly, .readWrite, .readWriteCreate])
    func openingAFileThatIsNotADatabaseFailsAtOnce(mode: SQLiteConnection.Mode) throws {
        try TemporaryDirectory.with { folder in
            let path = folder + "/notes.txt"
            let text = "Đây là một tệp văn bản, không phải cơ sở dữ liệu SQLite. Nó dài hơn một trăm byte cho chắc."
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: SQLiteError.self) { try SQLiteConnection(path: path, mode: mode) }
            #expect(error?.resultCode == SQLiteResultCode.notADatabase)
            #expect(error?.isNotADatabase == true)
            let description = error?.description ?? ""
            #expect(description.contains(path) && description.contains("not a database"), "\(description)")
            // The file is left as it was.
            #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        }
    }

    @Test func anEmptyFileIsANewDatabase() throws {
        try TemporaryDirectory.with { folder in
            let path = folder + "/empty.db"
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            let db = try SQLiteConnection(path: path, mode: .readWrite)
            try db.execute("CREATE TABLE t(x)")
        }
    }

    @Test func executeRunsSeveralStatementsAndReportsChanges() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.execute(
            """
            CREATE TABLE word(text TEXT);
            INSERT INTO word VALUES ('một'), ('hai'), ('ba');
            """)
        #expect(db.changes == 3)
        #expect(db.lastInsertRowID == 3)
        try db.execute("UPDATE word SET text = upper(text) WHERE rowid > 1")
        #expect(db.changes == 2)
        #expect(try db.scalarInt("SELECT count(*) FROM word") == 3)
    }

    @Test func transactionCommitsWhatTheBodyWrote() throws {
        try TemporaryDirectory.with { folder in
            let db = try SQLiteConnection(path: folder + "/t.db")
            try db.execute("CREATE TABLE t(x)")
            let id = try db.transaction {
                #expect(db.isInTransaction)
                try db.execute("INSERT INTO t VALUES (42)")
                return db.lastInsertRowID
            }
            #expect(id == 1)
            #expect(!db.isInTransaction)
            let other = try SQLiteConnection(path: folder + "/t.db")
            #expect(try other.scalarInt("SELECT x FROM t") == 42)
        }
    }

    struct Abandon: Error, Equatable {}

    @Test func transactionRollsBackWhenTheBodyThrows() throws {
        try TemporaryDirectory.with { folder in
            let db = try SQLiteConnection(path: folder + "/t.db")
            try db.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1)")
            // The body's own error comes out, unchanged.
            #expect(throws: Abandon()) {
                try db.transaction {
                    try db.execute("INSERT INTO t VALUES (2); DELETE FROM t WHERE x = 1")
                    throw Abandon()
                }
            }
            #expect(!db.isInTransaction)
            #expect(try db.scalarInt("SELECT group_concat(x) FROM t") == 1)
            // An SQLite failure inside the body rolls back too.
            #expect(throws: SQLiteError.self) {
                try db.transaction {
                    try db.execute("INSERT INTO t VALUES (3)")
                    try db.execute("INSERT INTO missing VALUES (4)")
                }
            }
            #expect(try db.scalarInt("SELECT count(*) FROM t") == 1)
        }
    }

    @Test func busyTimeoutWaitsForTheOtherWriterThenFails() throws {
        try TemporaryDirectory.with { folder in
            let path = folder + "/shared.db"
            let writer = try SQLiteConnection(path: path)
            try writer.execute("CREATE TABLE t(x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1)")
            let other = try SQLiteConnection(path: path)
            other.setBusyTimeout(milliseconds: 150)
            let clock = ContinuousClock()
            let start = clock.now
            let error = #expect(throws: SQLiteError.self) { try other.execute("BEGIN IMMEDIATE") }
            #expect(clock.now - start >= .milliseconds(100))
            #expect(error?.resultCode == SQLiteResultCode.busy)
            #expect(error?.isBusy == true)
            #expect(error?.description.contains("in use by another process") == true)
            try writer.execute("COMMIT")
            try other.execute("BEGIN IMMEDIATE; INSERT INTO t VALUES (2); COMMIT")
        }
    }

    @Test func releasingTheConnectionClosesIt() throws {
        try TemporaryDirectory.with { folder in
            let path = folder + "/locked.db"
            do {
                // Exclusive locking mode keeps the write lock until the connection closes.
                let holder = try SQLiteConnection(path: path)
                try holder.execute("PRAGMA locking_mode = EXCLUSIVE; CREATE TABLE t(x); INSERT INTO t VALUES (1)")
                let blocked = try SQLiteConnection(path: path)
                #expect(throws: SQLiteError.self) { try blocked.execute("INSERT INTO t VALUES (2)") }
            }
            let next = try SQLiteConnection(path: path)
            try next.execute("INSERT INTO t VALUES (2)")
            #expect(try next.scalarInt("SELECT count(*) FROM t") == 2)
        }
    }

    @Test func reportsTheLibraryVersion() {
        #expect(SQLiteConnection.libraryVersion.hasPrefix("3."))
    }
}
