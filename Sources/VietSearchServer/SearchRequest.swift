import Foundation
import VietSearch

/// What `GET /api/search` asks, read from its parameters with the limits a server needs: the
/// same names and meanings as `vnsearch search`'s flags (`q` the query, `limit`, `offset`,
/// `exact`, `restore_accents`, `literal`, and the filters `in`, `type`, `encoding`, `after`, `before`).
struct SearchRequest {
    var query: String
    var options: SearchOptions

    /// Longer queries are refused: a question is a sentence, and every word costs a lookup.
    static let maximumQueryLength = 500
    static let maximumLimit = 100
    static let maximumOffset = 10_000
    static let names: Set<String> = ["q", "limit", "offset", "exact", "restore_accents", "literal", "in", "type", "encoding", "after", "before"]

    init(_ parameters: QueryParameters) throws(APIError) {
        if let unknown = parameters.names.subtracting(Self.names).sorted().first {
            throw .badRequest("unknown parameter '\(unknown)' (known: \(Self.names.sorted().joined(separator: ", ")))")
        }
        guard let query = parameters["q"], !query.allSatisfy(\.isWhitespace) else {
            throw .badRequest("missing the query: /api/search?q=xay+dung+dang")
        }
        guard query.unicodeScalars.count <= Self.maximumQueryLength else {
            throw .badRequest("the query is too long (at most \(Self.maximumQueryLength) characters)")
        }
        self.query = query
        let filter: DocumentFilter
        do {
            filter = try DocumentFilter(
                folders: parameters.all("in"), types: parameters.all("type"), encodings: parameters.all("encoding"),
                after: parameters["after"].flatMap { $0.isEmpty ? nil : $0 },
                before: parameters["before"].flatMap { $0.isEmpty ? nil : $0 })
        } catch {
            throw .badRequest(error.description.replacingOccurrences(of: "--", with: ""))
        }
        options = SearchOptions(
            limit: try parameters.integer("limit", default: 10, range: 0...Self.maximumLimit),
            offset: try parameters.integer("offset", default: 0, range: 0...Self.maximumOffset),
            exact: try parameters.flag("exact", default: false),
            highlightStart: SearchResultsJSON.start, highlightEnd: SearchResultsJSON.end,
            restoreAccents: try parameters.flag("restore_accents", default: true), filter: filter,
            literal: try parameters.flag("literal", default: false))
    }
}
