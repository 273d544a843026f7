/// A value to bind to a statement parameter.
public enum SQLiteValue: Sendable, Hashable {
    /// INTEGER.
    case integer(Int64)
    /// REAL.
    case real(Double)
    /// TEXT, stored as UTF-8.
    case text(String)
    /// BLOB.
    case blob([UInt8])
    /// NULL.
    case null
}
