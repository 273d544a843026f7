import Foundation

/// Half of a search's work done by a `SearchIndex`'s partner connection on its `PartnerThread`:
/// half the rows ranked (`SearchIndex.rankedRows`), or half the page's results and snippets
/// (`SearchIndex.results`). The partner is used by this job alone while it runs, and the caller
/// reads the result only after `wait`: hence `@unchecked Sendable`.
final class PartnerJob<Value>: @unchecked Sendable {
    private let partner: SearchIndex
    private let work: (SearchIndex) throws -> Value
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, Error>?

    init(partner: SearchIndex, work: @escaping (SearchIndex) throws -> Value) {
        self.partner = partner
        self.work = work
    }

    /// Starts the work on `thread`.
    func start(on thread: PartnerThread) {
        thread.run { self.run() }
    }

    /// The partner's value once it is done: nil when its work failed.
    func wait() -> Value? {
        done.wait()
        return try? result?.get()
    }

    private func run() {
        result = Result { try work(partner) }
        done.signal()
    }
}
