import VietSearchSQLite

/// The tables of a VietSearch index, and the version that says which layout a file has.
///
/// - `vietsearch_meta`: key/value facts (schema version, last indexing time).
/// - `documents`: one row per indexed file, with its extracted text: the text is stored once,
///   and FTS5 reads it from here (external content) for snippets and highlights.
/// - `documents_fts`: FTS5 over title and body with `vietnamese accent 2` (one `folded:accent`
///   term per word), kept in step with `documents` by `IndexWriter`. Not by triggers: a trigger
///   writes to FTS5 inside a statement savepoint, and FTS5 flushes its in-memory index at every
///   savepoint, which made indexing 4× slower (one segment per document).
enum IndexSchema {
    /// Bumped whenever the layout or the tokenizer's output changes; an index made with another
    /// version is refused with a message that says to rebuild it.
    static let version = 1

    static let tokenizer = "vietnamese accent 2"

    static let create = """
        CREATE TABLE IF NOT EXISTS vietsearch_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS documents(
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            hash TEXT NOT NULL,
            encoding TEXT NOT NULL,
            format TEXT NOT NULL,
            indexed_at INTEGER NOT NULL
        );
        CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
            title, body, content='documents', content_rowid='id', tokenize='\(tokenizer)'
        );
        """
}
