import CSQLite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure reported by SQLite, or by this wrapper around it.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The primary result code (`SQLITE_BUSY`, `SQLITE_CORRUPT`…).
    public let resultCode: Int32
    /// The extended result code, when SQLite gave one.
    public let extendedCode: Int32
    /// SQLite's own message; for failures to open or read a file, followed by the operating
    /// system's reason ("unable to open database file: Is a directory").
    public let message: String
    /// What was being done, in words (not the SQL text).
    public let context: String

    /// An error with SQLite's codes; `resultCode` may be an extended code, whose low byte is kept
    /// as the primary code.
    public init(resultCode: Int32, extendedCode: Int32? = nil, message: String, context: String = "") {
        self.resultCode = resultCode & 0xFF
        self.extendedCode = extendedCode ?? resultCode
        self.message = message
        self.context = context
    }

    /// The error of the last call on `db`.
    init(database db: OpaquePointer?, resultCode: Int32, context: String) {
        var message = db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(resultCode))
        let extended = db.map { sqlite3_extended_errcode($0) } ?? resultCode
        // SQLite says only "unable to open database file" or "disk I/O error"; errno says why
        // (a directory, a missing folder, no permission). Only read for those codes, since
        // sqlite3_system_errno keeps the last OS error of the connection, however old.
        let primary = resultCode & 0xFF
        if primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR, let db {
            let code = sqlite3_system_errno(db)
            if code != 0, let reason = strerror(code) { message += ": " + String(cString: reason) }
        }
        self.init(resultCode: resultCode, extendedCode: extended, message: message, context: context)
    }

    /// Another connection holds a lock that this one needed: worth retrying.
    public var isBusy: Bool { resultCode == SQLITE_BUSY || resultCode == SQLITE_LOCKED }
    /// The file is not an SQLite database, or is damaged.
    public var isNotADatabase: Bool { resultCode == SQLITE_NOTADB || resultCode == SQLITE_CORRUPT }

    /// What was being done, SQLite's message, and a hint about what to do.
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
