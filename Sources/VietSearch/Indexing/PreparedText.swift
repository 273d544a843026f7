import VietSearchSQLite
import VietnameseText

/// A title's and body's analysis, done before the writer stores them and on whichever thread
/// has time (`FolderIndexer.prepare`): the terms FTS5 replays instead of analysing the text
/// again, and the abbreviations the text defines. Finding those reads the text around every
/// bracket, work that would otherwise fall to the one SQLite writer.
struct PreparedText: Sendable {
    /// The title's terms, then the body's.
    var terms: [PretokenizedText]
    var definitions: [AbbreviationDefinition]

    init(terms: [PretokenizedText], title: String, body: String) {
        self.terms = terms
        definitions = LearnedAbbreviations.definitions(title: title, body: body)
    }
}
