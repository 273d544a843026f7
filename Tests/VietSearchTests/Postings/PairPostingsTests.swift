import Foundation
import TestSupport
import Testing
import VietSearchSQLite

@testable import VietSearch

/// The stored pair postings (`PairPostingsBuilder`, `PairPostings`, `PairPostingsUpkeep`): what
/// `optimize` writes is exactly the rows where two covered syllables are adjacent, as SQLite's own
/// FTS5 reads the index (`fts5vocab`); writes through the library add the rows they write; and
/// any other change of FTS5's content leaves them unread.
@Suite struct PairPostingsTests {
    /// Every pair of covered syllables adjacent in a column, with its rows, from FTS5's instances
    /// (`temp.instances`).
    static func expectedPairs(_ connection: SQLiteConnection, covered: Set<String>) throws -> [String: [Int64]] {
        let statement = try connection.prepare("SELECT term, doc, col, offset FROM temp.instances")
        var places: [Int64: [String: Set<String>]] = [:]
        while try statement.step() {
            let syllable = String(statement.text(at: 0).split(separator: ":", omittingEmptySubsequences: false)[0])
            guard covered.contains(syllable) else { continue }
            places[statement.int64(at: 1), default: [:]]["\(statement.text(at: 2)) \(statement.int64(at: 3))", default: []].insert(syllable)
        }
        var pairs: [String: Set<Int64>] = [:]
        for (row, byPlace) in places {
            for (place, firsts) in byPlace {
                let parts = place.split(separator: " ")
                guard let seconds = byPlace["\(parts[0]) \(Int(parts[1])! + 1)"] else { continue }
                for first in firsts {
                    for second in seconds { pairs["\(first) \(second)", default: []].insert(row) }
                }
            }
        }
        return pairs.mapValues { $0.sorted() }
    }

    /// The stored pairs, decoded.
    static func storedPairs(_ connection: SQLiteConnection) throws -> [String: [Int64]] {
        let statement = try connection.prepare("SELECT pair, first, rows FROM pair_postings ORDER BY pair, first")
        var pairs: [String: [Int64]] = [:]
        while try statement.step() {
            var rows: [Int64] = []
            let first = statement.int64(at: 1)
            statement.withBlob(at: 2) { PairPostings.decode($0, from: first, into: &rows) }
            #expect(rows.first == first)
            pairs[statement.text(at: 0), default: []] += rows
        }
        return pairs
    }

    /// A chunk decoded within a range gives the rows of the whole chunk that the range holds,
    /// for random chunks and ranges (gaps of one byte and of several).
    @Test func decodingWithinARangeKeepsItsRows() {
        var numbers = SeededRandom(seed: 11)
        for _ in 0..<200 {
            var list = PairLists.List()
            var row = Int64.random(in: 0..<50, using: &numbers)
            for _ in 0..<Int.random(in: 1..<40, using: &numbers) {
                list.append(row, chunkBytes: 1 << 20)
                row += Int64.random(in: 1..<(Bool.random(using: &numbers) ? 5 : 400), using: &numbers)
            }
            let chunk = list.chunks[0]
            var all: [Int64] = []
            chunk.bytes.withUnsafeBytes { PairPostings.decode($0, from: chunk.first, into: &all) }
            #expect(all.count == list.count)
            let bounds = [Int64.random(in: -10..<row + 10, using: &numbers), Int64.random(in: -10..<row + 10, using: &numbers)].sorted()
            var within: [Int64] = []
            chunk.bytes.withUnsafeBytes { PairPostings.decode($0, from: chunk.first, within: bounds[0]...bounds[1], into: &within) }
            #expect(within == all.filter((bounds[0]...bounds[1]).contains))
        }
    }

    /// Lists kept in a table of every pair and in a dictionary (past `tableSyllables`) are the
    /// same, in key order, for random batches of positions.
    @Test func tableAndDictionaryListsAgree() {
        var numbers = SeededRandom(seed: 5)
        var table = PairLists(syllables: 40, chunkBytes: 6, hashed: false)
        var hashed = PairLists(syllables: 40, chunkBytes: 6, hashed: true)
        for batch in 0..<20 {
            var places = (0..<400).map { _ in
                PairLists.packed(
                    row: Int.random(in: 0..<30, using: &numbers), place: Int.random(in: 0..<60, using: &numbers),
                    syllable: UInt32.random(in: 0..<40, using: &numbers))
            }
            var copy = places
            table.add(places: &places, columns: 2) { Int64(batch * 100 + $0) }
            hashed.add(places: &copy, columns: 2) { Int64(batch * 100 + $0) }
        }
        let fromTable = table.all
        let fromHashed = hashed.all
        #expect(fromTable.count > 100)
        #expect(fromTable.map(\.key) == fromHashed.map(\.key))
        #expect(fromTable.map(\.key) == fromTable.map(\.key).sorted())
        for (one, other) in zip(fromTable, fromHashed) {
            #expect(one.list.count == other.list.count)
            #expect(one.list.chunks.map(\.first) == other.list.chunks.map(\.first))
            #expect(one.list.chunks.map(\.bytes) == other.list.chunks.map(\.bytes))
        }
    }

    @Test(arguments: [96, 4050])
    func optimizeStoresTheAdjacentPairsOfCommonSyllables(pageSize: Int) throws {
        try PrunedRankingTests.withIndex(count: 600, pageSize: pageSize, seed: 11, optimize: true) { index in
            let writable = try SearchIndex(path: index.path, mode: .readWrite)
            let connection = writable.connection
            #expect(try PairPostings.areCurrent(connection))
            try connection.execute("CREATE VIRTUAL TABLE temp.instances USING fts5vocab(main, documents_fts, instance)")
            var covered = Set<String>()
            let syllables = try connection.prepare("SELECT syllable FROM pair_postings_syllables")
            while try syllables.step() { covered.insert(syllables.text(at: 0)) }
            // The syllables in at least a tenth of the rows, counted here from FTS5's instances.
            let rows = try #require(try connection.scalarInt("SELECT count(*) FROM documents_fts"))
            let counts = try connection.prepare(
                "SELECT substr(term, 1, instr(term, ':') - 1) AS syllable, count(DISTINCT doc) FROM temp.instances GROUP BY syllable")
            var common = Set<String>()
            while try counts.step() {
                if Double(counts.int64(at: 1)) >= Double(rows) * PairPostingsBuilder.share { common.insert(counts.text(at: 0)) }
            }
            #expect(covered == common)
            #expect(covered.isSuperset(of: ["la", "co", "cua", "va"]))
            let stored = try Self.storedPairs(connection)
            #expect(stored.count > 20)
            let expected = try Self.expectedPairs(connection, covered: covered)
            #expect(stored == expected)
            // In chunks of a few rows each, the same rows; and each range read from them.
            let lengths = DocumentLengths()
            try lengths.load(from: connection, table: "documents_fts")
            _ = try connection.transaction { try PairPostingsBuilder(connection: connection, chunkBytes: 3).rebuild(lengths: lengths.lengths) }
            #expect(try Self.storedPairs(connection) == expected)
            #expect(try connection.scalarInt("SELECT count(*) FROM pair_postings") ?? 0 > Int64(stored.count * 3))
            for (number, (pair, rows)) in expected.sorted(by: { $0.key < $1.key }).enumerated() where number % 7 == 0 {
                let words = pair.split(separator: " ").map(String.init)
                let query = RankingQuery.pair(words[0], words[1])
                for range in [Int64.min...Int64.max, 0...150, 151...Int64.max, 37...38, 200...420] {
                    let read = try PairPostings.rows(for: query, in: range, connection: connection)
                    #expect(read[0] == nil)
                    #expect(read[1] == rows.filter(range.contains), "\(pair) \(range)")
                }
            }
        }
    }

    /// A phrase query is ranked from the stored pairs only when each of its routing phrases has
    /// two consecutive syllables with pairs stored, and the pairs are current.
    @Test func phrasesAreCoveredWhenTwoConsecutiveSyllablesHavePairs() throws {
        try PrunedRankingTests.withIndex(count: 300, pageSize: 4050, seed: 12, optimize: true) { index in
            let writable = try SearchIndex(path: index.path, mode: .readWrite)
            let connection = writable.connection
            var covered: [String] = []
            let syllables = try connection.prepare("SELECT syllable FROM pair_postings_syllables ORDER BY syllable")
            while try syllables.step() { covered.append(syllables.text(at: 0)) }
            try #require(covered.count >= 2)
            let (one, other) = (covered[0], covered[1])
            let cases: [([[String]], Bool)] = [
                ([[one, other]], true),
                ([["qxz", one, other]], true),
                ([[one, "qxz", other]], false),
                ([[one, other], [other, "qxz"]], false),
                ([[one]], true),
            ]
            for (phrases, expected) in cases {
                let query = RankingQuery.phrases(phrases)
                #expect(try PairPostings.coverRoutingPhrases(of: query, connection: connection) == expected, "\(phrases)")
            }
            // A row written into FTS5 by plain SQL: the pairs no longer describe the index.
            try connection.execute("INSERT INTO documents_fts(rowid, title, body) VALUES (1000000, 'một', 'hai ba')")
            #expect(try !PairPostings.coverRoutingPhrases(of: RankingQuery.phrases([[one, other]]), connection: connection))
        }
    }

    /// The stored rows and those added since (`pair_postings_added`), by pair.
    static func allPairs(_ connection: SQLiteConnection) throws -> [String: [Int64]] {
        var pairs = try storedPairs(connection)
        let added = try connection.prepare("SELECT pair, row FROM pair_postings_added")
        while try added.step() { pairs[added.text(at: 0), default: []].append(added.int64(at: 1)) }
        return pairs.mapValues { Array(Set($0)).sorted() }
    }

    @Test func writesKeepThemCurrentAndEveryOtherChangeLeavesThemUnread() throws {
        try withTemporaryFolder("vietsearch-pairs") { folder throws in
            let index = try SearchIndex(path: folder.appendingPathComponent("index.db").path, mode: .readWrite)
            #expect(try !PairPostings.areCurrent(index.connection))
            func write(_ documents: [(String, String)]) throws {
                try index.write { writer in
                    for (path, body) in documents {
                        try writer.upsert(
                            IndexedDocument(
                                path: path, title: "", body: body, size: Int64(body.utf8.count), modificationTime: 1, hash: body,
                                encoding: "utf-8", format: "txt"))
                    }
                    try writer.refreshTermStatistics()
                }
            }
            try write([("/a.txt", "xây dựng đảng vững mạnh"), ("/b.txt", "xây dựng nông thôn mới")])
            _ = try index.optimize()
            #expect(try PairPostings.areCurrent(index.connection))
            #expect(try Self.storedPairs(index.connection)["xay dung"] == [1, 2])

            // An update of a row the pairs hold, and a new row: added, and still current. The
            // old text's pair stays (a superset is safe).
            try write([("/b.txt", "dựng xây nông thôn mới"), ("/c.txt", "nông thôn xây dựng")])
            #expect(try PairPostings.areCurrent(index.connection))
            var pairs = try Self.allPairs(index.connection)
            #expect(pairs["xay dung"] == [1, 2, 3])
            #expect(pairs["dung xay"] == [2])
            #expect(pairs["thon xay"] == [3])
            // A removal: nothing to add, and still current.
            try index.write { writer in try writer.remove(path: "/a.txt") }
            #expect(try PairPostings.areCurrent(index.connection))

            // Settings change FTS5's cookie, not its content.
            try index.connection.execute("INSERT INTO documents_fts(documents_fts, rank) VALUES('automerge', 8)")
            #expect(try PairPostings.areCurrent(index.connection))

            // Plain SQL on FTS5: unread until the next optimize, which stores only what is there.
            try index.connection.execute("INSERT INTO documents_fts(rowid, title, body) VALUES (99, '', 'xây dựng cầu')")
            #expect(try !PairPostings.areCurrent(index.connection))
            try index.connection.execute("INSERT INTO documents_fts(documents_fts, rowid, title, body) VALUES ('delete', 99, '', 'xây dựng cầu')")
            _ = try index.optimize()
            #expect(try PairPostings.areCurrent(index.connection))
            pairs = try Self.allPairs(index.connection)
            #expect(pairs["xay dung"] == [3])
            #expect(try index.connection.scalarInt("SELECT count(*) FROM pair_postings_added") == 0)

            // New rows, any number: chunks above the rows the pairs held, exactly the index's pairs.
            let texts = ["xây dựng số", "nông thôn xây", "đảng xây dựng nông thôn"]
            try write((0..<98).map { ("/many/\($0).txt", "\(texts[$0 % 3]) \($0)") })
            #expect(try PairPostings.areCurrent(index.connection))
            #expect(try index.connection.scalarInt("SELECT count(*) FROM pair_postings_added") == 0)
            #expect(try index.connection.scalarInt("SELECT count(*) FROM pair_postings WHERE first > 3") ?? 0 > 0)
            try index.connection.execute("CREATE VIRTUAL TABLE temp.instances USING fts5vocab(main, documents_fts, instance)")
            var covered = Set<String>()
            let syllables = try index.connection.prepare("SELECT syllable FROM pair_postings_syllables")
            while try syllables.step() { covered.insert(syllables.text(at: 0)) }
            #expect(try Self.allPairs(index.connection) == Self.expectedPairs(index.connection, covered: covered))

            // More rows rewritten since optimize than the upkeep takes (64 + 100 / 32 = 67):
            // given up, not stale.
            try write((0..<68).map { ("/many/\($0).txt", "xây dựng lại \($0)") })
            #expect(try !PairPostings.areCurrent(index.connection))
            _ = try index.optimize()
            #expect(try PairPostings.areCurrent(index.connection))
        }
    }
}

extension RankingQuery {
    /// One routing word whose phrases are `phrases`, each of syllables typed without marks.
    static func phrases(_ phrases: [[String]]) -> RankingQuery {
        let phrases = phrases.map { syllables in
            Phrase(
                tokens: syllables.map { Token(bytes: Array(($0 + ":").utf8), isPrefix: true, written: "\"\($0)\u{2}\"*") },
                countsAsAny: true, countsAsExact: false)
        }
        var plan = VietnameseRankingPlan()
        plan.words = [.init(anyWeight: 1, exactWeight: 0, pairWeight: 0, isRequired: true, isAccented: false, length: 1)]
        return RankingQuery(
            words: [Word(phrases: phrases, routes: true, routesTypedOnly: false, documents: 1, typedDocuments: 0)], plan: plan, excluded: [])
    }

    /// Two words typed without marks (every accent form of each), the second scored beside the first.
    static func pair(_ first: String, _ second: String) -> RankingQuery {
        func word(_ syllable: String) -> Word {
            let token = Token(bytes: Array((syllable + ":").utf8), isPrefix: true, written: "\"\(syllable)\u{2}\"*")
            return Word(
                phrases: [Phrase(tokens: [token], countsAsAny: true, countsAsExact: false)], routes: true, routesTypedOnly: false,
                documents: 1, typedDocuments: 0)
        }
        var plan = VietnameseRankingPlan()
        plan.words = [
            .init(anyWeight: 1, exactWeight: 0, pairWeight: 0, isRequired: true, isAccented: false, length: 1),
            .init(anyWeight: 1, exactWeight: 0, pairWeight: 1, isRequired: true, isAccented: false, length: 1),
        ]
        return RankingQuery(words: [word(first), word(second)], plan: plan, excluded: [])
    }
}
