/// SQLite result codes from sqlite3.h, spelled out because the tests do not import CSQLite.
enum SQLiteResultCode {
    static let error: Int32 = 1
    static let busy: Int32 = 5
    static let readOnly: Int32 = 8
    static let ioError: Int32 = 10
    static let cantOpen: Int32 = 14
    static let constraint: Int32 = 19
    static let range: Int32 = 25
    static let notADatabase: Int32 = 26
    /// SQLITE_CONSTRAINT_UNIQUE = SQLITE_CONSTRAINT | (8 << 8).
    static let constraintUnique: Int32 = 2067
}
