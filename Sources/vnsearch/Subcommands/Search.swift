import ArgumentParser
import Foundation
import VietSearch

extension VNSearchCommand {
    /// `vnsearch search`: query an index.
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search an index, with or without diacritics.",
            discussion: """
                Query syntax: words, "a phrase", prefix*, -excluded, a OR b. Anything else is \
                literal text. Up to four words: documents with all of them first, then the best \
                partial matches. Longer queries (questions) are ranked by score alone: rarer words \
                and query words next to each other in a document count most.

                A word typed without diacritics matches every accent form (dang: Đảng, đang, \
                đáng); typed with diacritics it ranks that form first (đảng), and --exact keeps only \
                it. Tone placement (hoà/hòa) and i/y spelling (kỹ/kĩ) never matter.

                A question (five words or more) typed entirely without diacritics is searched with \
                its most likely accents, restored from the index's own text and shown first \
                ("Searched as: chất bổ trong vỏ nho có tác dụng gì"): as accurate on real \
                questions as matching every form, and about three times faster. \
                --no-restore-accents searches it as typed.

                Words the index lacks are read as meant, and shown the same way: typed in Telex or \
                VNI with no input method (tieengs vieetj, tie61ng vie65t: tiếng việt), or with a \
                typo (ngườj: người; a tone or vowel mark is never changed into another). A word \
                the index has is never changed, and a query whose words all exist is searched as \
                typed. An abbreviation also finds its expansion, and the reverse (UBND OR "ủy ban \
                nhân dân"), scored a little below the form typed: see vnsearch abbreviations. \
                --literal searches exactly what was typed, none of this.

                Examples:
                  vnsearch search "xay dung dang"
                  vnsearch search '"hoà bình" -thuy' --limit 5
                  vnsearch search -thuy hoa binh      (words unquoted; a leading -word excludes)
                  vnsearch search đảng --exact --json

                --json prints {"query", "total", "results": [{"path", "title", "score", "snippet", \
                "snippet_markdown", "matches_all_words"}], "searched_as", "rewrites": [{"kind", \
                "from", "to"}]}: path absolute, higher score better, snippet plain text, \
                snippet_markdown with matches in **bold**, matches_all_words true when the document \
                has every query word (very common words aside), searched_as the query as searched \
                (accents restored, keys decoded, typos corrected, abbreviations expanded) or null \
                when searched as typed, rewrites each change (kind "accents", "telex", "vni", "typo" \
                or "abbreviation"). No results is not an error (exit 0).
                """
        )

        /// The query's words: quoted as one argument or not, and taken as typed even when they
        /// begin with "-" (an exclusion: `vnsearch search "-thuy hoa binh"`), which would
        /// otherwise be read as short options (that one as `-h`, help).
        @Argument(
            parsing: .allUnrecognized,
            help: ArgumentHelp("What to search for (one argument, or several joined by spaces).", valueName: "query"))
        var words: [String] = []

        var query: String { words.joined(separator: " ") }

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Results to show.")
        var limit = 10

        @Option(help: "Results to skip (paging).")
        var offset = 0

        @Flag(help: "Only documents with the query's exact accents (after tone-placement and i/y unification).")
        var exact = false

        @Flag(help: "Print JSON instead of text.")
        var json = false

        @Flag(inversion: .prefixedNo, help: "Search a question typed without diacritics with its likely accents restored.")
        var restoreAccents = true

        @Flag(help: "Search exactly what was typed: no accents restored, keys decoded, typos corrected or abbreviations expanded.")
        var literal = false

        @OptionGroup var dictionary: DictionaryOptions

        func validate() throws {
            guard !words.isEmpty else { throw ValidationError("Missing the query: vnsearch search \"xay dung dang\"") }
            guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
            guard offset >= 0 else { throw ValidationError("--offset must be 0 or more") }
        }

        static let start = "\u{1}"
        static let end = "\u{2}"

        func run() throws {
            let abbreviations = try dictionary.dictionary()
            let index = try SearchIndex(path: database.resolvedPath, mode: .readOnly)
            index.abbreviations = abbreviations
            let results = try index.search(
                query,
                options: SearchOptions(
                    limit: limit, offset: offset, exact: exact, highlightStart: Self.start, highlightEnd: Self.end,
                    restoreAccents: restoreAccents, literal: literal))
            print(json ? Self.json(results) : Self.text(results), terminator: "")
        }

        static func plain(_ snippet: String) -> String {
            snippet.replacingOccurrences(of: start, with: "").replacingOccurrences(of: end, with: "")
        }

        static func markdown(_ snippet: String) -> String {
            snippet.replacingOccurrences(of: start, with: "**").replacingOccurrences(of: end, with: "**")
        }

        static func json(_ results: SearchResults) -> String {
            let items = results.results.map { result in
                JSONOutput.object([
                    ("path", .string(result.path)), ("title", .string(result.title)), ("score", .double(result.score)),
                    ("snippet", .string(oneLine(plain(result.snippet)))),
                    ("snippet_markdown", .string(oneLine(markdown(result.snippet)))),
                    ("matches_all_words", .bool(result.matchesAllWords)),
                ])
            }
            return JSONOutput.object([
                ("query", .string(results.query)), ("total", .number(results.total)), ("results", .array(items)),
                ("searched_as", results.searchedAs.map { .string($0) } ?? .null),
                (
                    "rewrites",
                    .array(
                        results.rewrites.map { rewrite in
                            .object([("kind", .string(rewrite.kind.rawValue)), ("from", .string(rewrite.from)), ("to", .string(rewrite.to))])
                        })
                ),
            ]).rendered + "\n"
        }

        /// Whitespace runs (line breaks included) become one space.
        static func oneLine(_ text: String) -> String {
            text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }

        static func text(_ results: SearchResults) -> String {
            let searchedAs = results.searchedAs.map { "Searched as: \($0)\n\n" } ?? ""
            guard !results.results.isEmpty else { return searchedAs + "no documents match \(results.query)\n" }
            var out = searchedAs
            for (number, result) in results.results.enumerated() {
                var snippet = ""
                var highlighted = false
                var piece = ""
                for character in oneLine(result.snippet) {
                    if character == Character(start) || character == Character(end) {
                        snippet += highlighted ? Terminal.highlight(piece) : piece
                        piece = ""
                        highlighted = character == Character(start)
                    } else {
                        piece.append(character)
                    }
                }
                snippet += highlighted ? Terminal.highlight(piece) : piece
                if !Terminal.useColor {
                    snippet = markdown(oneLine(result.snippet))
                }
                out += "\(number + 1). \(Terminal.bold(result.title))\n   \(Terminal.dim(result.path))\n   \(snippet)\n\n"
            }
            let shown = results.results.count
            let full = results.results.filter(\.matchesAllWords).count
            out += results.total == 1 ? "1 document matches" : "\(results.total) documents match"
            if results.total < shown {
                // A keyword query: the total counts documents with every word; partial matches follow.
                out += " every word; \(shown - results.total) more shown match some of the words\n"
                return out
            }
            out += shown < results.total ? "; showing \(shown)" : ""
            if full < shown { out += full == 0 ? " (none has every word)" : " (\(full) shown have every word)" }
            out += "\n"
            return out
        }
    }
}
