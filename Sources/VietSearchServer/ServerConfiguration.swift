import Foundation
import VietnameseText

/// How `vnsearch serve` runs.
public struct ServerConfiguration: Sendable {
    /// The index, absolute.
    public var indexPath: String
    public var host: String
    /// 0: any free port (the one chosen is printed).
    public var port: Int
    /// When set, `/api/` requests (all but `/healthz`) must carry `Authorization: Bearer <token>`.
    public var token: String?
    /// Serve a replica: never write the index (no watching).
    public var readOnly: Bool
    /// Folders kept indexed while serving (`LiveIndexer`).
    public var watchFolders: [String]
    /// Threads (and read-only connections) answering requests.
    public var workers: Int
    /// Requests waiting for a worker at most; more are refused with 503.
    public var queueLimit = 512
    /// The abbreviations searches expand (`SearchIndex.abbreviations`): the built-in ones and a
    /// user's `--dictionary`.
    public var abbreviations = AbbreviationDictionary.builtin

    public init(
        indexPath: String, host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, readOnly: Bool = false,
        watchFolders: [String] = [], workers: Int = ServerConfiguration.defaultWorkers
    ) {
        self.indexPath = indexPath
        self.host = host
        self.port = port
        self.token = token
        self.readOnly = readOnly
        self.watchFolders = watchFolders
        self.workers = workers
    }

    /// One per core: a search is CPU work, and more threads than cores only take turns.
    public static var defaultWorkers: Int {
        min(max(ProcessInfo.processInfo.activeProcessorCount, 2), 16)
    }

    /// Names that reach this machine only (the other hosts are warned about).
    public var isLoopback: Bool {
        ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) || host.hasPrefix("127.")
    }
}
