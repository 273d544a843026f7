import Foundation

/// One half of a ranking, done by a `SearchIndex`'s partner connection on a thread of its own
/// (see `SearchIndex.rankedRows`). The partner is used by this job alone while it runs, and the
/// caller reads `result` only after `done`: hence `@unchecked Sendable`.
final class PartnerRanking: @unchecked Sendable {
    private let partner: SearchIndex
    private let work: (SearchIndex) throws -> SearchIndex.RankedRows
    let done = DispatchSemaphore(value: 0)
    private(set) var result: Result<SearchIndex.RankedRows, Error>?

    init(partner: SearchIndex, work: @escaping (SearchIndex) throws -> SearchIndex.RankedRows) {
        self.partner = partner
        self.work = work
    }

    func run() {
        // The row lengths are the owner's, refreshed before the split.
        result = Result { try work(partner) }
        done.signal()
    }
}
