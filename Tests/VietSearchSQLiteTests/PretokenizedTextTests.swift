import Testing

@testable import VietSearchSQLite

/// Terms recorded off the writer's thread and replayed into FTS5 must index exactly what the
/// tokenizer would.
@Suite struct PretokenizedTextTests {
    static let texts = [
        "Xây dựng Đảng trong sạch, vững mạnh.",
        "Đa\u{0309}ng viên (NFD) và hoà bình, thuỷ điện Hòa Bình!",
        "Theo Nghị quyết 37-NQ/TW ngày 31/8/2016, tỷ lệ đạt 85,94%.",
        "Kĩ thuật, kỹ sư, lý do — ASCII only words here",
        "",
        "   ,,, !!!",
    ]

    static let modes: [VietnameseTokenizerOptions.AccentMode] = [.folded, .colocated, .keyed]

    func connection() throws -> SQLiteConnection {
        let db = try SQLiteConnection(path: ":memory:")
        try db.registerVietnameseTokenizer()
        return db
    }

    @Test(arguments: modes)
    func recordingIsWhatTheTokenizerEmits(mode: VietnameseTokenizerOptions.AccentMode) throws {
        let handle = try FTS5TokenizerHandle(connection: try connection(), name: "vietnamese", arguments: ["accent", "\(mode.rawValue)"])
        let pretokenizer = VietnamesePretokenizer(options: VietnameseTokenizerOptions(accent: mode))
        for text in Self.texts {
            let recording = pretokenizer.record(text)
            #expect(recording.termTexts == (try handle.tokens(in: text).map(\.text)), "\(text)")
            #expect(recording.count == (try handle.tokens(in: text).count))
        }
    }

    /// Every term instance (term, document, column, offset) of a table filled through replays.
    func instances(_ db: SQLiteConnection, table: String) throws -> [String] {
        try db.execute("CREATE VIRTUAL TABLE temp.\(table)_vocab USING fts5vocab(main, '\(table)', 'instance')")
        let statement = try db.prepare("SELECT term, doc, col, offset FROM temp.\(table)_vocab")
        var rows: [String] = []
        while try statement.step() {
            rows.append("\(statement.text(at: 0)) \(statement.int64(at: 1)) \(statement.text(at: 2)) \(statement.int64(at: 3))")
        }
        return rows
    }

    @Test(arguments: modes)
    func replayIndexesWhatAnalysingIndexes(mode: VietnameseTokenizerOptions.AccentMode) throws {
        let db = try connection()
        for table in ["analysed", "replayed"] {
            try db.execute("CREATE VIRTUAL TABLE \(table) USING fts5(title, body, tokenize='vietnamese accent \(mode.rawValue)')")
        }
        let pretokenizer = VietnamesePretokenizer(options: VietnameseTokenizerOptions(accent: mode))
        let insertAnalysed = try db.prepare("INSERT INTO analysed(title, body) VALUES (?1, ?2)")
        let insertReplayed = try db.prepare("INSERT INTO replayed(title, body) VALUES (?1, ?2)")
        for (title, body) in zip(Self.texts, Self.texts.reversed()) {
            insertAnalysed.reset()
            try insertAnalysed.bind([.text(title), .text(body)])
            try insertAnalysed.step()
            let offered = [pretokenizer.record(title), pretokenizer.record(body)]
            try db.withPretokenized(offered) {
                insertReplayed.reset()
                try insertReplayed.bind([.text(title), .text(body)])
                try insertReplayed.step()
            }
        }
        // Empty texts never reach the tokenizer: FTS5 skips them.
        #expect(db.tokenReplay.replayed == 2 * Self.texts.filter { !$0.isEmpty }.count)
        #expect(db.tokenReplay.offered.isEmpty)
        let expected = try instances(db, table: "analysed")
        #expect(expected.count > 40)
        #expect(try instances(db, table: "replayed") == expected)
    }

    @Test func anotherTextIsAnalysedNotReplayed() throws {
        let db = try connection()
        try db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='vietnamese accent 2')")
        let keyed = VietnamesePretokenizer(options: VietnameseTokenizerOptions(accent: .keyed))
        let folded = VietnamesePretokenizer(options: VietnameseTokenizerOptions(accent: .folded))
        // Same length, other bytes; and the same text recorded with other options.
        try db.withPretokenized([keyed.record("Đảng viên"), folded.record("đang học")]) {
            try db.execute("INSERT INTO t(body) VALUES ('Đảng viễn'), ('đang học')")
        }
        #expect(db.tokenReplay.replayed == 0)
        #expect(try instances(db, table: "t").map { $0.split(separator: " ")[0] } == ["dang:đang", "dang:đảng", "hoc:học", "vien:viễn"])
    }

    /// The term iterator statistics read: every recorded term in order, its key's bytes, and
    /// whether it shares the previous term's place, as the tokenizer reported them.
    @Test(arguments: modes)
    func termIterationIsTheTokenizersTerms(mode: VietnameseTokenizerOptions.AccentMode) throws {
        let handle = try FTS5TokenizerHandle(connection: try connection(), name: "vietnamese", arguments: ["accent", "\(mode.rawValue)"])
        let pretokenizer = VietnamesePretokenizer(options: VietnameseTokenizerOptions(accent: mode))
        for text in Self.texts {
            var iterated: [String] = []
            pretokenizer.record(text).forEachTerm { key, isColocated in
                iterated.append((isColocated ? "+" : "") + String(decoding: key, as: UTF8.self))
            }
            let tokens = try handle.tokens(in: text).map { ($0.isColocated ? "+" : "") + $0.text }
            #expect(iterated == tokens, "\(text)")
        }
    }
}
