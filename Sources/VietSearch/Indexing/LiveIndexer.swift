import Foundation

/// Keeps an index up to date with folders while it is searched: an incremental `FolderIndexer`
/// run at the start, then another whenever files under the folders change (new, changed, moved,
/// deleted), told by inotify (`FolderWatcher`), or every `pollInterval` where inotify cannot be
/// used. Each run is the ordinary one (transactional, resumable, under the indexer lock): a kill
/// at any moment leaves a consistent index, and a run refused because another indexer holds the
/// lock is tried again.
public final class LiveIndexer: @unchecked Sendable {
    public enum Event: Sendable {
        /// A run finished.
        case indexed(IndexingReport)
        /// A run failed (it is tried again after the next change, or `retryInterval`).
        case failed(String)
    }

    /// What the watcher has done, for a status page.
    public struct Status: Sendable {
        public var folders: [String]
        /// "inotify", or "polling every N s".
        public var method: String
        public var runs = 0
        public var lastReport: IndexingReport?
        /// When the last run finished, seconds since 1970.
        public var lastRunAt: Double?
        public var lastError: String?
    }

    public let indexPath: String
    public let folders: [String]
    /// Between runs when inotify is not used.
    public var pollInterval = 1.0
    /// False: poll even where inotify works (on network file systems, inotify does not see
    /// changes made by other machines).
    public var useInotify = true
    /// Also follow links to files outside the folders (`FolderIndexer.followLinks`).
    public var followLinks = false
    /// After a failed run (the lock held by another indexer, say), the next try.
    public var retryInterval = 1.0
    /// Events closer than this are one change (a file written in several pieces, a folder of
    /// files copied at once): one run after they stop, or after `maximumDelay` at most.
    public var quietPeriod = 0.15
    public var maximumDelay = 0.6

    private let onEvent: @Sendable (Event) -> Void
    private let lock = NSLock()
    private var state: Status
    private var stopping = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)

    /// `onEvent` is called on the indexing thread after each run.
    public init(indexPath: String, folders: [String], onEvent: @escaping @Sendable (Event) -> Void = { _ in }) {
        self.indexPath = indexPath
        self.folders = folders.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        self.onEvent = onEvent
        state = Status(folders: self.folders, method: "starting")
    }

    public var status: Status {
        lock.withLock { state }
    }

    /// Starts the indexing thread.
    public func start() {
        let thread = Thread { [self] in
            loop()
            finished.signal()
        }
        thread.stackSize = 1 << 22
        thread.name = "vnsearch-watch"
        self.thread = thread
        thread.start()
    }

    /// Asks the thread to stop and waits for it, at most `timeout` seconds (a run in progress
    /// finishes first; a kill is safe too). True when it stopped.
    @discardableResult
    public func stop(timeout: Double = 5) -> Bool {
        lock.withLock { stopping = true }
        guard thread != nil else { return true }
        return finished.wait(timeout: .now() + timeout) == .success
    }

    private var shouldStop: Bool { lock.withLock { stopping } }

    private func loop() {
        // Watches are set up before the first run, so nothing changed during it is missed.
        let watcher = useInotify ? FolderWatcher(folders: folders) : nil
        lock.withLock { state.method = watcher == nil ? "polling every \(pollInterval) s" : "inotify" }
        var index: SearchIndex?
        var pending = true
        var nextTry = Date.distantPast
        while !shouldStop {
            if let watcher {
                if watcher.waitForChanges(timeout: pending ? 0.2 : 0.5) {
                    waitForQuiet(watcher)
                    pending = true
                }
            } else {
                Thread.sleep(forTimeInterval: pending ? 0.2 : pollInterval)
                pending = true
            }
            guard pending, Date() >= nextTry, !shouldStop else { continue }
            if runOnce(&index) {
                pending = false
            } else {
                nextTry = Date().addingTimeInterval(retryInterval)
            }
        }
    }

    /// Reads further events until none came for `quietPeriod`, or `maximumDelay` has passed.
    private func waitForQuiet(_ watcher: FolderWatcher) {
        let deadline = Date().addingTimeInterval(maximumDelay)
        while Date() < deadline, watcher.waitForChanges(timeout: min(quietPeriod, deadline.timeIntervalSinceNow)) {}
    }

    /// One incremental run; false when it failed (and is to be tried again).
    private func runOnce(_ index: inout SearchIndex?) -> Bool {
        do {
            let opened = try index ?? SearchIndex(path: indexPath, mode: .readWrite)
            index = opened
            let indexer = FolderIndexer(index: opened)
            indexer.followLinks = followLinks
            let report = try indexer.run(folders: folders.filter(Self.isFolder))
            lock.withLock {
                state.runs += 1
                state.lastReport = report
                state.lastRunAt = Date().timeIntervalSince1970
                state.lastError = nil
            }
            onEvent(.indexed(report))
            return true
        } catch {
            let message = (error as? VietSearchError)?.description ?? "\(error)"
            lock.withLock { state.lastError = message }
            onEvent(.failed(message))
            return false
        }
    }

    /// A folder that is gone is left out of a run (its documents stay until it is back, as
    /// `vnsearch index` leaves the documents of folders it is not given).
    private static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
