import Testing
import VietSearchSQLite

/// What users read when SQLite fails.
@Suite struct SQLiteErrorTests {
    @Test func badSQLIsATypedErrorWithSQLitesMessage() throws {
        let db = try SQLiteConnection(path: ":memory:")
        let prepareError = #expect(throws: SQLiteError.self) { try db.prepare("SELEC 1") }
        #expect(prepareError?.resultCode == SQLiteResultCode.error)
        #expect(prepareError?.message == "near \"SELEC\": syntax error")
        #expect(prepareError?.description.contains("near \"SELEC\": syntax error") == true)

        let executeError = #expect(throws: SQLiteError.self) { try db.execute("SELECT * FROM nowhere") }
        #expect(executeError?.resultCode == SQLiteResultCode.error)
        #expect(executeError?.message == "no such table: nowhere")
    }

    @Test func theExtendedCodeKeepsTheDetailAndTheResultCodeThePrimary() {
        let error = SQLiteError(resultCode: SQLiteResultCode.constraintUnique, message: "UNIQUE constraint failed")
        #expect(error.resultCode == SQLiteResultCode.constraint)
        #expect(error.extendedCode == SQLiteResultCode.constraintUnique)
    }

    @Test(arguments: [
        (SQLiteResultCode.busy, "in use by another process"),
        (SQLiteResultCode.notADatabase, "not a usable SQLite database"),
        (SQLiteResultCode.cantOpen, "check that the path exists"),
        (SQLiteResultCode.readOnly, "read-only"),
        (SQLiteResultCode.error, "SQLite error 1"),
    ])
    func descriptionsSayWhatHappenedAndWhatToDo(code: Int32, hint: String) {
        let error = SQLiteError(resultCode: code, message: "the message", context: "opening notes.db")
        #expect(error.description.hasPrefix("opening notes.db: the message ("), "\(error)")
        #expect(error.description.contains(hint), "\(error)")
        // Nothing a user cannot act on: no pointers, no Swift type dumps.
        for noise in ["0x", "Optional", "Unsafe", "OpaquePointer"] {
            #expect(!error.description.contains(noise), "\(error)")
        }
    }

    @Test func classifiesBusyAndNotADatabase() {
        #expect(SQLiteError(resultCode: SQLiteResultCode.busy, message: "").isBusy)
        #expect(SQLiteError(resultCode: SQLiteResultCode.notADatabase, message: "").isNotADatabase)
        #expect(!SQLiteError(resultCode: SQLiteResultCode.error, message: "").isBusy)
    }
}
