import VietSearchSQLite
import VietnameseText

/// One way of tokenizing a corpus, one document at a time, returning the token count (which the
/// caller checks, so no pass can be optimised away or silently do nothing).
struct TokenizerPass {
    let label: String
    let tokenize: ([[UInt8]]) throws -> Int

    /// (a) the analyzer directly, (b) the `vietnamese` FTS5 tokenizer and (c) stock `unicode61
    /// remove_diacritics 2`, (b) and (c) through the same xTokenize harness with a counting
    /// callback, so they differ only in the tokenizer.
    static func standard(connection: SQLiteConnection) throws -> [TokenizerPass] {
        try connection.registerVietnameseTokenizer()
        let vietnamese = try FTS5TokenizerHandle(connection: connection, name: "vietnamese")
        let unicode61 = try FTS5TokenizerHandle(
            connection: connection, name: "unicode61", arguments: ["remove_diacritics", "2"])
        let analyzer = VietnameseAnalyzer()
        return [
            TokenizerPass(label: "(a) VietnameseAnalyzer.analyze") { documents in
                var list = TokenList()  // reused across documents, as the FTS5 tokenizer does
                var tokens = 0
                for document in documents {
                    analyzer.analyze(document, into: &list)
                    tokens += list.count
                }
                return tokens
            },
            TokenizerPass(label: "(b) vietnamese via FTS5 xTokenize") { documents in
                var tokens = 0
                for document in documents { tokens += try vietnamese.countTokens(in: document) }
                return tokens
            },
            TokenizerPass(label: "(c) unicode61 remove_diacritics 2 via FTS5 xTokenize") { documents in
                var tokens = 0
                for document in documents { tokens += try unicode61.countTokens(in: document) }
                return tokens
            },
        ]
    }
}
