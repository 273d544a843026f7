import Testing
import VietSearchSQLite

/// Driving registered FTS5 tokenizers directly, outside any table.
@Suite struct FTS5TokenizerHandleTests {
    typealias Token = FTS5TokenizerHandle.Token

    static let text = "Xây dựng Đảng, 31/8/2016"
    static let ranges = [0..<4, 5..<11, 12..<19, 21..<23, 24..<25, 26..<30]

    func connection() throws -> SQLiteConnection {
        let db = try SQLiteConnection(path: ":memory:")
        try db.registerVietnameseTokenizer()
        return db
    }

    func tokens(_ texts: [String], _ ranges: [Range<Int>]) -> [Token] {
        zip(texts, ranges).map { Token(text: $0, byteRange: $1, isColocated: false) }
    }

    @Test func vietnameseFoldsDWhereUnicode61DoesNot() throws {
        let db = try connection()
        let vietnamese = try FTS5TokenizerHandle(connection: db, name: "vietnamese")
        let stock = try FTS5TokenizerHandle(connection: db, name: "unicode61", arguments: ["remove_diacritics", "2"])
        #expect(try vietnamese.tokens(in: Self.text) == tokens(["xay", "dung", "dang", "31", "8", "2016"], Self.ranges))
        #expect(try stock.tokens(in: Self.text) == tokens(["xay", "dung", "đang", "31", "8", "2016"], Self.ranges))
    }

    @Test(arguments: ["vietnamese", "unicode61"])
    func byteRangesPointAtTheOriginalWords(name: String) throws {
        let handle = try FTS5TokenizerHandle(connection: try connection(), name: name)
        let text = "Bám vào dân để xây dựng Đảng. Đa\u{0309}ng (NFD) và hoà bình!"
        let bytes = Array(text.utf8)
        let words = ["Bám", "vào", "dân", "để", "xây", "dựng", "Đảng", "Đa\u{0309}ng", "NFD", "và", "hoà", "bình"]
        let found = try handle.tokens(in: text)
        #expect(found.count == words.count)
        for (token, word) in zip(found, words) {
            #expect(token.byteRange.lowerBound >= 0 && token.byteRange.upperBound <= bytes.count)
            #expect(String(decoding: bytes[token.byteRange], as: UTF8.self) == word, "\(token)")
        }
    }

    @Test(arguments: [
        ("vietnamese", [String]()), ("unicode61", []), ("unicode61", ["remove_diacritics", "2"]),
        ("vietnamese", ["accent", "1"]), ("vietnamese", ["accent", "2"]), ("ascii", []), ("porter", []),
    ])
    func countsMatchTheTokenLists(name: String, arguments: [String]) throws {
        let handle = try FTS5TokenizerHandle(connection: try connection(), name: name, arguments: arguments)
        let texts = [
            "", "   ,.;", Self.text, "Đa\u{0309}ng ĐẢNG đang dang",
            String(repeating: "Hà Nội mùa thu, cây cơ man là cây. ", count: 200),
        ]
        for text in texts {
            let expected = try handle.tokens(in: text).count
            #expect(try handle.countTokens(in: Array(text.utf8)) == expected, "\(name) \(arguments): \(text.prefix(30))")
            // A collection without contiguous storage takes the copying path.
            #expect(try handle.countTokens(in: text.utf8.lazy.map { $0 }) == expected)
        }
    }

    @Test func accentModeAddsColocatedAccentKeysToDocuments() throws {
        let handle = try FTS5TokenizerHandle(connection: try connection(), name: "vietnamese", arguments: ["accent", "1"])
        #expect(
            try handle.tokens(in: "Đảng dang hoà") == [
                Token(text: "dang", byteRange: 0..<7, isColocated: false),
                Token(text: "đảng", byteRange: 0..<7, isColocated: true),
                Token(text: "dang", byteRange: 8..<12, isColocated: false),
                Token(text: "hoa", byteRange: 13..<17, isColocated: false),
                Token(text: "hòa", byteRange: 13..<17, isColocated: true),
            ])
        // A query gets one token per word: the accent key when the word has marks.
        #expect(try handle.tokens(in: "Đảng dang hoà", query: true) == tokens(["đảng", "dang", "hòa"], [0..<7, 8..<12, 13..<17]))
        #expect(try handle.countTokens(in: Array("Đảng dang hoà".utf8)) == 5)
    }

    @Test func defaultModeQueriesAreFolded() throws {
        let handle = try FTS5TokenizerHandle(connection: try connection(), name: "vietnamese")
        #expect(try handle.tokens(in: "Đảng hoà", query: true).map(\.text) == ["dang", "hoa"])
    }

    @Test func unknownTokenizersAndBadArgumentsThrow() throws {
        let db = try connection()
        let missing = #expect(throws: SQLiteError.self) { try FTS5TokenizerHandle(connection: db, name: "klingon") }
        #expect(missing?.message.contains("klingon") == true)
        #expect(throws: SQLiteError.self) {
            try FTS5TokenizerHandle(connection: db, name: "unicode61", arguments: ["remove_diacritics", "7"])
        }
        #expect(throws: SQLiteError.self) { try FTS5TokenizerHandle(connection: db, name: "vietnamese", arguments: ["accent"]) }
        // Not registered on this connection.
        let plain = try SQLiteConnection(path: ":memory:")
        #expect(throws: SQLiteError.self) { try FTS5TokenizerHandle(connection: plain, name: "vietnamese") }
    }

    @Test func theHandleKeepsItsConnectionAlive() throws {
        func orphan() throws -> FTS5TokenizerHandle {
            try FTS5TokenizerHandle(connection: try connection(), name: "vietnamese")
        }
        let handle = try orphan()
        #expect(try handle.tokens(in: "Hà Nội").map(\.text) == ["ha", "noi"])
    }
}
