import VietSearchSQLite

/// What can go wrong opening or using an index, each with a message that says what to do.
public enum VietSearchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The index file does not exist (and was opened read-only).
    case indexNotFound(path: String)
    /// The file is not a VietSearch index (another program's SQLite database, or not SQLite).
    case notAnIndex(path: String)
    /// The index was made by another schema version.
    case schemaMismatch(path: String, found: Int, expected: Int)
    /// Another process is writing the index.
    case busy(path: String)
    /// SQLite failed.
    case database(SQLiteError)
    /// The query is over one of the `QueryLimits`; `reason` says which.
    case queryRejected(reason: String)
    /// The path cannot hold an index (a folder, a device, a folder that does not exist).
    case unusablePath(path: String, reason: String)

    public var description: String {
        switch self {
        case .indexNotFound(let path):
            return "no index at \(path): create one with `vnsearch index <folder> --db \(path)`"
        case .notAnIndex(let path):
            return "\(path) is not a VietSearch index: choose another --db path, or delete the file if it is an old index"
        case .schemaMismatch(let path, let found, let expected):
            return "\(path) was made by another version of VietSearch (schema \(found), this version reads \(expected)): "
                + "delete it and index again"
        case .busy(let path):
            return "\(path) is being written by another vnsearch process: wait for it to finish, then try again"
        case .database(let error):
            return error.description
        case .queryRejected(let reason):
            return reason
        case .unusablePath(let path, let reason):
            return "\(path) cannot be used as an index: \(reason)"
        }
    }
}
