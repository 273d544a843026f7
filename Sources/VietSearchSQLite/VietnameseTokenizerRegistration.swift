import CSQLite

/// What FTS5 hands the constructor of every `vietnamese` tokenizer registered by one call: the
/// connection's recordings to replay, and where to say why arguments were rejected.
///
/// SQLite 3.40's FTS5 gives a tokenizer's constructor no way to return a message: whatever the
/// constructor fails with, the statement fails with "error in tokenizer constructor". So the reason
/// goes to SQLite's log (`sqlite3_log`: the `sqlite3` shell prints it after `.log stderr`, GRDB's
/// `Database.logError` receives it), and, on a `SQLiteConnection`, into the message of the error
/// the connection throws next (`SQLiteConnection.explaining(_:)`).
final class VietnameseTokenizerRegistration {
    /// Recordings offered by the connection; nil for a raw handle or the loadable extension.
    let replay: TokenReplay?
    /// The routines table of the SQLite that loaded the extension (its log is reached through
    /// it); nil in-process, where `sqlite3_log` is called directly.
    private let routines: UnsafePointer<sqlite3_api_routines>?
    /// Why the last constructor failed, until the connection reports it.
    var rejection: String?

    init(replay: TokenReplay?, routines: UnsafePointer<sqlite3_api_routines>? = nil) {
        self.replay = replay
        self.routines = routines
    }

    func reject(_ message: String) {
        rejection = message
        if let routines {
            vietsearch_log_through(routines, SQLITE_ERROR, message)
        } else {
            vietsearch_log(SQLITE_ERROR, message)
        }
    }

    /// The rejection, if any, forgotten once read.
    func takeRejection() -> String? {
        defer { rejection = nil }
        return rejection
    }
}
