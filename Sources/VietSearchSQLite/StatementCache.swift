import CSQLite

/// Prepared statements that `SQLiteStatement`s gave back, reset and unbound, by their SQL text:
/// a search prepared the same few dozen statements at every call (the ranker's reads, the pair
/// and block maxima checks, a page's rows, pragmas), and compiling them was about a twentieth of
/// its time (docs/ENGINE.md, "Query latency"). One per connection, used on its thread only, as
/// the connection is.
final class StatementCache {
    private var handles: [String: [OpaquePointer]] = [:]
    /// Most SQL texts kept: a text that embeds values is seldom repeated, and must not make the
    /// cache grow without end.
    static let textLimit = 128
    /// Most statements kept per text (a caller may hold several of one text at once).
    static let handlesPerText = 4

    /// A statement prepared from `sql` that no `SQLiteStatement` holds, if one is kept.
    func take(_ sql: String) -> OpaquePointer? {
        handles[sql]?.popLast()
    }

    /// Keeps `handle` (reset, unbound) for the next statement of `sql`; false when there is no
    /// room, and the caller finalizes it.
    func put(_ handle: OpaquePointer, for sql: String) -> Bool {
        if handles[sql] != nil {
            guard handles[sql]!.count < Self.handlesPerText else { return false }
            handles[sql]!.append(handle)
            return true
        }
        guard handles.count < Self.textLimit else { return false }
        handles[sql] = [handle]
        return true
    }

    /// Finalizes every statement kept (before the connection closes).
    func finalizeAll() {
        for list in handles.values {
            for handle in list { sqlite3_finalize(handle) }
        }
        handles = [:]
    }
}
