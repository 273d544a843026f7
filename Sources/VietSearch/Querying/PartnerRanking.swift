import Foundation

/// One half of a ranking query, run by a `SearchIndex`'s partner connection on a thread of its own
/// (see `SearchIndex.top`). The partner is used by this job alone while it runs, and the caller
/// reads `result` only after `done`: hence `@unchecked Sendable`.
final class PartnerRanking: @unchecked Sendable {
    private let partner: SearchIndex
    private let ranked: QueryPlanner.Ranked
    private let rowids: ClosedRange<Int64>
    private let limit: Int
    private let filter: DocumentFilter
    let done = DispatchSemaphore(value: 0)
    private(set) var result: Result<(rows: [(id: Int64, score: Double)], count: Int), Error>?

    init(partner: SearchIndex, ranked: QueryPlanner.Ranked, rowids: ClosedRange<Int64>, limit: Int, filter: DocumentFilter) {
        self.partner = partner
        self.ranked = ranked
        self.rowids = rowids
        self.limit = limit
        self.filter = filter
    }

    func run() {
        // The row lengths are the owner's, refreshed before the split.
        result = Result { try partner.rank(ranked, rowids: rowids, limit: limit, offset: 0, filter: filter) }
        done.signal()
    }
}
