import Foundation
import VietSearchSQLite

#if canImport(Glibc)
import Glibc
#endif

/// Where an index file may be, and how one is opened and created there.
///
/// - The path must be a regular file (or a link to one), or not exist: `/dev/null` or a folder
///   is refused with that reason (SQLite would write `/dev/null-journal`, or fail with a raw
///   message).
/// - A new index needs its folder to exist and be writable: folders are never made silently
///   (a mistyped `--db` path would otherwise build an index nobody finds).
/// - A new index appears whole: its schema is written into a file of its own beside it, which is
///   then linked into place, so a search started meanwhile finds either no index or a complete
///   one, never an empty database.
/// - An index that cannot be written, in a folder that cannot be either (read-only media, no
///   write permission), is opened `immutable`: SQLite's WAL mode otherwise needs to create its
///   `-shm` file beside it just to read.
enum IndexLocation {
    /// Whether `path` holds something (a regular file); throws when it is something else, or
    /// when a new index could not be created there (`creating`).
    static func check(_ path: String, creating: Bool) throws(VietSearchError) -> Bool {
        var info = stat()
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: return true
            case S_IFDIR: throw .unusablePath(path: path, reason: "it is a folder; an index is a file (such as \(path)/index.db)")
            default: throw .unusablePath(path: path, reason: "it is not a regular file")
            }
        }
        guard creating else { return false }
        let folder = (path as NSString).deletingLastPathComponent
        var folderInfo = stat()
        guard stat(folder.isEmpty ? "." : folder, &folderInfo) == 0, folderInfo.st_mode & S_IFMT == S_IFDIR else {
            throw .unusablePath(path: path, reason: "the folder \(folder) does not exist (create it first)")
        }
        guard access(folder.isEmpty ? "." : folder, W_OK) == 0 else {
            throw .unusablePath(path: path, reason: "cannot create a file in \(folder): \(String(cString: strerror(errno)))")
        }
        return false
    }

    /// Whether nothing can be written beside `path`: its folder is not writable, or is on a
    /// read-only file system.
    static func folderIsReadOnly(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        if access(directory, W_OK) != 0 { return true }
        var info = statvfs()
        return statvfs(directory, &info) == 0 && info.f_flag & UInt(ST_RDONLY) != 0
    }

    /// Creates a new index at `path` (which does not exist) whole: see the type's notes.
    /// `initialize` writes the schema on a fresh connection. A concurrent creator that wins
    /// the race leaves its index in place, and this one is discarded.
    static func create(at path: String, initialize: (SQLiteConnection) throws -> Void) throws(VietSearchError) {
        let temporary = "\(path).new-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary + suffix) } }
        do {
            // Closed at the end of the scope: the log is then checkpointed into the file.
            let connection = try SQLiteConnection(path: temporary, mode: .readWriteCreate)
            try initialize(connection)
        } catch let error as VietSearchError {
            throw error
        } catch let error as SQLiteError {
            throw .database(error)
        } catch {
            throw .database(SQLiteError(resultCode: 1, message: "\(error)"))
        }
        guard link(temporary, path) == 0 || errno == EEXIST || rename(temporary, path) == 0 else {
            throw .database(SQLiteError(resultCode: 14, message: "cannot create \(path): \(String(cString: strerror(errno)))"))
        }
    }
}
