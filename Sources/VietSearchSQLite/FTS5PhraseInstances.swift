import CSQLite

/// The instances of one phrase in one row (`FTS5AuxiliaryContext.instances(ofPhrase:)`): each
/// is where a match starts, its column and its token offset in that column.
package struct FTS5PhraseInstances: Sequence, IteratorProtocol {
    @usableFromInline let context: OpaquePointer
    @usableFromInline let phraseNext: FTS5AuxiliaryContext.PhraseNext
    @usableFromInline var iterator = Fts5PhraseIter()
    /// The instance `next()` returns; a negative column once the instances are exhausted.
    @usableFromInline var column: Int32 = -1
    @usableFromInline var offset: Int32 = 0

    @inlinable
    init(context: OpaquePointer, next: FTS5AuxiliaryContext.PhraseNext) {
        self.context = context
        phraseNext = next
    }

    @inlinable
    package mutating func next() -> (column: Int32, offset: Int32)? {
        guard column >= 0 else { return nil }
        let instance = (column: column, offset: offset)
        phraseNext(context, &iterator, &column, &offset)
        return instance
    }
}
