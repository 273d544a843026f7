import CSQLite
import VietSearchSQLite

// The loadable SQLite extension: `.load ./libVietSearchExtension` in the sqlite3 shell, or
// `connection.load_extension(...)` in Python, registers the `vietnamese` FTS5 tokenizer.
//
// Build it self-contained (the Swift runtime linked in) with:
//   swift build -c release --product VietSearchExtension -Xswiftc -static-stdlib
//
// A loaded extension must call SQLite through the routines table it is handed (`api`), not
// through the symbols of whichever libsqlite3 it was linked against, so the few calls needed to
// reach FTS5 go through `api` here. Never load this library into a Swift program: register the
// tokenizer directly there (two Swift runtimes in one process do not mix).

/// SQLite's generic entry point name, tried first when no entry point is given to `.load`.
@_cdecl("sqlite3_extension_init")
public func sqlite3_extension_init(
    _ db: OpaquePointer?, _ errorMessage: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ api: UnsafePointer<sqlite3_api_routines>?
) -> Int32 {
    guard let db, let routines = api?.pointee,
        let prepare = routines.prepare_v2, let bindPointer = routines.bind_pointer, let step = routines.step,
        let finalize = routines.finalize
    else { return SQLITE_ERROR }

    var statement: OpaquePointer?
    guard prepare(db, "SELECT fts5(?1)", -1, &statement, nil) == SQLITE_OK, let statement else {
        return SQLITE_ERROR  // no FTS5 in this SQLite
    }
    var fts5: UnsafeMutablePointer<fts5_api>?
    let bound = withUnsafeMutablePointer(to: &fts5) { slot in
        bindPointer(statement, 1, UnsafeMutableRawPointer(slot), fts5PointerType, nil)
    }
    let stepped = step(statement)
    _ = finalize(statement)
    guard bound == SQLITE_OK, stepped == SQLITE_ROW || stepped == SQLITE_DONE, let fts5 else { return SQLITE_ERROR }
    // Rejected tokenizer arguments are explained in SQLite's log, reached through `api`.
    return registerVietnameseTokenizer(fts5: fts5, routines: api)
}

/// The pointer type name SQLite compares during `step`; static storage so it outlives the call.
private let fts5PointerTypeName: StaticString = "fts5_api_ptr"
private var fts5PointerType: UnsafePointer<CChar> {
    UnsafeRawPointer(fts5PointerTypeName.utf8Start).assumingMemoryBound(to: CChar.self)
}
