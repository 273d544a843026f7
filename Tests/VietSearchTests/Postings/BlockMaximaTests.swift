import Foundation
import TestSupport
import Testing
import VietSearchSQLite

@testable import VietSearch

/// The stored block maxima (`BlockMaximaBuilder`, `BlockMaxima`, `BlockMaximaUpkeep`): what
/// `optimize` writes is each block's largest ratio of a covered syllable's weighted matches to a
/// row's length normalization, as SQLite's own FTS5 reads the index (`fts5vocab`); library writes
/// keep every value an upper bound; any other change of FTS5's content leaves them unread. That
/// the ranker stays exact with them is `PrunedRankingTests`' property.
@Suite struct BlockMaximaTests {
    static func coveredSyllables(_ connection: SQLiteConnection) throws -> [[UInt8]] {
        var syllables: [[UInt8]] = []
        let statement = try connection.prepare("SELECT syllable FROM pair_postings_syllables ORDER BY syllable")
        while try statement.step() { syllables.append(Array(statement.text(at: 0).utf8)) }
        return syllables
    }

    /// Per covered syllable, each block's largest ratio, computed from FTS5's instances
    /// (`temp.instances`), the rows' sizes and the recorded average, `b` and title weight.
    static func expectedMaxima(_ connection: SQLiteConnection) throws -> [String: [Float]] {
        let state = try connection.prepare("SELECT average, b, title_weight, block_rows FROM block_maxima_state")
        #expect(try state.step())
        let (average, b, titleWeight) = (state.double(at: 0), state.double(at: 1), state.double(at: 2))
        let shift = try #require(BlockMaxima.shift(blockRows: state.int64(at: 3)))
        let covered = Set(try coveredSyllables(connection).map { String(decoding: $0, as: UTF8.self) })
        let instances = try connection.prepare("SELECT term, doc, col FROM temp.instances")
        var counts: [String: [Int64: Double]] = [:]
        while try instances.step() {
            let syllable = String(instances.text(at: 0).split(separator: ":", omittingEmptySubsequences: false)[0])
            guard covered.contains(syllable) else { continue }
            counts[syllable, default: [:]][instances.int64(at: 1), default: 0] += instances.text(at: 2) == "title" ? titleWeight : 1
        }
        let lengths = DocumentLengths()
        try lengths.load(from: connection, table: "documents_fts")
        var maxima: [String: [Float]] = [:]
        for syllable in covered {
            var values: [Float] = []
            for (row, count) in counts[syllable] ?? [:] {
                let block = Int(row >> shift)
                if block >= values.count { values += [Float](repeating: 0, count: block + 1 - values.count) }
                let length = Double(lengths.lengths[Int(row)])
                values[block] = max(values[block], BlockMaxima.roundedUp(count / (1 - b + b * length / average)))
            }
            maxima[syllable] = values
        }
        return maxima
    }

    static func storedMaxima(_ connection: SQLiteConnection) throws -> [String: [Float]] {
        let statement = try connection.prepare("SELECT syllable, maxima FROM block_maxima")
        var maxima: [String: [Float]] = [:]
        while try statement.step() { maxima[statement.text(at: 0)] = statement.withBlob(at: 1) { BlockMaxima.decode($0) } }
        return maxima
    }

    @Test func valuesRoundTripAndRoundUp() {
        var numbers = SeededRandom(seed: 3)
        let values = (0..<300).map { _ in Float.random(in: 0..<1_000, using: &numbers) } + [0, .greatestFiniteMagnitude]
        let encoded = BlockMaxima.encode(values)
        #expect(encoded.count == values.count * 4)
        #expect(encoded.withUnsafeBytes { BlockMaxima.decode($0) } == values)
        for _ in 0..<1_000 {
            let value = Double.random(in: 0..<100, using: &numbers)
            let rounded = BlockMaxima.roundedUp(value)
            #expect(Double(rounded) >= value)
            #expect(Double(rounded.nextDown) < value)
        }
        #expect(BlockMaxima.shift(blockRows: 128) == 7)
        #expect(BlockMaxima.shift(blockRows: 1) == 0)
        #expect(BlockMaxima.shift(blockRows: 96) == nil)
        #expect(BlockMaxima.shift(blockRows: 0) == nil)
    }

    @Test(arguments: [96, 4050])
    func optimizeStoresEachBlocksLargestRatio(pageSize: Int) throws {
        try PrunedRankingTests.withIndex(count: 600, pageSize: pageSize, seed: 11, optimize: true) { index in
            let writable = try SearchIndex(path: index.path, mode: .readWrite)
            let connection = writable.connection
            #expect(try BlockMaxima.areCurrent(connection))
            try connection.execute("CREATE VIRTUAL TABLE temp.instances USING fts5vocab(main, documents_fts, instance)")
            let stored = try Self.storedMaxima(connection)
            #expect(stored.count == (try Self.coveredSyllables(connection)).count)
            #expect(stored.count > 5)
            let expected = try Self.expectedMaxima(connection)
            #expect(stored == expected)
            // Small blocks (`withIndex` with small pages) or `optimize`'s own.
            let blockRows = try connection.scalarInt("SELECT block_rows FROM block_maxima_state")
            #expect(blockRows == (pageSize < 1_000 ? 4 : 1 << BlockMaxima.blockShift))
        }
    }

    @Test func writesKeepThemUpperBoundsAndEveryOtherChangeLeavesThemUnread() throws {
        try PrunedRankingTests.withIndex(count: 400, pageSize: 4050, seed: 5, optimize: true) { index in
            let writable = try SearchIndex(path: index.path, mode: .readWrite)
            let connection = writable.connection
            let before = try Self.storedMaxima(connection)
            let rows = try #require(try connection.scalarInt("SELECT max(id) FROM documents"))
            // Rewritten rows (each title the most common word, many times) and new rows past the
            // last block.
            try writable.write { writer in
                for id in stride(from: 0, to: 400, by: 37) {
                    let body = String(repeating: "là có của ", count: 30)
                    try writer.upsert(
                        IndexedDocument(
                            path: "/d/\(id).txt", title: "là là", body: body, size: Int64(body.utf8.count), modificationTime: 9,
                            hash: "\(id)-again", encoding: "utf-8", format: "txt"))
                }
                for id in 0..<300 {
                    let body = "người có \(id) " + String(repeating: "của ", count: id % 7)
                    try writer.upsert(
                        IndexedDocument(
                            path: "/new/\(id).txt", title: "", body: body, size: Int64(body.utf8.count), modificationTime: 9,
                            hash: "new-\(id)", encoding: "utf-8", format: "txt"))
                }
                try writer.remove(path: "/d/5.txt")
            }
            #expect(try BlockMaxima.areCurrent(connection))
            try connection.execute("CREATE VIRTUAL TABLE temp.instances USING fts5vocab(main, documents_fts, instance)")
            let stored = try Self.storedMaxima(connection)
            let expected = try Self.expectedMaxima(connection)
            var raised = 0
            for (syllable, values) in expected {
                let kept = stored[syllable] ?? []
                for (block, value) in values.enumerated() where value > 0 {
                    #expect(block < kept.count && kept[block] >= value, "\(syllable) block \(block)")
                    if block < (before[syllable] ?? []).count, kept[block] > before[syllable]![block] { raised += 1 }
                }
            }
            #expect(raised > 0)
            #expect((stored["nguoi"] ?? []).count > Int(rows >> 7) + 1)

            // Plain SQL on FTS5: unread until the next optimize.
            try connection.execute("INSERT INTO documents_fts(rowid, title, body) VALUES (100000, '', 'là có của')")
            #expect(try !BlockMaxima.areCurrent(connection))
            try connection.execute("INSERT INTO documents_fts(documents_fts, rowid, title, body) VALUES ('delete', 100000, '', 'là có của')")
            _ = try writable.optimize()
            #expect(try BlockMaxima.areCurrent(connection))
            #expect(try Self.storedMaxima(connection) == Self.expectedMaxima(connection))
        }
    }
}
