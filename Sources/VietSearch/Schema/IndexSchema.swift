import VietSearchSQLite

/// The tables of a VietSearch index, and the version that says which layout a file has.
///
/// - `vietsearch_meta`: key/value facts (schema version, last indexing time).
/// - `documents`: one row per indexed file, with its extracted text: the text is stored once,
///   and FTS5 reads it from here (external content) for snippets and highlights. A file whose
///   text is longer than a section (`IndexSchema.sectionBytes`) has one row per section: the
///   first is the file's row (path, title, size, time, hash); each other section is a row whose
///   `file` names the first one's id (NULL on a file's own row), with an empty title and a path
///   no file can have (the file's path, a NUL, the section's number). Searches group rows by
///   `coalesce(file, id)`: a file is found and named once (`SectionMap`).
/// - `term_stats`: per folded syllable, its document frequency and accent forms with theirs
///   (`đang=120 đảng=80 =3`; the empty form is the unaccented one), for query planning;
///   updated by each indexing run that changed something (by difference; see `FolderIndexer`).
/// - `term_pairs`: one row, how often each pair of adjacent terms occurs (`TermPairTable`), for
///   restoring the accents of questions typed without them; updated with `term_stats`.
/// - `abbreviations`: the abbreviations each document defines (`tổ chức cơ sở đảng (TCCSĐ)`),
///   with both sides' keys (folded tokens joined by spaces), kept with the document by
///   `IndexWriter`: searching one side also finds the other (`LearnedAbbreviations`).
/// - `documents_fts`: FTS5 over title and body with `vietnamese accent 2` (one `folded:accent`
///   term per word), kept in step with `documents` by `IndexWriter`. Not by triggers: a trigger
///   writes to FTS5 inside a statement savepoint, and FTS5 flushes its in-memory index at every
///   savepoint: one segment per document, each merged again later (docs/ENGINE.md, "Schema").
enum IndexSchema {
    /// Bumped whenever the layout or the tokenizer's output changes; an index made with another
    /// version is refused with a message that says to rebuild it.
    static let version = 1

    /// How `documents_fts` tokenizes: also what the indexer's reader thread records ahead of the
    /// writer (`VietnamesePretokenizer`), so the two can never disagree.
    static let tokenizerOptions = VietnameseTokenizerOptions(accent: .keyed)
    static let tokenizer = "vietnamese accent \(tokenizerOptions.accent.rawValue)"

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
            indexed_at INTEGER NOT NULL,
            file INTEGER
        );
        CREATE TABLE IF NOT EXISTS term_stats(folded TEXT PRIMARY KEY, df INTEGER NOT NULL, variants TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS term_pairs(id INTEGER PRIMARY KEY CHECK (id = 1), data BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS term_pair_blocks(first INTEGER PRIMARY KEY, data BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS abbreviations(
            document INTEGER NOT NULL,
            abbreviation TEXT NOT NULL,
            abbreviation_key TEXT NOT NULL,
            expansion TEXT NOT NULL,
            expansion_key TEXT NOT NULL,
            PRIMARY KEY (document, abbreviation_key, expansion_key)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS abbreviations_by_abbreviation ON abbreviations(abbreviation_key);
        CREATE INDEX IF NOT EXISTS abbreviations_by_expansion ON abbreviations(expansion_key);
        CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
            title, body, content='documents', content_rowid='id', tokenize='\(tokenizer)'
        );
        """

    /// Added within version 1 to indexes made before them (`upgrade`): a file's sections point at
    /// its row (`file`); an indexing run reads the files it knows in path order from a covering
    /// index of their metadata, not from the table, whose rows hold the text (learning the sizes
    /// and times of a large folder's files read every page of the text).
    static let addedColumns = "ALTER TABLE documents ADD COLUMN file INTEGER"
    static let addedIndexes = """
        CREATE INDEX IF NOT EXISTS documents_files ON documents(path, size, mtime_ns) WHERE file IS NULL;
        CREATE INDEX IF NOT EXISTS documents_sections ON documents(file) WHERE file IS NOT NULL;
        """

    /// Brings a version-1 index made by an earlier release up to this layout: the `file` column
    /// and the two indexes (building the covering index reads the table once).
    static func upgrade(_ connection: SQLiteConnection) throws(SQLiteError) {
        if try !hasSectionColumn(connection) { try connection.execute(addedColumns) }
        try connection.execute(addedIndexes)
    }

    /// Whether `documents` has the `file` column (a read-only index from an earlier release may
    /// not: it has no sections then).
    static func hasSectionColumn(_ connection: SQLiteConnection) throws(SQLiteError) -> Bool {
        try connection.scalarInt("SELECT count(*) FROM pragma_table_info('documents') WHERE name = 'file'") == 1
    }

    /// The condition that keeps the rows of `documents` that are files (not later sections), as
    /// a `WHERE` clause; empty for an index without sections.
    static func filesOnly(_ connection: SQLiteConnection) throws(SQLiteError) -> String {
        try hasSectionColumn(connection) ? " WHERE file IS NULL" : ""
    }

    /// Text longer than this is stored and indexed as sections of about this size, each its own
    /// row (see `documents`): a file of any size is read, analysed and inserted in pieces, in
    /// bounded memory, and SQLite's limit on one value (1,000,000,000 bytes) never applies.
    static let sectionBytes = 1 << 18

    /// FTS5 settings stored with a new index. `hashsize`: FTS5 buffers this many bytes of new
    /// terms before writing a segment (default 1 MB). Fewer, larger segments mean less merging,
    /// and FTS5's merges rewrite pages that the WAL and the checkpoint then copy again; the
    /// buffer costs memory while indexing. Searches are unaffected (docs/ENGINE.md, "How
    /// `vnsearch index` writes").
    static let configure = "INSERT INTO documents_fts(documents_fts, rank) VALUES('hashsize', 33554432)"

    /// Rebuilds `term_stats` from the FTS5 vocabulary (a walk of every term's doclist; see
    /// docs/ENGINE.md, "Query planning"). A keyed term is `folded:accent`; group by the folded
    /// part.
    static let refreshTermStatistics = """
        CREATE VIRTUAL TABLE IF NOT EXISTS temp.documents_vocab USING fts5vocab(main, 'documents_fts', 'row');
        DELETE FROM term_stats;
        INSERT INTO term_stats(folded, df, variants)
            SELECT substr(term, 1, instr(term, ':') - 1), sum(doc),
                   group_concat(substr(term, instr(term, ':') + 1) || '=' || doc, ' ')
            FROM temp.documents_vocab WHERE instr(term, ':') > 0 GROUP BY 1;
        """
}
