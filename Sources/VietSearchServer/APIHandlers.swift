import Foundation
import Hummingbird
import VietSearch

/// The JSON API: `GET /api/search`, `/api/documents/{id}`, `/api/stats`, `/healthz`. Every
/// answer is made on a `SearchWorkers` thread, from the index alone: a document is found by
/// its id in the index and its text is the text stored there, so no request reads a file.
struct APIHandlers: Sendable {
    let workers: SearchWorkers
    let configuration: ServerConfiguration
    let liveIndexer: LiveIndexer?

    /// A preview holds at most this much of a document's text (Unicode scalars).
    static let maximumPreviewLength = 500_000

    /// Exactly `vnsearch search --json`'s output for the same query and options.
    func search(_ request: Request) async throws -> Response {
        let search = try SearchRequest(QueryParameters(request.uri.query))
        let body = try await workers.run { index in
            SearchResultsJSON.render(try index.search(search.query, options: search.options))
        }
        return .json(body)
    }

    func document(_ request: Request, id text: String?) async throws -> Response {
        guard let text, let id = Int64(text), id > 0, String(id) == text else {
            throw APIError(status: .notFound, message: "documents are addressed by their number in the index: /api/documents/12")
        }
        let parameters = try QueryParameters(request.uri.query)
        if let unknown = parameters.names.subtracting(["q", "exact", "restore_accents", "literal"]).sorted().first {
            throw APIError.badRequest("unknown parameter '\(unknown)' (known: exact, literal, q, restore_accents)")
        }
        let query = parameters["q"] ?? ""
        guard query.unicodeScalars.count <= SearchRequest.maximumQueryLength else {
            throw APIError.badRequest("the query is too long (at most \(SearchRequest.maximumQueryLength) characters)")
        }
        let options = SearchOptions(
            exact: try parameters.flag("exact", default: false), restoreAccents: try parameters.flag("restore_accents", default: true),
            literal: try parameters.flag("literal", default: false))
        let body = try await workers.run { index -> String? in
            guard let document = try index.document(id: id, maxTextBytes: Self.maximumPreviewLength * 4) else { return nil }
            return try Self.documentJSON(document, query: query, options: options, index: index)
        }
        guard let body else { throw APIError(status: .notFound, message: "no document \(id) in the index") }
        return .json(body)
    }

    /// `{"id", "path", "title", "format", "encoding", "size", "modified", "text", "text_length",
    /// "truncated", "title_matches", "text_matches"}`; matches as [start, end) in Unicode scalars.
    /// A file stored in sections is one document: its text joined from its sections (the first
    /// `maximumPreviewLength` scalars), `text_length` the whole file's.
    static func documentJSON(_ document: StoredDocument, query: String, options: SearchOptions, index: SearchIndex) throws -> String {
        // Read up to 4 bytes per character of the preview: a huge document's whole text is never
        // held in memory, only counted.
        let length = document.textLength
        var text = document.text
        if document.text.unicodeScalars.count > maximumPreviewLength {
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: document.text.unicodeScalars.prefix(maximumPreviewLength))
            text = String(scalars)
        }
        let matches = query.isEmpty ? [[], []] : try index.matches(of: query, in: [document.title, text], options: options)
        return JSONOutput.object([
            ("id", .number(Int(document.id))), ("path", .string(document.path)), ("title", .string(document.title)),
            ("format", .string(document.format)), ("encoding", .string(document.encoding)), ("size", .number(Int(document.size))),
            ("modified", .string(UTCTime.iso8601(nanoseconds: document.modificationTime))),
            ("text", .string(text)), ("text_length", .number(length)), ("truncated", .bool(length > maximumPreviewLength)),
            ("title_matches", SearchResultsJSON.ranges(matches[0])), ("text_matches", SearchResultsJSON.ranges(matches[1])),
        ]).rendered + "\n"
    }

    /// `vnsearch stats --json`'s members, then `folders` (the folders holding most documents)
    /// and `server` (read-only or not, and what the watcher did).
    func stats(_ request: Request) async throws -> Response {
        let path = configuration.indexPath
        let members = try await workers.run { index in
            let stats = try index.statistics()
            let folders = try index.folders(limit: 200)
            return JSONOutput.object(
                StatisticsJSON.members(stats, path: path) + [
                    ("folders", .array(folders.map { .object([("path", .string($0.path)), ("documents", .number($0.documents))]) }))
                ]).rendered
        }
        let server = JSONOutput.object([("read_only", .bool(configuration.readOnly)), ("watch", watchJSON)]).rendered
        return .json(String(members.dropLast()) + ",\"server\":" + server + "}\n")
    }

    private var watchJSON: JSONOutput {
        guard let liveIndexer else { return .null }
        let status = liveIndexer.status
        return .object([
            ("folders", .array(status.folders.map { .string($0) })), ("method", .string(status.method)), ("runs", .number(status.runs)),
            ("last_run_at", status.lastRunAt.map { .string(UTCTime.iso8601(seconds: Int64($0))) } ?? .null),
            ("last_error", status.lastError.map { .string($0) } ?? .null),
            ("last_report", status.lastReport.map(Self.reportJSON) ?? .null),
        ])
    }

    static func reportJSON(_ report: IndexingReport) -> JSONOutput {
        .object([
            ("added", .number(report.added)), ("updated", .number(report.updated)), ("removed", .number(report.removed)),
            ("unchanged", .number(report.unchanged)), ("skipped", .number(report.skipped.count)), ("seconds", .double(report.seconds)),
        ])
    }

    /// 200 `{"status": "ok", "documents": N}` when the index can be read; 503 with the reason
    /// otherwise (for a load balancer, or a replica still restoring).
    func health(_ request: Request) async -> Response {
        do {
            let documents = try await workers.run { index in try index.documentCount() }
            return .json(JSONOutput.object([("status", .string("ok")), ("documents", .number(documents))]).rendered + "\n")
        } catch {
            let problem = APIError(error)
            return .json(
                JSONOutput.object([("status", .string("unavailable")), ("error", .string(problem.message))]).rendered + "\n",
                status: .serviceUnavailable)
        }
    }
}
