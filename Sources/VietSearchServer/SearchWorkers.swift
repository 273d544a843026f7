import Foundation
import VietSearch
import VietnameseText

/// A fixed set of threads, each with its own read-only connection to the index, that run the
/// server's searches: a `SearchIndex` is one SQLite connection and must stay on one thread at a
/// time, and a search is milliseconds of CPU that must not hold up the event loops or Swift's
/// cooperative threads. The threads and connections are made once, so memory stays flat under
/// any load; requests beyond `queueLimit` waiting are refused (`Busy`), not queued without end.
final class SearchWorkers: @unchecked Sendable {
    /// More requests wait than the workers can answer soon.
    struct Busy: Error {}

    private typealias Job = (SearchIndex?, VietSearchError?) -> Void

    let indexPath: String
    let count: Int
    let queueLimit: Int
    /// For an index another program writes in place (a Litestream replica): see `work()`.
    let reopenWhenChanged: Bool
    /// What every connection's searches expand (`SearchIndex.abbreviations`).
    let abbreviations: AbbreviationDictionary
    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var head = 0
    private var stopped = false

    init(
        indexPath: String, count: Int, queueLimit: Int, reopenWhenChanged: Bool = false,
        abbreviations: AbbreviationDictionary = .builtin
    ) {
        self.indexPath = indexPath
        self.abbreviations = abbreviations
        self.reopenWhenChanged = reopenWhenChanged
        self.count = max(1, count)
        self.queueLimit = queueLimit
        for number in 0..<self.count {
            let thread = Thread { [self] in work() }
            thread.name = "vnsearch-search-\(number)"
            thread.stackSize = 1 << 22
            thread.start()
        }
    }

    /// Runs `body` on a worker with its connection; throws `Busy` when the queue is full, or the
    /// error opening the index (missing, not an index…).
    func run<T: Sendable>(_ body: @escaping @Sendable (SearchIndex) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            let job: Job = { index, error in
                guard let index else { return continuation.resume(throwing: error ?? Busy()) }
                continuation.resume(with: Result { try index.reading { try body(index) } })
            }
            condition.lock()
            defer { condition.unlock() }
            guard !stopped, jobs.count - head < queueLimit else { return continuation.resume(throwing: Busy()) }
            jobs.append(job)
            condition.signal()
        }
    }

    /// Refuses new work; the threads end after the jobs already queued.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count {
            if stopped { return nil }
            condition.wait()
        }
        let job = jobs[head]
        head += 1
        if head > 256 && head * 2 > jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }

    /// The worker's loop. The connection is opened by the first job, and again after a job that
    /// could not open it (the index may appear later, as on a replica still restoring). With
    /// `reopenWhenReplaced`, also when the file is another one or was written since it was opened
    /// (see `FileIdentity`). Each job reads one state of the index (one read transaction).
    private func work() {
        var index: SearchIndex?
        var opened: FileIdentity?
        while let job = next() {
            if reopenWhenChanged, index != nil, FileIdentity(path: indexPath) != opened { index = nil }
            if index == nil {
                opened = FileIdentity(path: indexPath)
                do {
                    let opened = try SearchIndex(path: indexPath, mode: .readOnly)
                    // Requests already run side by side: a second thread per search would only
                    // take a core from another request.
                    opened.rankInParallel = false
                    opened.abbreviations = abbreviations
                    index = opened
                } catch {
                    job(nil, error)
                    continue
                }
            }
            job(index, nil)
        }
    }
}
