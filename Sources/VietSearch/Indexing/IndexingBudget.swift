/// How much memory an indexing run may use, and how it is shared out. Each part is bounded on
/// its own, so the run's peak stays near the total however large the folder or its files:
///
/// - FTS5's buffer of new terms (`hashsize`, a tenth), flushed as a segment when full. FTS5
///   counts the bytes of its doclists, not what it allocated for them (entries of at least 128
///   bytes, doubled as they grow): the buffer takes about 1.6 times the setting;
/// - text read ahead of the writer (a hundredth; with its recorded terms, ~7 bytes of memory a
///   byte), and one section of a large file at a time (`IndexSchema.sectionBytes`);
/// - the run's pair counts (`TermPairSink`, 16 bytes of table per entry at most) and each
///   thread's term counts (`DocumentFrequencyCounter`, a table of 32-byte buckets that doubles
///   when five eighths full, and the keys), merged into the stored statistics whenever they
///   reach their share and started again.
///
/// What is left (~50 MB at the default) is the process itself (~26 MB of code and libraries),
/// SQLite's page caches and the list of files to read (~30 bytes a file, `WorkList`).
public struct IndexingBudget: Sendable, Hashable {
    /// The total, in bytes.
    public var bytes: Int

    /// FTS5's `hashsize`: 20 MB at the default (fewer, larger segments to merge than FTS5's 1 MB).
    var ftsHashBytes: Int
    /// Text waiting for the writer (besides one document or section of any size).
    var queuedTextBytes: Int
    /// Distinct pairs a run holds before merging them into the stored counts.
    var pairEntries: Int
    /// Distinct terms each counter holds before merging them into `term_stats`: five eighths of
    /// a table of a 25th of the budget (8 MB, 163,840 terms at the default), so that the table
    /// never doubles past it.
    var counterTerms: Int

    /// 200 MB unless given (32 MB at least).
    public init(bytes: Int = 200 << 20) {
        self.bytes = max(bytes, 32 << 20)
        ftsHashBytes = min(max(self.bytes / 10, 1 << 20), 64 << 20)
        queuedTextBytes = self.bytes / 100
        pairEntries = self.bytes / 100
        counterTerms = self.bytes / 25 / 32 * 5 / 8
    }
}
