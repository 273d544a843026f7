import Foundation

/// The thread that does a `SearchIndex`'s partner jobs (`PartnerJob`: the upper half of a
/// ranking, the second half of a page's results) on its partner connection, kept from one
/// search to the next: starting a thread per search (a clone, a fresh 4 MB stack faulted in page
/// by page, its unmapping) cost CPU on every split search and delayed the partner's start. It
/// serves one index, whose searches run one at a time, so a job never waits behind another
/// caller's (why it is not a shared pool). Stopped when the index goes (`SearchIndex.deinit`).
///
/// `@unchecked Sendable`: the stored state is accessed under `condition`.
final class PartnerThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var job: (@Sendable () -> Void)?
    private var stopped = false
    private var ended = false

    init() {
        let thread = Thread { [self] in serve() }
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// Runs `job` on the thread; the caller waits for it as the job says (`PartnerJob.wait`).
    func run(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        precondition(self.job == nil, "a partner job while another runs")
        self.job = job
        condition.signal()
        condition.unlock()
    }

    /// Whether the thread has ended (tests check that it does with its index).
    var hasEnded: Bool {
        condition.lock()
        defer { condition.unlock() }
        return ended
    }

    /// Ends the thread once any job given has run.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func serve() {
        while true {
            condition.lock()
            while job == nil && !stopped { condition.wait() }
            let next = job
            job = nil
            if next == nil { ended = true }
            condition.unlock()
            guard let next else { return }
            next()
        }
    }
}
