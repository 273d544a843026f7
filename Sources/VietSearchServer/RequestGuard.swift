import HTTPTypes
import Hummingbird

/// Checks every request before it is routed, and shapes every response: requests have no body
/// and a bounded URL; a loopback server answers only requests addressed to a loopback name (a
/// web page elsewhere cannot reach it by DNS rebinding); with a token, `/api/` needs it as a
/// bearer token; errors become JSON; and every response carries headers that keep a browser
/// from running anything the page did not ship (`Content-Security-Policy`).
struct RequestGuard<Context: RequestContext>: RouterMiddleware {
    let configuration: ServerConfiguration

    /// Longest request target accepted (path and query).
    static var maximumURILength: Int { 4096 }

    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            try check(request)
            response = try await next(request, context)
        } catch {
            response = APIError(error).response
            if response.status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    private func check(_ request: Request) throws(APIError) {
        guard request.uri.string.utf8.count <= Self.maximumURILength else {
            throw APIError(status: .uriTooLong, message: "the request URL is too long (at most \(Self.maximumURILength) bytes)")
        }
        guard request.method == .get || request.method == .head else {
            throw APIError(status: .methodNotAllowed, message: "only GET requests are answered")
        }
        if request.headers[.transferEncoding] != nil || (request.headers[.contentLength].flatMap { Int($0) } ?? 0) > 0 {
            throw APIError(status: .contentTooLarge, message: "requests to this server have no body")
        }
        if configuration.isLoopback, !Self.isLoopbackAuthority(request.head.authority) {
            throw APIError(status: .misdirectedRequest, message: "this server answers requests to 127.0.0.1 or localhost only")
        }
        if let token = configuration.token, request.uri.path.hasPrefix("/api/"),
            !Self.sameBytes(request.headers[.authorization] ?? "", "Bearer " + token)
        {
            throw APIError(status: .unauthorized, message: "this server needs its token: Authorization: Bearer <token>")
        }
    }

    static func isLoopbackAuthority(_ authority: String?) -> Bool {
        guard let authority else { return false }
        var host = Substring(authority)
        if host.hasPrefix("[") {
            host = host.dropFirst().prefix { $0 != "]" }
        } else if let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        let name = host.lowercased()
        return name == "localhost" || name == "::1" || name.hasPrefix("127.")
    }

    /// Compares without stopping at the first difference, so timing tells nothing of the token.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0
    }
}
