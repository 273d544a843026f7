/// The keys of `vietsearch_meta`, every one the index uses (docs/ENGINE.md, "Schema").
enum MetaKey: String, CaseIterable, Sendable {
    /// `IndexSchema.version` of the code that made the file; another version is refused.
    case schemaVersion = "schema_version"
    /// When an indexing run last finished, in seconds since 1970.
    case lastIndexedAt = "last_indexed_at"
    /// The documents `term_stats` and `term_pairs` were computed over: a writer finding another
    /// count knows they do not describe the documents, and searches divide by it.
    case documentCount = "document_count"
    /// Present while `term_stats` and `term_pairs` lag behind the documents (searches then plan
    /// without them); its value says who will bring them up to date (`StaleStatistics`).
    case termStatsStale = "term_stats_stale"
}

/// Why `term_stats_stale` is set, which says who brings the statistics up to date.
enum StaleStatistics: String, Sendable {
    /// A `FolderIndexer` run changed documents and will update the statistics by difference at
    /// its end, provided nothing else wrote meanwhile (the value is still this).
    case indexing
    /// Documents changed while the statistics could not be kept (they were already stale): the
    /// next indexing run, or `IndexWriter.refreshTermStatistics()`, rebuilds them. Indexes made
    /// by earlier versions say `1`, read the same way.
    case writes
}
