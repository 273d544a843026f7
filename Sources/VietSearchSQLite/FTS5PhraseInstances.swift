import CSQLite

/// Walks the instances of the phrases of one row (`FTS5AuxiliaryContext.phraseInstances()`), one
/// phrase at a time, as FTS5's own loop is written (`xPhraseFirst`, then `xPhraseNext` until the
/// column is negative): each instance is where a match of the phrase starts, its column and its
/// token offset in that column.
///
/// The walk (FTS5's functions, constant for the row) and the place it is at (`Position`, which
/// FTS5 writes through pointers) are separate values, so that the functions stay in registers
/// while the position lives in memory: a scoring loop over them compiles to what the C loop
/// does. Public only to be inlined (see `FTS5AuxiliaryContext`); made only by a context.
public struct FTS5PhraseInstances {
    /// Where a walk is: the current instance and FTS5's iterator.
    public struct Position {
        @usableFromInline var iterator = Fts5PhraseIter()
        /// A negative column past the phrase's last instance.
        @usableFromInline var currentColumn: Int32 = -1
        @usableFromInline var currentOffset: Int32 = 0

        @inlinable @inline(__always)
        public init() {}

        /// Whether there is an instance here: false past the phrase's last (and before `start`).
        @inlinable @inline(__always)
        public var isAtInstance: Bool { currentColumn >= 0 }

        /// The instance's column (0 is the table's first).
        @inlinable @inline(__always)
        public var column: Int32 { currentColumn }

        /// The instance's offset in its column, in tokens.
        @inlinable @inline(__always)
        public var offset: Int32 { currentOffset }
    }

    @usableFromInline let context: OpaquePointer
    @usableFromInline let phraseFirst: FTS5AuxiliaryContext.PhraseFirst
    @usableFromInline let phraseNext: FTS5AuxiliaryContext.PhraseNext

    @inlinable @inline(__always)
    init(context: OpaquePointer, first: FTS5AuxiliaryContext.PhraseFirst, next: FTS5AuxiliaryContext.PhraseNext) {
        self.context = context
        phraseFirst = first
        phraseNext = next
    }

    /// Moves `position` to the first instance of `phrase` (numbered from 0 in the MATCH
    /// expression); false when FTS5 cannot read its instances, or `phrase` is not one of the
    /// expression's.
    @inlinable @inline(__always)
    public func start(_ phrase: Int32, at position: inout Position) -> Bool {
        phraseFirst(context, phrase, &position.iterator, &position.currentColumn, &position.currentOffset) == SQLITE_OK
    }

    /// Moves `position` to the phrase's next instance.
    @inlinable @inline(__always)
    public func advance(_ position: inout Position) {
        phraseNext(context, &position.iterator, &position.currentColumn, &position.currentOffset)
    }
}
