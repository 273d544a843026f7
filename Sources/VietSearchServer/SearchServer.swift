import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import VietSearch

/// `vnsearch serve`: the search page and the JSON API over one index, on Hummingbird.
///
/// Routes: `/` (the page; `/?q=…` is a shareable search), `/app.js`, `/app.css`,
/// `/favicon.svg`, `GET /api/search`, `/api/documents/{id}`, `/api/stats`, `/healthz`.
public struct SearchServer: Sendable {
    public let configuration: ServerConfiguration

    public init(configuration: ServerConfiguration) {
        self.configuration = configuration
    }

    /// Serves until SIGINT or SIGTERM. `onListening` gets the bound host and port (the port
    /// chosen, when the configuration asks for 0). `liveIndexer`, when watching, is reported in
    /// `/api/stats`; the caller starts and stops it.
    public func run(liveIndexer: LiveIndexer? = nil, onListening: @escaping @Sendable (String, Int) -> Void) async throws {
        let workers = SearchWorkers(
            indexPath: configuration.indexPath, count: configuration.workers, queueLimit: configuration.queueLimit,
            reopenWhenChanged: configuration.readOnly, abbreviations: configuration.abbreviations)
        defer { workers.stop() }
        let router = Self.router(api: APIHandlers(workers: workers, configuration: configuration, liveIndexer: liveIndexer), configuration: configuration)
        var logger = Logger(label: "vnsearch-serve")
        logger.logLevel = .warning
        let host = configuration.host
        let app = Application(
            router: router,
            server: .http1(configuration: HTTP1Channel.Configuration(idleTimeout: .seconds(60))),
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in onListening(host, channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.runService()
    }

    static func router(api: APIHandlers, configuration: ServerConfiguration) -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestGuard(configuration: configuration))
        router.get("/api/search") { request, _ in try await api.search(request) }
        router.get("/api/documents/:id") { request, context in try await api.document(request, id: context.parameters.get("id")) }
        router.get("/api/stats") { request, _ in try await api.stats(request) }
        router.get("/healthz") { request, _ in await api.health(request) }
        for (path, asset) in StaticAssets.byPath {
            router.get(RouterPath(path)) { _, _ in StaticAssets.response(asset) }
        }
        return router
    }
}
