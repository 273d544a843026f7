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

                Filters keep the documents under a folder (--in), of a file type (--type), in a \
                source encoding (--encoding) or modified in a time range (--after, --before: a day \
                such as 2024-01-31 starts at local midnight); the total counts only those.

                Examples:
                  vnsearch search "xay dung dang"
                  vnsearch search '"hoà bình" -thuy' --limit 5
                  vnsearch search -thuy hoa binh      (words unquoted; a leading -word excludes)
                  vnsearch search đảng --exact --json
                  vnsearch search "quy hoach" --in ~/Documents/so-xay-dung --type pdf --after 2024-01-01

                --json prints {"query", "total", "results": [{"path", "title", "score", "snippet", \
                "snippet_markdown", "matches_all_words", "id", "format", "modified", \
                "snippet_highlights", "title_highlights"}], "searched_as", "rewrites": [{"kind", "from", \
                "to"}], "total_is_estimate"}: path absolute, higher score better, snippet plain text, \
                snippet_markdown with matches in **bold**, matches_all_words true when the document has \
                every query word (very common words aside), id the document's number in the index, \
                format its file type, modified its file's time (UTC), snippet_highlights and \
                title_highlights the [start, end) of each match in snippet and title, counted in \
                Unicode code points, searched_as the query as searched (accents restored, keys \
                decoded, typos corrected, abbreviations expanded) or null when searched as typed, \
                rewrites each change (kind "accents", "telex", "vni", "typo" or "abbreviation"), \
                total_is_estimate true when total is estimated (many documents match). No results is \
                not an error (exit 0). `vnsearch serve` answers GET /api/search with the same JSON.
                """
        )

        /// The query's words: quoted as one argument or not, and taken as typed even when they
        /// begin with "-" (an exclusion: `vnsearch search "-thuy hoa binh"`), which would
        /// otherwise be read as short options (that one as `-h`, help).
        @Argument(
            parsing: .allUnrecognized,
            help: ArgumentHelp("What to search for (one argument, or several joined by spaces).", valueName: "query"))
        var words: [String] = []

        /// The words joined; a `--` (which only ends the options) is not part of the query.
        var query: String { words.filter { $0 != "--" }.joined(separator: " ") }

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

        @OptionGroup(title: "Filters") var filters: FilterOptions

        func validate() throws {
            guard !words.isEmpty else { throw ValidationError("Missing the query: vnsearch search \"xay dung dang\"") }
            guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
            guard offset >= 0 else { throw ValidationError("--offset must be 0 or more") }
        }

        static let start = SearchResultsJSON.start
        static let end = SearchResultsJSON.end

        func run() throws {
            let abbreviations = try dictionary.dictionary()
            let index = try SearchIndex(path: database.resolvedPath, mode: .readOnly)
            index.abbreviations = abbreviations
            let results = try index.search(
                query,
                options: SearchOptions(
                    limit: limit, offset: offset, exact: exact, highlightStart: Self.start, highlightEnd: Self.end,
                    restoreAccents: restoreAccents, filter: try filters.filter(), literal: literal))
            print(json ? SearchResultsJSON.render(results) : Self.text(results), terminator: "")
        }

        static func markdown(_ snippet: String) -> String { SearchResultsJSON.markdown(snippet) }

        static func oneLine(_ text: String) -> String { SearchResultsJSON.oneLine(text) }

        /// The results for a terminal. Every text from the index or the query is escaped
        /// (`Terminal.escaped`): a document, its title or its file name may hold escape sequences.
        static func text(_ results: SearchResults) -> String {
            let searchedAs = results.searchedAs.map { "Searched as: \(Terminal.escaped($0))\n\n" } ?? ""
            guard !results.results.isEmpty else {
                let parsed = SearchQuery(parsing: results.query)
                let why = parsed.positiveClauses.isEmpty && !parsed.excludedClauses.isEmpty ? " (it only leaves words out: nothing to search for)" : ""
                return searchedAs + "no documents match \(Terminal.escaped(results.query))\(why)\n"
            }
            var out = searchedAs
            for (number, result) in results.results.enumerated() {
                var snippet = ""
                var highlighted = false
                var piece = ""
                for character in oneLine(result.snippet) {
                    if character == Character(start) || character == Character(end) {
                        snippet += highlighted ? Terminal.highlight(Terminal.escaped(piece)) : Terminal.escaped(piece)
                        piece = ""
                        highlighted = character == Character(start)
                    } else {
                        piece.append(character)
                    }
                }
                snippet += highlighted ? Terminal.highlight(Terminal.escaped(piece)) : Terminal.escaped(piece)
                if !Terminal.useColor {
                    snippet = Terminal.escaped(markdown(oneLine(result.snippet)))
                }
                let title = Terminal.bold(Terminal.escaped(result.title))
                out += "\(number + 1). \(title)\n   \(Terminal.dim(Terminal.escaped(result.path)))\n   \(snippet)\n\n"
            }
            let shown = results.results.count
            let full = results.results.filter(\.matchesAllWords).count
            // An estimate (many documents match; counting them would cost more than the search).
            out += results.totalIsEstimate ? "about " : ""
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
