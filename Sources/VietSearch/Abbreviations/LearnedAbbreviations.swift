import VietSearchSQLite
import VietnameseText

/// The abbreviations an index's documents define (`AbbreviationExtractor`), stored per document
/// in `abbreviations`, so they stay right as files are added, changed and removed: a
/// document's rows go with it.
final class LearnedAbbreviations {
    private let connection: SQLiteConnection
    private let insert: SQLiteStatement
    private let delete: SQLiteStatement

    init(connection: SQLiteConnection) throws {
        self.connection = connection
        insert = try connection.prepare(
            """
            INSERT OR IGNORE INTO abbreviations(document, abbreviation, abbreviation_key, expansion, expansion_key)
            VALUES (?1, ?2, ?3, ?4, ?5)
            """)
        delete = try connection.prepare("DELETE FROM abbreviations WHERE document = ?1")
    }

    /// Records the definitions of a document's text; `replacing`: forget those of its previous
    /// version first.
    func record(document id: Int64, title: String, body: String, replacing: Bool) throws {
        try record(document: id, definitions: Self.definitions(title: title, body: body), replacing: replacing)
    }

    /// Records definitions found beforehand (`PreparedText`).
    func record(document id: Int64, definitions: [AbbreviationDefinition], replacing: Bool) throws {
        if replacing { try forget(document: id) }
        for definition in definitions {
            guard let abbreviation = AbbreviationDictionary.key(definition.abbreviation),
                let expansion = AbbreviationDictionary.key(definition.expansion)
            else { continue }
            insert.reset()
            try insert.bind([
                .integer(id), .text(definition.abbreviation), .text(abbreviation.text), .text(definition.expansion), .text(expansion.text),
            ])
            try insert.step()
        }
    }

    /// What a document's title and body define (a pair defined in both goes in once: the
    /// table's rows are unique).
    static func definitions(title: String, body: String) -> [AbbreviationDefinition] {
        AbbreviationExtractor.definitions(in: title) + AbbreviationExtractor.definitions(in: body)
    }

    func forget(document id: Int64) throws {
        delete.reset()
        try delete.bind([.integer(id)])
        try delete.step()
    }

    /// Reads every stored document again (an index made before the table existed).
    func rebuild() throws {
        try connection.execute("DELETE FROM abbreviations")
        // A section's definitions are its file's (see `IndexWriter.appendSection`).
        let statement = try connection.prepare("SELECT coalesce(file, id), title, body FROM documents")
        while try statement.step() {
            try record(document: statement.int64(at: 0), title: statement.text(at: 1), body: statement.text(at: 2), replacing: false)
        }
    }

    /// Every definition, with the number of documents that make it; the spelling shown is the
    /// most common one.
    static func all(_ connection: SQLiteConnection) throws -> [LearnedAbbreviation] {
        let statement = try connection.prepare(
            """
            SELECT abbreviation, expansion, count(*) FROM abbreviations
            GROUP BY abbreviation_key, expansion_key ORDER BY count(*) DESC, abbreviation_key, expansion_key
            """)
        var found: [LearnedAbbreviation] = []
        while try statement.step() {
            found.append(LearnedAbbreviation(abbreviation: statement.text(at: 0), expansion: statement.text(at: 1), documents: Int(statement.int64(at: 2))))
        }
        return found
    }

    /// The statement `add(startingWith:using:to:)` runs, prepared once per connection.
    static func lookup(_ connection: SQLiteConnection) throws -> SQLiteStatement {
        try connection.prepare(
            """
            SELECT abbreviation, expansion, abbreviation_key, expansion_key FROM abbreviations
            WHERE abbreviation_key = ?1 OR (abbreviation_key >= ?2 AND abbreviation_key < ?3)
                OR expansion_key = ?1 OR (expansion_key >= ?2 AND expansion_key < ?3)
            GROUP BY abbreviation_key, expansion_key
            """)
    }

    /// The definitions one of whose sides is `key` or starts with its tokens (`key` one folded
    /// token), as a dictionary: what a query word may begin.
    static func dictionary(startingWith key: String, using statement: SQLiteStatement) throws -> AbbreviationDictionary {
        statement.reset()
        // Reset once read: a statement left on a row keeps its read transaction open.
        defer { statement.reset() }
        // Keys are tokens joined by spaces: those starting with the token are in [key + " ", key + "!").
        try statement.bind([.text(key), .text(key + " "), .text(key + "!")])
        var dictionary = AbbreviationDictionary()
        while try statement.step() {
            dictionary.add(
                AbbreviationDictionary.Entry(abbreviation: statement.text(at: 0), expansion: statement.text(at: 1)),
                abbreviationKey: statement.text(at: 2), expansionKey: statement.text(at: 3))
        }
        return dictionary
    }
}
