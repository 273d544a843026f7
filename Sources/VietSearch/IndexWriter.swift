import VietSearchSQLite
import VietnameseText

/// Writes to an index inside one transaction (`SearchIndex.write`). Statements are prepared once
/// per transaction and reused for every document.
///
/// Documents written through `upsert` and `remove` keep the statistics searches plan with
/// (`term_stats`, `term_pairs`) exact: the terms of the versions added and removed are counted as
/// they are written, and the statistics updated by difference when the transaction ends. That
/// costs rewriting the pair table once per transaction (its size: docs/ENGINE.md, "Schema"), so
/// write many documents per transaction. When the statistics were already out of date, they stay marked
/// stale (searches plan without them) until `refreshTermStatistics()` or the next indexing run.
public final class IndexWriter {
    let index: SearchIndex
    private let findStatement: SQLiteStatement
    private let insertStatement: SQLiteStatement
    private let updateStatement: SQLiteStatement
    private let deleteStatement: SQLiteStatement
    private let touchStatement: SQLiteStatement
    private let sectionsStatement: SQLiteStatement
    private let sectionTextStatement: SQLiteStatement
    private let completeStatement: SQLiteStatement
    private let ftsInsertStatement: SQLiteStatement
    private let ftsDeleteStatement: SQLiteStatement
    /// Set by a caller that keeps the statistics itself (a `FolderIndexer` run, whose counts span
    /// its transactions): deleted versions' terms are counted there, and this writer leaves the
    /// statistics to the caller.
    var removedTerms: RemovedTerms?
    /// Rows (documents and sections) taken out of FTS5 by this writer.
    private(set) var rowsDeleted = 0
    /// The abbreviations each document defines, kept with it.
    private let abbreviations: LearnedAbbreviations
    /// What this transaction's public writes do to the statistics.
    var upkeep = StatisticsUpkeep.undecided
    /// The stored pair postings' upkeep, when they are current (`PairPostingsUpkeep`).
    private var pairs: PairPostingsUpkeep?
    /// The stored block maxima's upkeep, when they are current (`BlockMaximaUpkeep`).
    private var maxima: BlockMaximaUpkeep?
    /// The rows this transaction wrote to the full-text index (inserted, or their text replaced),
    /// and whether it changed it at all (removals too): what the two upkeeps follow.
    private var rowsWritten: [Int64] = []
    /// Rows whose text was removed (their stored lengths go with them).
    private var rowsRemoved: [Int64] = []
    /// Whether the stored row lengths were current at the start (`StoredRowLengths`).
    private var lengthsCurrent = false
    private var textChanged = false

    enum StatisticsUpkeep {
        /// No document changed yet.
        case undecided
        /// They were current: this transaction's changes, counted, are applied at its end.
        case byDifference(WrittenTerms)
        /// They were not: left marked stale.
        case stale
    }

    init(index: SearchIndex) throws {
        self.index = index
        let db = index.connection
        findStatement = try db.prepare("SELECT id, title, body FROM documents WHERE path = ?1")
        insertStatement = try db.prepare(
            """
            INSERT INTO documents(path, title, body, size, mtime_ns, hash, encoding, format, indexed_at, file)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, unixepoch(), ?9)
            """)
        updateStatement = try db.prepare(
            """
            UPDATE documents SET title = ?2, body = ?3, size = ?4, mtime_ns = ?5, hash = ?6, encoding = ?7, format = ?8,
                indexed_at = unixepoch()
            WHERE id = ?1
            """)
        deleteStatement = try db.prepare("DELETE FROM documents WHERE id = ?1")
        touchStatement = try db.prepare("UPDATE documents SET size = ?2, mtime_ns = ?3 WHERE path = ?1")
        sectionsStatement = try db.prepare("SELECT id FROM documents WHERE file = ?1 ORDER BY id")
        sectionTextStatement = try db.prepare("SELECT title, body FROM documents WHERE id = ?1")
        completeStatement = try db.prepare("UPDATE documents SET size = ?2, mtime_ns = ?3, hash = ?4 WHERE id = ?1")
        ftsInsertStatement = try db.prepare("INSERT INTO documents_fts(rowid, title, body) VALUES (?1, ?2, ?3)")
        // External content: FTS5 must be told the old text to remove its terms.
        ftsDeleteStatement = try db.prepare(
            "INSERT INTO documents_fts(documents_fts, rowid, title, body) VALUES ('delete', ?1, ?2, ?3)")
        abbreviations = try LearnedAbbreviations(connection: db)
        pairs = try PairPostingsUpkeep.start(db)
        maxima = try BlockMaximaUpkeep.start(db)
        lengthsCurrent = try StoredRowLengths.areCurrent(db)
    }

    private func existing(_ path: String) throws -> (id: Int64, title: String, body: String)? {
        findStatement.reset()
        try findStatement.bind([.text(path)])
        guard try findStatement.step() else { return nil }
        return (findStatement.int64(at: 0), findStatement.text(at: 1), findStatement.text(at: 2))
    }

    func run(_ statement: SQLiteStatement, _ values: [SQLiteValue]) throws {
        statement.reset()
        try statement.bind(values)
        try statement.step()
    }

    /// Adds the document, or replaces the one with the same path. A body longer than a section
    /// (`IndexSchema.sectionBytes`) is stored as sections, one row each (see `IndexSchema`).
    public func upsert(_ document: IndexedDocument) throws {
        let sections = TextSections.split(document.body)
        var first = document
        first.body = sections[0]
        let counted = try countedChanges()
        let id = try upsert(first, mayExist: true, pretokenized: counted?.record(first) ?? [], complete: sections.count == 1)
        guard sections.count > 1 else { return }
        let file = SectionedFile(
            id: id, path: document.path, encoding: document.encoding, format: document.format, modificationTime: document.modificationTime)
        for (number, body) in sections.enumerated().dropFirst() {
            try appendSection(body, number: number, of: file, pretokenized: counted?.record(section: body) ?? [])
        }
        try complete(file, size: document.size, modificationTime: document.modificationTime, hash: document.hash)
    }

    /// `mayExist: false` (the caller knows the path is new) skips looking for an old version:
    /// one query less per new document on the insert path. `pretokenized` holds the title's and
    /// body's terms recorded on another thread, replayed instead of analysing them here, and
    /// `definitions` the abbreviations found there (nil: found here).
    /// `complete: false`: the document is a file's first section, more follow (`appendSection`),
    /// and until `complete` records its size, time and hash, the file reads as changed (an
    /// interrupted run leaves it for the next one to write again). Returns the row's id.
    @discardableResult
    func upsert(
        _ document: IndexedDocument, mayExist: Bool, pretokenized: [PretokenizedText] = [], definitions: [AbbreviationDefinition]? = nil,
        complete: Bool = true
    ) throws -> Int64 {
        let fields: [SQLiteValue] = [
            .text(document.title), .text(document.body), .integer(document.size),
            .integer(complete ? document.modificationTime : -1), .text(complete ? document.hash : ""),
            .text(document.encoding), .text(document.format),
        ]
        let id: Int64
        var replacing = false
        if mayExist, let old = try existing(document.path) {
            id = old.id
            replacing = true
            try deleteFromFTS(id: id, title: old.title, body: old.body)
            try removeSections(of: id)
            try run(updateStatement, [.integer(id)] + fields)
        } else {
            try run(insertStatement, [.text(document.path)] + fields + [.null])
            id = index.connection.lastInsertRowID
        }
        try abbreviations.record(
            document: id, definitions: definitions ?? LearnedAbbreviations.definitions(title: document.title, body: document.body),
            replacing: replacing)
        try index.connection.withPretokenized(pretokenized) {
            try run(ftsInsertStatement, [.integer(id), .text(document.title), .text(document.body)])
        }
        wroteText(of: id)
        return id
    }

    /// A file whose sections are being written. Each section row has the file's format,
    /// encoding and modification time, so that search filters pass its sections as they pass it.
    struct SectionedFile {
        var id: Int64
        var path: String
        var encoding: String
        var format: String
        var modificationTime: Int64
    }

    /// Adds section `number` (1 for the second) of a file whose first section `upsert` wrote
    /// with `complete: false`. `pretokenized` and `definitions` as for `upsert`.
    func appendSection(
        _ body: String, number: Int, of file: SectionedFile, pretokenized: [PretokenizedText] = [],
        definitions: [AbbreviationDefinition]? = nil
    ) throws {
        let fields: [SQLiteValue] = [
            .text("\(file.path)\u{0}\(number)"), .text(""), .text(body), .integer(Int64(body.utf8.count)),
            .integer(file.modificationTime), .text(""),
            .text(file.encoding), .text(file.format), .integer(file.id),
        ]
        try run(insertStatement, fields)
        let id = index.connection.lastInsertRowID
        // Kept under the file's row: a file defines an abbreviation once, whichever sections do.
        try abbreviations.record(
            document: file.id, definitions: definitions ?? LearnedAbbreviations.definitions(title: "", body: body), replacing: false)
        try index.connection.withPretokenized(pretokenized) {
            try run(ftsInsertStatement, [.integer(id), .text(""), .text(body)])
        }
        wroteText(of: id)
    }

    private func wroteText(of row: Int64) {
        rowsWritten.append(row)
        textChanged = true
    }

    /// Records the size, time and hash of a file whose sections are all written.
    func complete(_ file: SectionedFile, size: Int64, modificationTime: Int64, hash: String) throws {
        try run(completeStatement, [.integer(file.id), .integer(size), .integer(modificationTime), .text(hash)])
    }

    /// Removes the sections after the first of the file whose row is `id`, one at a time (a
    /// file of 1 GB has thousands: their texts are never held together).
    private func removeSections(of id: Int64) throws {
        sectionsStatement.reset()
        try sectionsStatement.bind([.integer(id)])
        var sections: [Int64] = []
        while try sectionsStatement.step() { sections.append(sectionsStatement.int64(at: 0)) }
        for section in sections {
            sectionTextStatement.reset()
            try sectionTextStatement.bind([.integer(section)])
            guard try sectionTextStatement.step() else { continue }
            let (title, body) = (sectionTextStatement.text(at: 0), sectionTextStatement.text(at: 1))
            sectionTextStatement.reset()
            try deleteFromFTS(id: section, title: title, body: body)
            try run(deleteStatement, [.integer(section)])
        }
    }

    /// Removes the document at `path` (every section of it), if indexed.
    public func remove(path: String) throws {
        guard let old = try existing(path) else { return }
        _ = try countedChanges()
        try deleteFromFTS(id: old.id, title: old.title, body: old.body)
        try removeSections(of: old.id)
        try run(deleteStatement, [.integer(old.id)])
        try abbreviations.forget(document: old.id)
    }

    /// Removes the file whose row is `id` (every section of it), if indexed.
    func remove(id: Int64) throws {
        sectionTextStatement.reset()
        try sectionTextStatement.bind([.integer(id)])
        guard try sectionTextStatement.step() else { return }
        let (title, body) = (sectionTextStatement.text(at: 0), sectionTextStatement.text(at: 1))
        sectionTextStatement.reset()
        _ = try countedChanges()
        try deleteFromFTS(id: id, title: title, body: body)
        try removeSections(of: id)
        try run(deleteStatement, [.integer(id)])
        try abbreviations.forget(document: id)
    }

    private func deleteFromFTS(id: Int64, title: String, body: String) throws {
        let counter: RemovedTerms?
        if let removedTerms {
            counter = removedTerms
        } else if case .byDifference(let written) = upkeep {
            counter = written.removed
        } else {
            counter = nil
        }
        let recordings = counter?.record(title: title, body: body) ?? []
        try index.connection.withPretokenized(recordings) {
            try run(ftsDeleteStatement, [.integer(id), .text(title), .text(body)])
        }
        textChanged = true
        rowsDeleted += 1
        rowsRemoved.append(id)
    }

    /// Records a new size and modification time for a file whose content did not change.
    public func touch(path: String, size: Int64, modificationTime: Int64) throws {
        try run(touchStatement, [.text(path), .integer(size), .integer(modificationTime)])
    }

    /// Reads the abbreviations every stored document defines again (an index made before they
    /// were kept).
    func rebuildAbbreviations() throws {
        try abbreviations.rebuild()
    }

    /// Where a public write's terms are counted, decided at the transaction's first change: nil
    /// when a caller keeps the statistics, or they were not current (then marked stale now).
    private func countedChanges() throws -> WrittenTerms? {
        guard removedTerms == nil else { return nil }
        switch upkeep {
        case .byDifference(let written): return written
        case .stale: return nil
        case .undecided:
            guard try index.statisticsAreCurrent else {
                try markStatisticsStale()
                return nil
            }
            let written = WrittenTerms()
            upkeep = .byDifference(written)
            return written
        }
    }

    /// Applies the counted changes, when the transaction's body has returned (`SearchIndex.write`).
    func finish() throws {
        // Last: it reads what FTS5 holds once the transaction's writes are done.
        defer {
            pairs = nil
            maxima = nil
            rowsWritten = []
            rowsRemoved = []
            textChanged = false
        }
        try finishStatistics()
        guard textChanged, pairs != nil || maxima != nil || lengthsCurrent else { return }
        // FTS5 holds the transaction's writes in memory until a savepoint or the commit: a
        // savepoint writes them out, so that the upkeeps can read them.
        try index.connection.execute("SAVEPOINT stored_postings_upkeep; RELEASE stored_postings_upkeep")
        let rows = Array(Set(rowsWritten)).sorted()
        try pairs?.finish(written: rows)
        try maxima?.finish(written: rows)
        if lengthsCurrent { try StoredRowLengths.update(index.connection, rows: Array(Set(rowsWritten + rowsRemoved)).sorted()) }
    }

    private func finishStatistics() throws {
        guard case .byDifference(let written) = upkeep else { return }
        upkeep = .undecided
        if try !updateTermStatistics(added: [written.added], removed: written.removed.counts, pairs: written.pairs) {
            // A count went negative: the stored statistics did not describe the documents.
            try markStatisticsStale()
        }
    }

    /// The statistics describe the documents now: the count they were computed over (a later
    /// run compares it with the documents it knows) and no stale flag.
    func markStatisticsCurrent() throws {
        let documents = try index.connection.scalarInt("SELECT count(*) FROM documents") ?? 0
        try index.setMeta(.documentCount, String(documents))
        try index.removeMeta(.termStatsStale)
    }

    /// Says the statistics no longer describe the documents, so searches do not plan with them
    /// until `refreshTermStatistics()` or the next indexing run rebuilds them: a word's new accent
    /// form would otherwise be missing from its expansion. This transaction's writes then leave
    /// them alone.
    public func markStatisticsStale() throws {
        try markStatisticsStale(.writes)
    }

    /// `.indexing`: committed with the first change of a `FolderIndexer` run, which updates them
    /// at its end.
    func markStatisticsStale(_ reason: StaleStatistics) throws {
        try index.setMeta(.termStatsStale, reason.rawValue)
        if removedTerms == nil { upkeep = .stale }
    }

    /// Records when indexing last finished.
    public func markIndexed(at time: Int64) throws {
        try index.setMeta(.lastIndexedAt, String(time))
    }
}
