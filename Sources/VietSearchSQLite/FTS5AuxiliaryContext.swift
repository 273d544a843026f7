import CSQLite

/// What an FTS5 auxiliary function written in Swift (`FTS5AuxiliaryFunction`) sees of one call:
/// the row FTS5 is at within a MATCH query, its phrases' instances in that row, the table's sizes,
/// and the call's SQL arguments. Valid only during the call it is handed to.
///
/// The phrase iteration is inlined into the caller and holds FTS5's two function pointers, read
/// once per call: a scoring loop walking thousands of instances per query compiles to direct
/// calls into FTS5, with nothing of this wrapper left per instance. That is why the type and its
/// iteration are `public` (nothing else of it is): Swift does not make the bodies of `package`
/// inlinable functions available to other modules of a package built without library evolution,
/// so they would be calls.
public struct FTS5AuxiliaryContext {
    @usableFromInline typealias PhraseFirst = @convention(c) (
        OpaquePointer?, Int32, UnsafeMutablePointer<Fts5PhraseIter>?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?
    ) -> Int32
    @usableFromInline typealias PhraseNext = @convention(c) (
        OpaquePointer?, UnsafeMutablePointer<Fts5PhraseIter>?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?
    ) -> Void

    @usableFromInline let api: UnsafePointer<Fts5ExtensionApi>
    @usableFromInline let context: OpaquePointer
    @usableFromInline let phraseFirst: PhraseFirst
    @usableFromInline let phraseNext: PhraseNext
    let arguments: UnsafeMutablePointer<OpaquePointer?>?
    /// Number of SQL arguments after the table's (`f(t, a, b)` has 2).
    package let argumentCount: Int

    /// Nil when this FTS5 lacks phrase iteration (every FTS5 since 3.8.11 has it).
    init?(api: UnsafePointer<Fts5ExtensionApi>, context: OpaquePointer, arguments: UnsafeMutablePointer<OpaquePointer?>?, count: Int32) {
        guard let first = api.pointee.xPhraseFirst, let next = api.pointee.xPhraseNext else { return nil }
        self.api = api
        self.context = context
        phraseFirst = first
        phraseNext = next
        self.arguments = arguments
        argumentCount = arguments == nil ? 0 : Int(max(count, 0))
    }

    /// Argument `index` as text (nil when out of range or NULL).
    package func textArgument(at index: Int) -> String? {
        guard index >= 0, index < argumentCount, let value = arguments?[index], let text = sqlite3_value_text(value) else { return nil }
        return String(cString: text)
    }

    /// Phrases in the MATCH expression, numbered from 0 in order of appearance.
    package var phraseCount: Int { Int(api.pointee.xPhraseCount?(context) ?? 0) }

    /// Columns of the table.
    package var columnCount: Int { Int(api.pointee.xColumnCount?(context) ?? 0) }

    /// Rows in the table; nil when FTS5 cannot read it.
    package func rowCount() -> Int64? {
        var rows: Int64 = 0
        guard api.pointee.xRowCount?(context, &rows) == SQLITE_OK else { return nil }
        return rows
    }

    /// Tokens in `column` over every row (`nil`: all columns); nil when FTS5 cannot read it.
    package func totalSize(ofColumn column: Int? = nil) -> Int64? {
        var tokens: Int64 = 0
        guard api.pointee.xColumnTotalSize?(context, Int32(clamping: column ?? -1), &tokens) == SQLITE_OK else { return nil }
        return tokens
    }

    /// Tokens in `column` of this row (`nil`: all columns); nil when FTS5 cannot read it.
    package func size(ofColumn column: Int? = nil) -> Int? {
        var tokens: Int32 = 0
        guard api.pointee.xColumnSize?(context, Int32(clamping: column ?? -1), &tokens) == SQLITE_OK else { return nil }
        return Int(tokens)
    }

    /// This row's rowid.
    package var rowid: Int64 { api.pointee.xRowid?(context) ?? 0 }

    /// A walk over the instances of this row's phrases: make one per row, `start` it per phrase.
    @inlinable @inline(__always)
    public func phraseInstances() -> FTS5PhraseInstances {
        FTS5PhraseInstances(context: context, first: phraseFirst, next: phraseNext)
    }
}
