import VietSearchSQLite

/// Pair counts read from `term_pair_blocks` only where the fingerprints asked for fall: what a
/// process that restores one question needs (a command-line search). Joining every block into
/// one table (`TermPairBlocks.load`) reads the whole of it, megabytes on a large index, for a few
/// hundred lookups; `SearchIndex.termPairs()` does that only for a connection's later questions.
///
/// Blocks read are kept, so a block is decoded once. A block that is not a table counts nothing.
final class TermPairBlockReader: PairCounts {
    let termDocumentCount: Int
    /// The first fingerprint of the block a fingerprint falls in: the last block starting at or
    /// before it (none: before every block, so absent).
    private let blockStart: SQLiteStatement
    private let blockData: SQLiteStatement
    private var blocks: [Int64: TermPairTable?] = [:]
    /// Questions it has counted pairs for.
    private(set) var questions = 0

    init(connection: SQLiteConnection, termDocumentCount: Int) throws {
        self.termDocumentCount = termDocumentCount
        blockStart = try connection.prepare("SELECT first FROM term_pair_blocks WHERE first <= ?1 ORDER BY first DESC LIMIT 1")
        blockData = try connection.prepare("SELECT data FROM term_pair_blocks WHERE first = ?1")
    }

    func counts(of fingerprints: [UInt32]) throws -> [Int] {
        questions += 1
        // Reset once read: a statement left on a row keeps its read transaction open.
        defer {
            blockStart.reset()
            blockData.reset()
        }
        var result = [Int](repeating: 0, count: fingerprints.count)
        // In fingerprint order, so that the fingerprints of one block come together.
        var current: (first: Int64, table: TermPairTable?)?
        var previous: UInt32?
        for index in fingerprints.indices.sorted(by: { fingerprints[$0] < fingerprints[$1] }) {
            let fingerprint = fingerprints[index]
            if fingerprint != previous {
                previous = fingerprint
                guard try blockStart.stepOnce(binding: Int64(fingerprint)) else {
                    current = nil
                    continue
                }
                let first = blockStart.int64(at: 0)
                if current?.first != first { current = (first, try block(first)) }
            }
            if let table = current?.table { result[index] = table.count(of: fingerprint) }
        }
        return result
    }

    private func block(_ first: Int64) throws -> TermPairTable? {
        if let kept = blocks[first] { return kept }
        var table: TermPairTable?
        if try blockData.stepOnce(binding: first) { table = TermPairTable(bytes: blockData.blob(at: 0)) }
        blocks[first] = table
        return table
    }
}
