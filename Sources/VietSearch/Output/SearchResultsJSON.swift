import Foundation

/// The JSON of a search: what `vnsearch search --json` prints and what the server's
/// `GET /api/search` answers, from this one encoding so the two cannot differ.
///
/// `{"query", "total", "results": [{"path", "title", "score", "snippet", "snippet_markdown",
/// "matches_all_words", "id", "format", "modified", "snippet_highlights"}], "searched_as",
/// "rewrites": [{"kind", "from", "to"}], "total_is_estimate"}`.
package enum SearchResultsJSON {
    /// The highlight marks to search with (`SearchOptions.highlightStart`, `highlightEnd`):
    /// control characters, which no extracted text keeps next to a word.
    package static let start = "\u{1}"
    package static let end = "\u{2}"

    /// The results as one line of JSON and a line break.
    package static func render(_ results: SearchResults) -> String {
        let items = results.results.map { result in
            let (snippet, highlights) = highlighted(result.snippet)
            return JSONOutput.object([
                ("path", .string(result.path)), ("title", .string(result.title)), ("score", .double(result.score)),
                ("snippet", .string(snippet)),
                ("snippet_markdown", .string(oneLine(markdown(result.snippet)))),
                ("matches_all_words", .bool(result.matchesAllWords)),
                ("id", .number(Int(result.id))), ("format", .string(result.format)),
                ("modified", .string(UTCTime.iso8601(nanoseconds: result.modificationTime))),
                ("snippet_highlights", ranges(highlights)), ("title_highlights", ranges(result.titleHighlights)),
            ])
        }
        return JSONOutput.object([
            ("query", .string(results.query)), ("total", .number(results.total)), ("results", .array(items)),
            ("searched_as", results.searchedAs.map { .string($0) } ?? .null),
            ("rewrites", .array(results.rewrites.map(rewrite))),
            ("total_is_estimate", .bool(results.totalIsEstimate)),
        ]).rendered + "\n"
    }

    /// `{"kind", "from", "to"}`: one change the search made to the query.
    package static func rewrite(_ rewrite: QueryRewrite) -> JSONOutput {
        .object([("kind", .string(rewrite.kind.rawValue)), ("from", .string(rewrite.from)), ("to", .string(rewrite.to))])
    }

    /// `[[start, end], ...]`: offsets in Unicode scalars (code points), end excluded.
    package static func ranges(_ ranges: [Range<Int>]) -> JSONOutput {
        .array(ranges.map { .array([.number($0.lowerBound), .number($0.upperBound)]) })
    }

    /// The snippet on one line without the marks, and where its marked words are (in Unicode
    /// scalars of that text): a client highlights them without parsing markup that the
    /// document's own text could contain (`**` in a Markdown file).
    package static func highlighted(_ snippet: String) -> (text: String, highlights: [Range<Int>]) {
        var text = String.UnicodeScalarView()
        var highlights: [Range<Int>] = []
        var count = 0
        var opened: Int?
        let startMark = start.unicodeScalars.first!
        let endMark = end.unicodeScalars.first!
        for scalar in oneLine(snippet).unicodeScalars {
            if scalar == startMark {
                opened = count
            } else if scalar == endMark {
                if let from = opened, from < count { highlights.append(from..<count) }
                opened = nil
            } else {
                text.append(scalar)
                count += 1
            }
        }
        return (String(text), highlights)
    }

    /// The snippet without the marks.
    package static func plain(_ snippet: String) -> String {
        replacingMarks(snippet, with: "")
    }

    /// The snippet with its marked words in Markdown bold.
    package static func markdown(_ snippet: String) -> String {
        replacingMarks(snippet, with: "**")
    }

    /// Whitespace runs (line breaks included) become one space; none at either end.
    ///
    /// Scalar by scalar: splitting into `Character`s and Foundation's `replacingOccurrences`
    /// were most of the cost of rendering a page of results (docs/BENCHMARKS.md, "`vnsearch serve`").
    package static func oneLine(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 ? (scalar == " " || (0x09...0x0D).contains(scalar.value)) : scalar.properties.isWhitespace {
                space = !out.isEmpty
                continue
            }
            if space {
                out.append(" ")
                space = false
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// Both marks replaced by `replacement`.
    private static func replacingMarks(_ snippet: String, with replacement: String) -> String {
        let startMark = start.unicodeScalars.first!
        let endMark = end.unicodeScalars.first!
        var out = String.UnicodeScalarView()
        for scalar in snippet.unicodeScalars {
            if scalar == startMark || scalar == endMark {
                out.append(contentsOf: replacement.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
