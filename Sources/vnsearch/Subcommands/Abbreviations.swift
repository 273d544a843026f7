import ArgumentParser
import Foundation
import VietSearch
import VietnameseText

extension VNSearchCommand {
    /// `vnsearch abbreviations`: what a search expands.
    struct Abbreviations: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the abbreviations a search expands.",
            discussion: """
                Searching an abbreviation also finds its expansion, and the reverse (UBND and ủy ban \
                nhân dân), scored a little below the form typed. Three sources: the built-in \
                dictionary, a dictionary file (--dictionary), and the definitions the index's own \
                documents make, "tổ chức cơ sở đảng (TCCSĐ)" or "UBND (Ủy ban nhân dân)", learned \
                while indexing and kept as files change.

                With words, lists only the entries either side of which starts with them (vnsearch \
                abbreviations ubnd). --json prints {"abbreviations": [{"abbreviation", "expansion", \
                "source", "documents"}]}: source "built-in", "dictionary" or "learned", documents the \
                number defining a learned one (null otherwise).
                """
        )

        @Argument(help: ArgumentHelp("Only entries starting with these words.", valueName: "words"))
        var words: [String] = []

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var dictionary: DictionaryOptions

        @Flag(help: "Print JSON instead of text.")
        var json = false

        struct Row {
            var abbreviation: String
            var expansion: String
            var source: String
            var documents: Int?
        }

        func run() throws {
            let learned = try SearchIndex(path: database.resolvedPath, mode: .readOnly).learnedAbbreviations()
            var rows = AbbreviationDictionary.builtin.entries.map { Row(abbreviation: $0.abbreviation, expansion: $0.expansion, source: "built-in") }
            rows += try dictionary.userDictionary().entries.map { Row(abbreviation: $0.abbreviation, expansion: $0.expansion, source: "dictionary") }
            rows += learned.map { Row(abbreviation: $0.abbreviation, expansion: $0.expansion, source: "learned", documents: $0.documents) }
            if let filter = AbbreviationDictionary.key(words.joined(separator: " "))?.text {
                rows = rows.filter { row in
                    [row.abbreviation, row.expansion].contains { side in
                        guard let key = AbbreviationDictionary.key(side)?.text else { return false }
                        return key == filter || key.hasPrefix(filter + " ")
                    }
                }
            }
            if json {
                let items = rows.map { row in
                    JSONOutput.object([
                        ("abbreviation", .string(row.abbreviation)), ("expansion", .string(row.expansion)), ("source", .string(row.source)),
                        ("documents", row.documents.map { .number($0) } ?? .null),
                    ])
                }
                print(JSONOutput.object([("abbreviations", .array(items))]).rendered)
                return
            }
            for row in rows {
                let source = row.documents.map { "learned, \($0) document\($0 == 1 ? "" : "s")" } ?? row.source
                print("\(row.abbreviation) = \(row.expansion)  (\(source))")
            }
            if rows.isEmpty { print("no abbreviations match \(words.joined(separator: " "))") }
        }
    }
}
