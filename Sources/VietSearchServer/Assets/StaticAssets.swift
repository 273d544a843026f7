import Hummingbird

/// The page's files, compiled into the binary: the server reads no file to answer a request,
/// and the page needs nothing from the internet.
enum StaticAssets {
    struct Asset: Sendable {
        var contentType: String
        var body: String
    }

    static let icon = #"""
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="6.5" cy="6.5" r="4.5" fill="none" stroke="#b3261e" stroke-width="2"/><path d="M10 10l4.5 4.5" stroke="#b3261e" stroke-width="2.5" stroke-linecap="round"/></svg>
        """#

    /// By path; `/` is the page whatever its query (`/?q=…` is read by the script).
    static let byPath: [String: Asset] = [
        "/": Asset(contentType: "text/html; charset=utf-8", body: PageHTML.text),
        "/app.js": Asset(contentType: "text/javascript; charset=utf-8", body: PageScript.text),
        "/app.css": Asset(contentType: "text/css; charset=utf-8", body: PageStyle.text),
        "/favicon.svg": Asset(contentType: "image/svg+xml", body: icon),
    ]

    static func response(_ asset: Asset) -> Response {
        Response(
            status: .ok, headers: [.contentType: asset.contentType, .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: asset.body)))
    }
}
