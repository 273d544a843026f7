import Testing
@testable import VietSearchSQLite

/// The `vietnamese` tokenizer inside real SQLite FTS5 tables.
@Suite struct VietnameseFTS5TokenizerTests {
    static let documents = [
        "Bám vào dân để xây dựng Đảng",  // 1
        "đang",  // 2
        "Đáng",  // 3
        "dang",  // 4
        "Đa\u{309}ng",  // 5: NFD đảng
        "hòa bình",  // 6
        "hoà bình",  // 7: new-style tone placement
        "ĐẢNG",  // 8
    ]

    func table(_ tokenize: String) throws -> SQLiteConnection {
        let db = try SQLiteConnection(path: ":memory:")
        try db.registerVietnameseTokenizer()
        try db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize=\"\(tokenize)\")")
        let insert = try db.prepare("INSERT INTO t(rowid, body) VALUES (?1, ?2)")
        for (offset, text) in Self.documents.enumerated() {
            insert.reset()
            try insert.bind([.integer(Int64(offset + 1)), .text(text)])
            try insert.step()
        }
        return db
    }

    func matches(_ db: SQLiteConnection, _ query: String) throws -> [Int] {
        let statement = try db.prepare("SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid")
        try statement.bind([.text(query)])
        var rows: [Int] = []
        while try statement.step() { rows.append(statement.int(at: 0)) }
        return rows
    }

    @Test(arguments: [
        ("dang", [1, 2, 3, 4, 5, 8]),
        ("Đảng", [1, 2, 3, 4, 5, 8]),
        ("de", [1]),
        ("xa*", [1]),
        ("\"xay dung dang\"", [1]),
        ("hoa binh", [6, 7]),
    ])
    func foldedModeMatchesEveryVariant(query: String, expected: [Int]) throws {
        #expect(try matches(try table("vietnamese"), query) == expected, "query: \(query)")
    }

    @Test func stockUnicode61DoesNotFoldD() throws {
        // The contrast that motivates the tokenizer: unicode61 keeps đ.
        let db = try SQLiteConnection(path: ":memory:")
        try db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 2')")
        for (offset, text) in Self.documents.enumerated() {
            let insert = try db.prepare("INSERT INTO t(rowid, body) VALUES (?1, ?2)")
            try insert.bind([.integer(Int64(offset + 1)), .text(text)])
            try insert.step()
        }
        #expect(try matches(db, "dang") == [4])
        #expect(try matches(db, "de") == [])
    }

    @Test(arguments: [
        ("dang", [1, 2, 3, 4, 5, 8]),  // no diacritics: every variant
        ("đảng", [1, 5, 8]),  // accented: that accent form only (NFD row included)
        ("đang", [2]),
        ("hoà bình", [6, 7]),  // tone placement canonicalized on both sides
    ])
    func colocatedModeKeepsAccents(query: String, expected: [Int]) throws {
        #expect(try matches(try table("vietnamese accent 1"), query) == expected, "query: \(query)")
    }

    @Test(arguments: [
        ("dang", [4]),  // plain spelling only
        ("dang*", [1, 2, 3, 4, 5, 8]),  // every variant
        ("đảng", [1, 5, 8]),
        ("hoà bình", [6, 7]),
        ("\"dang\u{2}\"*", [1, 2, 3, 4, 5, 8]),  // the variant prefix VietSearch's builder writes
    ])
    func keyedModeMatchesAccentFormsAndVariantPrefixes(query: String, expected: [Int]) throws {
        #expect(try matches(try table("vietnamese accent 2"), query) == expected, "query: \(query)")
    }

    @Test func highlightShowsTheOriginalText() throws {
        for mode in ["vietnamese", "vietnamese accent 1", "vietnamese accent 2"] {
            let db = try table(mode)
            let query = mode.hasSuffix("2") ? "dang*" : "dang"
            let statement = try db.prepare("SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1 AND rowid = 1")
            try statement.bind([.text(query)])
            #expect(try statement.step())
            #expect(statement.text(at: 0) == "Bám vào dân để xây dựng [Đảng]", "mode: \(mode)")
        }
    }

    /// FTS5 says only "error in tokenizer constructor"; the connection adds why.
    @Test(arguments: [
        ("vietnamese foo 1", "unknown option 'foo' (known: accent)"),
        ("vietnamese accent", "arguments come in key/value pairs, got 1: accent"),
        ("vietnamese accent 7", "option 'accent' must be 0, 1 or 2, not '7'"),
        ("vietnamese accent 1 x", "arguments come in key/value pairs, got 3: accent 1 x"),
        ("vietnamese accent 01", "option 'accent' must be 0, 1 or 2, not '01'"),
        ("vietnamese accent '+1'", "option 'accent' must be 0, 1 or 2, not '+1'"),
        ("vietnamese ACCENT 1", "unknown option 'ACCENT' (known: accent)"),
    ])
    func rejectsBadArgumentsSayingWhy(tokenize: String, reason: String) throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.registerVietnameseTokenizer()
        let create = "CREATE VIRTUAL TABLE t USING fts5(body, tokenize=\"\(tokenize)\")"
        let expected = "error in tokenizer constructor: vietnamese tokenizer: \(reason)"
        let executed = #expect(throws: SQLiteError.self) { try db.execute(create) }
        #expect(executed?.message == expected)
        let prepared = #expect(throws: SQLiteError.self) { try db.prepare(create).step() }
        #expect(prepared?.message == expected)
        let handle = #expect(throws: SQLiteError.self) {
            let arguments = tokenize.split(separator: " ").dropFirst().map { String($0.filter { $0 != "'" }) }
            _ = try FTS5TokenizerHandle(connection: db, name: "vietnamese", arguments: arguments)
        }
        #expect(handle?.message.hasSuffix(": vietnamese tokenizer: \(reason)") == true)
    }

    /// The reason is reported once, with the failure it explains: not with another tokenizer's.
    @Test func aRejectionExplainsOnlyItsOwnFailure() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.registerVietnameseTokenizer()
        #expect(throws: SQLiteError.self) { try db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='vietnamese foo 1')") }
        let stock = #expect(throws: SQLiteError.self) {
            try db.execute("CREATE VIRTUAL TABLE u USING fts5(body, tokenize='unicode61 foo 1')")
        }
        #expect(stock?.message == "error in tokenizer constructor")
    }

    @Test func handleDrivesBothTokenizers() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.registerVietnameseTokenizer()
        let text = "Xây dựng Đảng, 31/8/2016"
        let vietnamese = try FTS5TokenizerHandle(connection: db, name: "vietnamese")
        let stock = try FTS5TokenizerHandle(connection: db, name: "unicode61", arguments: ["remove_diacritics", "2"])
        #expect(try vietnamese.tokens(in: text).map(\.text) == ["xay", "dung", "dang", "31", "8", "2016"])
        #expect(try stock.tokens(in: text).map(\.text) == ["xay", "dung", "đang", "31", "8", "2016"])
        #expect(try vietnamese.countTokens(in: Array(text.utf8)) == 6)
        let keyed = try FTS5TokenizerHandle(connection: db, name: "vietnamese", arguments: ["accent", "2"])
        let keyedTokens = try keyed.tokens(in: "Đảng và dang").map(\.text)
        #expect(keyedTokens == ["dang:đảng", "va:và", "dang:"])
        for token in try vietnamese.tokens(in: text) {
            #expect(token.byteRange.lowerBound >= 0 && token.byteRange.upperBound <= text.utf8.count)
        }
        #expect(throws: SQLiteError.self) { try FTS5TokenizerHandle(connection: db, name: "nope") }
    }
}

// MARK: - On disk, across connections

extension VietnameseFTS5TokenizerTests {
    /// The five spellings of one word that unicode61 tells apart (the last one NFD: a + U+0309).
    static let spellings = ["Bám vào dân để xây dựng Đảng", "đang", "Đáng", "dang", "Đa\u{0309}ng"]

    func fill(_ db: SQLiteConnection, tokenize: String) throws {
        try db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize=\"\(tokenize)\")")
        try db.transaction {
            let insert = try db.prepare("INSERT INTO t(rowid, body) VALUES (?1, ?2)")
            for (offset, text) in Self.spellings.enumerated() {
                insert.reset()
                try insert.bind([.integer(Int64(offset + 1)), .text(text)])
                try insert.step()
            }
        }
    }

    @Test func aFileIndexedOnceIsSearchableFromAnotherConnection() throws {
        try TemporaryDirectory.with { folder in
            let path = folder + "/index.db"
            do {
                let writer = try SQLiteConnection(path: path)
                try writer.registerVietnameseTokenizer()
                try fill(writer, tokenize: "vietnamese")
            }
            // The raw-handle registration, as a GRDB app would call it with db.sqliteConnection.
            let reader = try SQLiteConnection(path: path, mode: .readOnly)
            #expect(registerVietnameseTokenizer(sqliteHandle: reader.handle) == 0)
            #expect(try matches(reader, "dang") == [1, 2, 3, 4, 5])
            #expect(try matches(reader, "de") == [1])
            #expect(try matches(reader, "xa*") == [1])
        }
    }

    @Test func unicode61KeepsDSoOnlyThePlainSpellingMatches() throws {
        // The contrast that motivates the tokenizer: remove_diacritics 2 strips tones but keeps
        // đ, which Unicode does not decompose, so `dang` finds neither Đảng nor đang.
        try TemporaryDirectory.with { folder in
            let db = try SQLiteConnection(path: folder + "/stock.db")
            try fill(db, tokenize: "unicode61 remove_diacritics 2")
            #expect(try matches(db, "dang") == [4])
            #expect(try matches(db, "đang") == [1, 2, 3, 5])
        }
    }

    @Test func accentModeMatchesTheAccentFormOrEveryVariant() throws {
        try TemporaryDirectory.with { folder in
            let db = try SQLiteConnection(path: folder + "/accent.db")
            try db.registerVietnameseTokenizer()
            try fill(db, tokenize: "vietnamese accent 1")
            #expect(try matches(db, "đảng") == [1, 5])  // the NFD row too: keys are NFC
            #expect(try matches(db, "Đáng") == [3])
            #expect(try matches(db, "dang") == [1, 2, 3, 4, 5])
        }
    }

    @Test func aTableIsUnreadableWithoutTheTokenizer() throws {
        try TemporaryDirectory.with { folder in
            let path = folder + "/index.db"
            do {
                let writer = try SQLiteConnection(path: path)
                try writer.registerVietnameseTokenizer()
                try fill(writer, tokenize: "vietnamese")
            }
            let reader = try SQLiteConnection(path: path)
            let error = #expect(throws: SQLiteError.self) { try matches(reader, "dang") }
            #expect(error?.message.contains("no such tokenizer: vietnamese") == true, "\(String(describing: error))")
        }
    }

    @Test func snippetAndHighlightReturnTheOriginalAccentedText() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.registerVietnameseTokenizer()
        try fill(db, tokenize: "vietnamese")
        let statement = try db.prepare(
            "SELECT highlight(t, 0, '<', '>'), snippet(t, 0, '[', ']', '…', 3) FROM t WHERE t MATCH ?1 ORDER BY rowid")
        try statement.bind("xay dang", at: 1)
        #expect(try statement.step())
        #expect(statement.text(at: 0) == "Bám vào dân để <xây> dựng <Đảng>")
        #expect(statement.text(at: 1) == "…[xây] dựng [Đảng]")
        #expect(try statement.step() == false)

        let nfd = try db.prepare("SELECT highlight(t, 0, '<', '>') FROM t WHERE t MATCH 'dang' AND rowid = 5")
        #expect(try nfd.step())
        #expect(Array(nfd.text(at: 0).utf8) == Array("<Đa\u{0309}ng>".utf8))  // bytes as stored, still NFD
    }
}

// MARK: - The callback contract

extension VietnameseFTS5TokenizerTests {
    @Test func stopsAtTheFirstTokenCallbackFailureAndReturnsItsCode() {
        let tokenizer = VietnameseFTS5Tokenizer(options: VietnameseTokenizerOptions(accent: .colocated), replay: nil)
        var calls = 0
        let text = Array("một hai ba bốn năm".utf8)
        let rc = text.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                withUnsafeMutablePointer(to: &calls) { counter in
                    tokenizer.tokenize(
                        context: UnsafeMutableRawPointer(counter), flags: 4 /* FTS5_TOKENIZE_DOCUMENT */,
                        text: chars.baseAddress, count: Int32(chars.count),
                        emit: { context, _, _, _, _, _ in
                            let counter = context!.assumingMemoryBound(to: Int.self)
                            counter.pointee += 1
                            return counter.pointee == 3 ? 4 /* SQLITE_ABORT */ : 0
                        })
                }
            }
        }
        #expect(rc == 4)
        #expect(calls == 3)
    }
}
