import Foundation
import TestSupport
import Testing
import VietSearchSQLite

@testable import VietSearch

/// The reader of FTS5's on-disk records (`FTS5Records`, `TermPostings`) must see exactly what FTS5
/// sees: for every term, the rows and positions that `fts5vocab`'s `instance` table lists, on
/// indexes made to exercise the format: several segments, updates and deletions (delete markers),
/// incremental merges left half done (trimmed segments), `optimize`, tiny pages (doclists and
/// position lists across many pages, doclist indexes of several levels) and FTS5's default pages.
@Suite struct FTS5RecordsTests {

    /// A word list where a few words are very common (long doclists) and most are rare.
    static let words = (0..<60).map { "w\($0)" } + ["alpha", "alphabet", "alpine", "beta", "betamax", "zeta"]

    static func text(_ numbers: inout SeededRandom, length: Int) -> String {
        (0..<length).map { _ -> String in
            // Skewed: word i is drawn about 1/(i+1) as often as word 0.
            let pick = Int(Double(words.count) * pow(Double.random(in: 0..<1, using: &numbers), 3))
            return words[min(pick, words.count - 1)]
        }.joined(separator: " ")
    }

    /// What fts5vocab says the table holds: term → rowid → (column << 32 | offset), in order.
    static func instances(_ connection: SQLiteConnection, table: String) throws -> [String: [Int64: [Int64]]] {
        try connection.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_i USING fts5vocab(main, '\(table)', 'instance')")
        var columns: [String: Int64] = [:]
        let info = try connection.prepare("SELECT cid, name FROM pragma_table_info('\(table)')")
        while try info.step() { columns[info.text(at: 1)] = info.int64(at: 0) }
        let statement = try connection.prepare("SELECT term, doc, col, offset FROM temp.vocab_i")
        var result: [String: [Int64: [Int64]]] = [:]
        while try statement.step() {
            let column = try #require(columns[statement.text(at: 2)])
            result[statement.text(at: 0), default: [:]][statement.int64(at: 1), default: []].append(column << 32 | statement.int64(at: 3))
        }
        return result
    }

    /// What the index's records hold that the reader must handle: (segments, trimmed segments,
    /// doclist-index records, of which above level 0, position lists longer than a page).
    static func shape(_ connection: SQLiteConnection, table: String) throws -> (Int, Int, Int, Int, Int) {
        let records = try FTS5Records(connection: connection, table: table)
        let segments = try records.layout().segments
        let data = FTS5Records.quoted(table + "_data")
        let doclistIndexes = try connection.scalarInt("SELECT count(*) FROM \(data) WHERE id >> 36 & 1 = 1") ?? 0
        let upper = try connection.scalarInt("SELECT count(*) FROM \(data) WHERE id >> 36 & 1 = 1 AND id >> 31 & 31 > 0") ?? 0
        let pageSize = try connection.scalarInt("SELECT v FROM \(FTS5Records.quoted(table + "_config")) WHERE k = 'pgsz'") ?? 4050
        let longLists = try connection.scalarInt(
            "SELECT count(*) FROM (SELECT count(*) AS n FROM temp.vocab_i GROUP BY term, doc) WHERE n > ?1", [.integer(pageSize)]) ?? 0
        return (segments.count, segments.filter { $0.firstLeaf > 1 }.count, Int(doclistIndexes), Int(upper), Int(longLists))
    }

    /// The position list as (column << 32 | offset) values (`sqlite3Fts5PoslistNext64`).
    static func decode(_ list: UnsafeBufferPointer<UInt8>) -> [Int64] {
        var positions: [Int64] = []
        var padded = Array(list) + Array(repeating: 0, count: 16)
        var offset = 0
        var column: Int64 = 0
        var previous: Int64 = 0
        padded.withUnsafeMutableBufferPointer { bytes in
            let base = UnsafePointer(bytes.baseAddress!)
            while offset < list.count {
                var value = Int64(FTS5Page.varint(base, &offset))
                if value == 1 {
                    column = Int64(FTS5Page.varint(base, &offset))
                    previous = 0
                    value = Int64(FTS5Page.varint(base, &offset))
                    previous = value - 2
                } else {
                    previous += value - 2
                }
                positions.append(column << 32 | previous)
            }
        }
        _ = padded
        return positions
    }

    /// Everything the reader sees for `term`.
    static func read(_ postings: TermPostings) throws -> [Int64: [Int64]] {
        var rows: [Int64: [Int64]] = [:]
        while !postings.atEnd {
            #expect(rows[postings.rowid] == nil, "rowids must increase")
            rows[postings.rowid] = try postings.withPositions { decode($0) }
            try postings.next()
        }
        return rows
    }

    /// The first row where two readings differ, as text (nil when they agree).
    static func difference(_ seen: [Int64: [Int64]], _ expected: [Int64: [Int64]]) -> String? {
        for rowid in Set(seen.keys).union(expected.keys).sorted() where seen[rowid] != expected[rowid] {
            return "row \(rowid): read \(seen[rowid].map { "\($0)" } ?? "nothing"), expected \(expected[rowid].map { "\($0)" } ?? "nothing")"
        }
        return nil
    }

    /// Compares the reader with fts5vocab for every term, every prefix of one or two bytes, and
    /// seeks to random rowids.
    static func check(_ connection: SQLiteConnection, table: String, numbers: inout SeededRandom) throws {
        let expected = try instances(connection, table: table)
        try connection.execute("BEGIN")
        defer { try? connection.execute("COMMIT") }
        let records = try FTS5Records(connection: connection, table: table)
        let layout = try records.layout()
        for (term, rows) in expected {
            let key = [FTS5Records.mainIndexPrefix] + Array(term.utf8)
            let postings = try #require(try records.postings(of: key, in: layout), "\(term)")
            #expect(difference(try read(postings), rows) == nil, "\(table): \(term)")
            // Seeks: to random targets in increasing order, each landing on the first row at or
            // after it.
            let sorted = rows.keys.sorted()
            let seeker = try #require(try records.postings(of: key, in: layout))
            var target: Int64 = 0
            for _ in 0..<20 {
                target += Int64.random(in: 1...Int64(max(2, (sorted.last ?? 1) / 10)), using: &numbers)
                try seeker.seek(to: target)
                let want = sorted.first { $0 >= target }
                #expect(seeker.atEnd == (want == nil), "\(table): seek \(term) to \(target)")
                if let want, !seeker.atEnd {
                    #expect(seeker.rowid == want, "\(table): seek \(term) to \(target)")
                    #expect(try seeker.withPositions { decode($0) } == rows[want])
                }
            }
        }
        #expect(try records.postings(of: [FTS5Records.mainIndexPrefix] + Array("nosuchterm".utf8), in: layout) == nil)
        for prefix in ["w1", "alp", "b", "w", "zz"] {
            let key = [FTS5Records.mainIndexPrefix] + Array(prefix.utf8)
            let found = try records.postings(ofTermsWithPrefix: key, in: layout)
            let names = found.map { String(decoding: $0.term.dropFirst(), as: UTF8.self) }
            #expect(names == expected.keys.filter { $0.hasPrefix(prefix) }.sorted(), "\(table): prefix \(prefix)")
            for postings in found {
                #expect(difference(try read(postings), expected[String(decoding: postings.term.dropFirst(), as: UTF8.self)] ?? [:]) == nil)
            }
        }
    }

    /// Builds a table in several transactions with updates and deletions, then checks it; again
    /// after a partial incremental merge, and after `optimize`.
    static func exercise(pageSize: Int?, documents: Int, maximumLength: Int, seed: UInt64) throws
        -> (built: (Int, Int, Int, Int, Int), merging: (Int, Int, Int, Int, Int), optimized: (Int, Int, Int, Int, Int))
    {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fts5-records-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let connection = try SQLiteConnection(path: path)
        try connection.execute("CREATE VIRTUAL TABLE t USING fts5(title, body)")
        if let pageSize { try connection.execute("INSERT INTO t(t, rank) VALUES('pgsz', \(pageSize))") }
        // Merge rarely on its own, so segments pile up.
        try connection.execute("INSERT INTO t(t, rank) VALUES('automerge', 16)")
        var numbers = SeededRandom(seed: seed)
        let insert = try connection.prepare("INSERT OR REPLACE INTO t(rowid, title, body) VALUES (?1, ?2, ?3)")
        var next: Int64 = 1
        for batch in 0..<6 {
            try connection.transaction {
                for _ in 0..<(documents / 6) {
                    // Rowids with gaps; some rows rewritten (an update: delete then insert).
                    let rewrite = batch > 0 && Int.random(in: 0..<5, using: &numbers) == 0
                    let rowid = rewrite ? Int64.random(in: 1..<next, using: &numbers) : next
                    if !rewrite { next += Int64.random(in: 1...3, using: &numbers) }
                    insert.reset()
                    try insert.bind([
                        .integer(rowid), .text(text(&numbers, length: 2)),
                        .text(text(&numbers, length: Int.random(in: 1...maximumLength, using: &numbers))),
                    ])
                    try insert.step()
                }
                if batch > 1 {
                    try connection.execute("DELETE FROM t WHERE rowid IN (SELECT rowid FROM t ORDER BY random() LIMIT 5)")
                }
            }
        }
        try check(connection, table: "t", numbers: &numbers)
        let built = try shape(connection, table: "t")
        // Half an incremental merge: the merged segments are trimmed, their first pages rewritten.
        try connection.execute("INSERT INTO t(t, rank) VALUES('merge', 3)")
        try check(connection, table: "t", numbers: &numbers)
        let merging = try shape(connection, table: "t")
        try connection.execute("INSERT INTO t(t) VALUES('optimize')")
        try check(connection, table: "t", numbers: &numbers)
        let optimized = try shape(connection, table: "t")
        return (built, merging, optimized)
    }

    @Test func tinyPages() throws {
        let shapes = try Self.exercise(pageSize: 32, documents: 300, maximumLength: 120, seed: 1)
        // The cases the test is for did occur.
        #expect(shapes.built.0 > 1 && shapes.merging.1 > 0 && shapes.optimized.0 == 1)
        #expect(shapes.built.2 > 0 && shapes.built.3 > 0 && shapes.built.4 > 0)
    }

    @Test func smallPages() throws {
        let shapes = try Self.exercise(pageSize: 128, documents: 300, maximumLength: 900, seed: 2)
        #expect(shapes.built.0 > 1 && shapes.merging.1 > 0 && shapes.built.2 > 0 && shapes.built.4 > 0)
    }

    @Test func defaultPages() throws {
        // Doclists long enough for doclist indexes at FTS5's own page size.
        let shapes = try Self.exercise(pageSize: nil, documents: 2_400, maximumLength: 40, seed: 3)
        #expect(shapes.built.0 > 1 && shapes.optimized.2 > 0)
    }

    /// A VietSearch index (keyed `folded:accent` terms, external content, the indexer's writes).
    @Test func vietSearchIndex() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fts5-records-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let index = try SearchIndex(path: folder.appendingPathComponent("index.db").path, mode: .readWrite)
        let sentences = [
            "Hội nghị bàn về công tác xây dựng Đảng trong sạch, vững mạnh.", "Các đại biểu đang thảo luận.",
            "Nhà máy thuỷ điện Hoà Bình tích nước sớm hơn dự kiến.", "Vỏ nho có tác dụng chống oxy hóa.",
        ]
        for round in 0..<3 {
            try index.write { writer in
                for number in 0..<200 where round == 0 || number % (round + 2) == 0 {
                    let body = (0..<(1 + (number + round) % 7)).map { sentences[($0 + number) % sentences.count] }.joined(separator: " ")
                    try writer.upsert(
                        IndexedDocument(
                            path: "/d/\(number)", title: "Tin \(number % 9)", body: body, size: Int64(body.utf8.count),
                            modificationTime: Int64(round), hash: "\(number)-\(round)", encoding: "utf-8", format: "txt"))
                }
            }
        }
        var numbers = SeededRandom(seed: 4)
        try Self.check(index.connection, table: "documents_fts", numbers: &numbers)
    }

    /// Formats the reader does not know are refused, so that searches go through FTS5 instead.
    @Test func refusesOtherVersions() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        try connection.execute("CREATE VIRTUAL TABLE t USING fts5(body); INSERT INTO t VALUES('a b c');")
        try connection.execute("UPDATE t_config SET v = 5 WHERE k = 'version'")
        #expect(throws: FTS5Records.Failure.unsupported("FTS5 format version 5")) { try FTS5Records(connection: connection, table: "t").layout() }
        var record: [UInt8] = [0, 0, 0, 1, 0xff, 0, 0, 1, 0, 0, 0]
        #expect(throws: FTS5Records.Failure.unsupported("structure record version 2")) {
            try record.withUnsafeMutableBufferPointer { try FTS5Layout.segments(fromStructure: UnsafeBufferPointer($0)) }
        }
    }
}
