import Hummingbird
import VietSearch

/// An error a client gets as JSON, `{"error": "message"}`, with its status: the message says
/// what was wrong with the request, never how the server failed inside.
struct APIError: Error {
    var status: HTTPResponse.Status
    var message: String

    static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, message: message) }

    var response: Response { .json(JSONOutput.object([("error", .string(message))]).rendered + "\n", status: status) }

    /// The client's view of any error a handler threw.
    init(_ error: any Error) {
        switch error {
        case let error as APIError: self = error
        case is SearchWorkers.Busy: self.init(status: .serviceUnavailable, message: "the server is busy: try again")
        case let error as VietSearchError:
            switch error {
            case .indexNotFound, .notAnIndex, .schemaMismatch: self.init(status: .serviceUnavailable, message: error.description)
            case .busy: self.init(status: .serviceUnavailable, message: "the index is busy: try again")
            case .database: self.init(status: .internalServerError, message: "the index could not be read")
            // The query's own fault: the reason says which limit (`QueryLimits`), as `search` does.
            case .queryRejected: self.init(status: .badRequest, message: error.description)
            case .unusablePath: self.init(status: .serviceUnavailable, message: error.description)
            }
        case let error as HTTPError:
            self.init(status: error.status, message: error.body ?? Self.defaultMessage(error.status))
        default: self.init(status: .internalServerError, message: "internal error")
        }
    }

    init(status: HTTPResponse.Status, message: String) {
        self.status = status
        self.message = message
    }

    static func defaultMessage(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "not found"
        case .methodNotAllowed: "method not allowed"
        default: status.reasonPhrase.lowercased()
        }
    }
}

extension Response {
    static func json(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
