import VietSearchSQLite

/// The stored pair counts (`term_pair_blocks`): blocks of entries in fingerprint order, each a
/// row keyed by its first fingerprint and encoded as a `TermPairTable`, with the sum of every
/// term's document count in `vietsearch_meta` (`term_document_count`, present when the index has
/// pair counts).
///
/// In blocks so that a change rewrites only the blocks it touches: a changed file's pairs fall
/// in a few dozen small rows, where one row for the whole table would be decoded, merged and
/// written whole (with copies in memory) by every run that changed anything. An indexing run
/// also merges its counts in here as it goes, whenever they outgrow their share of the memory
/// budget (`TermPairSink`).
struct TermPairBlocks {
    /// Entries per block written; a merged block is split when it grows past twice this.
    static let blockEntries = 512

    let connection: SQLiteConnection

    /// The sum of every term's document count, or nil when the index has no pair counts.
    func termDocumentCount() throws -> Int? {
        try connection.scalarText("SELECT value FROM vietsearch_meta WHERE key = ?1", [.text(MetaKey.termDocumentCount.rawValue)])
            .flatMap { Int($0) }
    }

    func setTermDocumentCount(_ value: Int) throws {
        let statement = try connection.prepare("INSERT OR REPLACE INTO vietsearch_meta(key, value) VALUES (?1, ?2)")
        try statement.bind([.text(MetaKey.termDocumentCount.rawValue), .text(String(value))])
        try statement.step()
    }

    /// Every block, joined for lookups; nil when the index has no pair counts in blocks.
    func load() throws -> TermPairTable? {
        guard let total = try termDocumentCount() else { return nil }
        let statement = try connection.prepare("SELECT data FROM term_pair_blocks ORDER BY first")
        var tables: [TermPairTable] = []
        while try statement.step() {
            guard let table = TermPairTable(bytes: statement.blob(at: 0)) else { return nil }
            tables.append(table)
        }
        return TermPairTable(joining: tables, termDocumentCount: total)
    }

    /// No pair counts at all (before counting them again from the stored text).
    func removeAll() throws {
        try connection.execute("DELETE FROM term_pair_blocks; DELETE FROM term_pairs")
        let statement = try connection.prepare("DELETE FROM vietsearch_meta WHERE key = ?1")
        try statement.bind([.text(MetaKey.termDocumentCount.rawValue)])
        try statement.step()
    }

    /// Empty counts (a new index, or one about to count its pairs from the stored text).
    func start() throws {
        try removeAll()
        try setTermDocumentCount(0)
    }

    /// Moves the counts of an index made before blocks (one row of `term_pairs`) into blocks;
    /// false when it has neither.
    func adoptSingleRow() throws -> Bool {
        if try termDocumentCount() != nil { return true }
        let statement = try connection.prepare("SELECT data FROM term_pairs WHERE id = 1")
        guard try statement.step(), let table = TermPairTable(bytes: statement.blob(at: 0)) else { return false }
        statement.reset()
        try start()
        try write(table.entries()[...])
        try setTermDocumentCount(table.termDocumentCount)
        return true
    }

    /// Adds `change` (sorted by fingerprint, counts of either sign) to the stored counts,
    /// rewriting only the blocks it falls in. False when a count would go below zero (the stored
    /// counts did not describe the documents; blocks already merged stay merged, so the caller
    /// marks the statistics stale for a rebuild).
    func merge(_ change: [TermPairCounter.Entry]) throws -> Bool {
        let floor = try connection.prepare("SELECT first, data FROM term_pair_blocks WHERE first <= ?1 ORDER BY first DESC LIMIT 1")
        let above = try connection.prepare("SELECT first, data FROM term_pair_blocks WHERE first > ?1 ORDER BY first LIMIT 1")
        var start = 0
        while start < change.count {
            let fingerprint = Int64(change[start].fingerprint)
            // The block holding this fingerprint's place: the last starting at or before it, or
            // the first block when it comes before every block.
            guard let block = try Self.block(floor, fingerprint) ?? Self.block(above, -1) else {
                // No blocks yet: the change is the counts, written as it is (a filtered copy of
                // millions of entries would be the largest thing a run holds).
                guard change[start...].allSatisfy({ $0.count > 0 }) else { return false }
                try write(change[start...])
                return true
            }
            let next = try Self.block(above, block.first)?.first
            var end = start
            while end < change.count && (next == nil || Int64(change[end].fingerprint) < next!) { end += 1 }
            guard let merged = Self.merged(block.table.entries(), change[start..<end]) else { return false }
            try delete(first: block.first)
            try write(merged[...])
            start = end
        }
        return true
    }

    private static func block(_ statement: SQLiteStatement, _ fingerprint: Int64) throws -> (first: Int64, table: TermPairTable)? {
        statement.reset()
        try statement.bind([.integer(fingerprint)])
        guard try statement.step(), let table = TermPairTable(bytes: statement.blob(at: 1)) else { return nil }
        let first = statement.int64(at: 0)
        statement.reset()
        return (first, table)
    }

    /// `old` plus `change`, zeros dropped; nil when a count goes below zero.
    static func merged(_ old: [TermPairCounter.Entry], _ change: ArraySlice<TermPairCounter.Entry>) -> [TermPairCounter.Entry]? {
        var result: [TermPairCounter.Entry] = []
        result.reserveCapacity(old.count + change.count)
        var first = 0
        var second = change.startIndex
        while first < old.count || second < change.endIndex {
            let entry: TermPairCounter.Entry
            if second == change.endIndex || (first < old.count && old[first].fingerprint < change[second].fingerprint) {
                entry = old[first]
                first += 1
            } else if first == old.count || change[second].fingerprint < old[first].fingerprint {
                entry = change[second]
                second += 1
            } else {
                entry = TermPairCounter.Entry(fingerprint: old[first].fingerprint, count: old[first].count &+ change[second].count)
                first += 1
                second += 1
            }
            if entry.count < 0 { return nil }
            if entry.count > 0 { result.append(entry) }
        }
        return result
    }

    private func delete(first: Int64) throws {
        let statement = try connection.prepare("DELETE FROM term_pair_blocks WHERE first = ?1")
        try statement.bind([.integer(first)])
        try statement.step()
    }

    /// Writes entries (sorted, positive, in no stored block's range) as blocks of about
    /// `blockEntries` (up to twice that in one block).
    private func write(_ entries: ArraySlice<TermPairCounter.Entry>) throws {
        guard !entries.isEmpty else { return }
        let insert = try connection.prepare("INSERT INTO term_pair_blocks(first, data) VALUES (?1, ?2)")
        let blocks = max(1, entries.count / Self.blockEntries)
        for number in 0..<blocks {
            let lower = entries.startIndex + entries.count * number / blocks
            let upper = entries.startIndex + entries.count * (number + 1) / blocks
            let table = TermPairTable(sortedEntries: Array(entries[lower..<upper]), termDocumentCount: 0)
            insert.reset()
            try insert.bind([.integer(Int64(entries[lower].fingerprint)), .blob(table.bytes)])
            try insert.step()
        }
    }
}
