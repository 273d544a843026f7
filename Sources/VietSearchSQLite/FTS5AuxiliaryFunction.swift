import CSQLite

/// An FTS5 auxiliary function written in Swift: `SELECT f(t, …) FROM t WHERE t MATCH …` calls
/// `value(of:state:)` once per matching row. Register it with
/// `SQLiteConnection.registerAuxiliaryFunction(_:name:)`; the connection's FTS5 keeps the object
/// (the function's user data) until the function is replaced or the connection closes.
///
/// What depends only on the query (parsed arguments, tables, scratch buffers) goes in
/// `QueryState`, made at the query's first row and kept by FTS5 for the rest of it (its
/// auxiliary data), so no row pays for it again.
package protocol FTS5AuxiliaryFunction: AnyObject {
    associatedtype QueryState: AnyObject

    /// The state for the query `call` belongs to, from its arguments; an error fails the query
    /// with its message.
    func makeQueryState(for call: FTS5AuxiliaryContext) throws(FTS5FunctionError) -> QueryState

    /// The function's value for the row `call` is at.
    func value(of call: FTS5AuxiliaryContext, state: QueryState) throws(FTS5FunctionError) -> Double
}

/// Why an auxiliary function failed: the message the statement fails with.
package struct FTS5FunctionError: Error, Sendable, Equatable {
    package var message: String

    package init(_ message: String) {
        self.message = message
    }
}

extension SQLiteConnection {
    /// Registers `function` as the FTS5 auxiliary function `name` on this connection (replacing
    /// one of that name).
    package func registerAuxiliaryFunction<Function: FTS5AuxiliaryFunction>(_ function: Function, name: String) throws(SQLiteError) {
        let api = try FTS5.api(handle)
        guard let create = api.pointee.xCreateFunction else {
            throw SQLiteError(resultCode: SQLITE_ERROR, message: "this FTS5 cannot add functions", context: "registering \(name)")
        }
        let retained = Unmanaged.passRetained(AuxiliaryFunctionBox(function) as AuxiliaryFunctionCall)
        // FTS5 copies the name.
        let rc = create(api, name, retained.toOpaque(), callAuxiliaryFunction, releaseAuxiliaryFunction)
        guard rc == SQLITE_OK else {
            // FTS5 does not call the destructor when registration fails.
            retained.release()
            throw SQLiteError(database: handle, resultCode: rc, context: "registering \(name)")
        }
    }
}

/// The non-generic face of a registered function, which the C entry point (no generics there)
/// calls once per row.
class AuxiliaryFunctionCall {
    func invoke(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer, _ result: OpaquePointer, _ call: FTS5AuxiliaryContext) {}
}

/// A registered function with its query states stored as FTS5 auxiliary data (slot of this
/// function and query), of the one type it makes, so no row casts.
private final class AuxiliaryFunctionBox<Function: FTS5AuxiliaryFunction>: AuxiliaryFunctionCall {
    let function: Function

    init(_ function: Function) {
        self.function = function
    }

    override func invoke(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer, _ result: OpaquePointer, _ call: FTS5AuxiliaryContext) {
        do {
            let state: Function.QueryState
            if let saved = api.pointee.xGetAuxdata?(fts, 0) {
                state = Unmanaged<Function.QueryState>.fromOpaque(saved).takeUnretainedValue()
            } else {
                state = try function.makeQueryState(for: call)
                let retained = Unmanaged.passRetained(state).toOpaque()
                // On failure xSetAuxdata calls the destructor itself.
                guard api.pointee.xSetAuxdata?(fts, retained, releaseQueryState) == SQLITE_OK else {
                    sqlite3_result_error_nomem(result)
                    return
                }
            }
            sqlite3_result_double(result, try function.value(of: call, state: state))
        } catch {
            sqlite3_result_error(result, error.message, -1)
        }
    }
}

// MARK: - C entry points (no captures: FTS5 calls them through plain function pointers)

private func callAuxiliaryFunction(
    _ api: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ result: OpaquePointer?, _ count: Int32,
    _ values: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let api, let fts, let result, let userData = api.pointee.xUserData?(fts) else { return }
    guard let call = FTS5AuxiliaryContext(api: api, context: fts, arguments: values, count: count) else {
        sqlite3_result_error(result, "this FTS5 cannot iterate phrase instances", -1)
        return
    }
    Unmanaged<AuxiliaryFunctionCall>.fromOpaque(userData).takeUnretainedValue().invoke(api, fts, result, call)
}

/// Releases a query state (any class: the pointer is the object's).
private func releaseQueryState(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    Unmanaged<AnyObject>.fromOpaque(pointer).release()
}

private func releaseAuxiliaryFunction(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    Unmanaged<AuxiliaryFunctionCall>.fromOpaque(pointer).release()
}
