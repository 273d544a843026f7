import CSQLite

/// A failure reported by SQLite, or by this wrapper around it.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The primary result code (`SQLITE_BUSY`, `SQLITE_CORRUPT`…).
    public let resultCode: Int32
    /// The extended result code, when SQLite gave one.
    public let extendedCode: Int32
    /// SQLite's own message.
    public let message: String
    /// What was being done, in words (not the SQL text).
    public let context: String

    public init(resultCode: Int32, extendedCode: Int32? = nil, message: String, context: String = "") {
        self.resultCode = resultCode & 0xFF
        self.extendedCode = extendedCode ?? resultCode
        self.message = message
        self.context = context
    }

    /// The error of the last call on `db`.
    init(database db: OpaquePointer?, resultCode: Int32, context: String) {
        let message = db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(resultCode))
        let extended = db.map { sqlite3_extended_errcode($0) } ?? resultCode
        self.init(resultCode: resultCode, extendedCode: extended, message: message, context: context)
    }

    public var isBusy: Bool { resultCode == SQLITE_BUSY || resultCode == SQLITE_LOCKED }
    public var isNotADatabase: Bool { resultCode == SQLITE_NOTADB || resultCode == SQLITE_CORRUPT }

    public var description: String {
        let base = context.isEmpty ? message : "\(context): \(message)"
        switch resultCode {
        case SQLITE_BUSY, SQLITE_LOCKED:
            return "\(base) (the database is in use by another process; try again when it has finished)"
        case SQLITE_NOTADB, SQLITE_CORRUPT:
            return "\(base) (the file is not a usable SQLite database)"
        case SQLITE_CANTOPEN:
            return "\(base) (check that the path exists and is readable/writable)"
        case SQLITE_READONLY:
            return "\(base) (the database or its folder is read-only)"
        case SQLITE_FULL:
            return "\(base) (the disk is full)"
        default:
            return "\(base) (SQLite error \(extendedCode))"
        }
    }
}
