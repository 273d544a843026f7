import Foundation
import Testing
import VietSearch

/// Queries written to break a search: page numbers past `Int.max`, hundreds of exclusions,
/// repeats, and queries over the `QueryLimits`. Each one is an answer or a clear refusal.
@Suite struct HostileQueryTests {
    typealias Paths = [String]

    static func paths(_ results: SearchResults) -> Paths { SearchIndexTests.paths(results) }

    /// An offset near `Int.max` is a page past every result (`offset + limit` overflowed).
    @Test(arguments: [Int.max, Int.max - 5, Int.max / 2])
    func offsetNearTheLargestInteger(offset: Int) throws {
        try SearchIndexTests.withIndex { (index: SearchIndex) throws in
            for query in ["dang", "đảng", "xay dung dang", "hoa binh"] {
                let results = try index.search(query, options: SearchOptions(limit: 10, offset: offset))
                #expect(results.results.isEmpty)
                #expect(results.total > 0, "query: \(query)")
                #expect(try index.search(query, options: SearchOptions(limit: Int.max, offset: offset)).results.isEmpty)
            }
            #expect(try index.search("dang", options: SearchOptions(limit: Int.max)).results.count == 4)
            #expect(try index.search("dang", options: SearchOptions(limit: -3, offset: -7)).results.isEmpty)
        }
    }

    /// Any number of exclusions: 95 of them overflowed FTS5's parser stack, nested one per
    /// exclusion. Each still leaves its documents out. (Over 60, only with limits raised.)
    @Test(arguments: [1, 60, 95, 300])
    func manyExclusions(count: Int) throws {
        try SearchIndexTests.withIndex { (index: SearchIndex) throws in
            let options = SearchOptions(limits: QueryLimits(maxCharacters: 10_000, maxWords: 1_000))
            let others = (0..<count).map { "-x\($0)" }.joined(separator: " ")
            #expect(try Set(Self.paths(index.search("dang -dien \(others)", options: options))) == ["dang", "dang-nfd", "dang-gia"])
            #expect(try Set(Self.paths(index.search("dang \(others) -dien -quy", options: options))) == ["dang", "dang-nfd"])
        }
    }

    /// A query of exclusions only has nothing to search for: it finds nothing (it was searched
    /// as its words, finding the very documents it left out).
    @Test func onlyExclusionsFindNothing() throws {
        try SearchIndexTests.withIndex { (index: SearchIndex) throws in
            for query in ["-dang", "-dang -hoa", "-\"xay dung\"", "-dang*"] {
                let results = try index.search(query)
                #expect(results.results.isEmpty && results.total == 0, "query: \(query)")
            }
        }
    }

    /// Repeats of a clause find and rank as the clause once.
    @Test func repeatsSearchAsOnce() throws {
        try SearchIndexTests.withIndex { (index: SearchIndex) throws in
            let once = try index.search("\"xay dung\" dang")
            let repeated = try index.search(Array(repeating: "\"xay dung\"", count: 80).joined(separator: " ") + " dang -mai -mai")
            #expect(Self.paths(repeated) == Self.paths(once))
            #expect(repeated.results.map(\.score) == once.results.map(\.score))
        }
    }

    static func words(_ count: Int, _ word: (Int) -> String) -> String { (0..<count).map(word).joined(separator: " ") }

    static let overLimits: [(String, String)] = [
        (String(repeating: "a", count: 1_001), "too long: 1001 characters"),
        (words(49) { "w\($0)" }, "too many words: 49"),
        ("\"" + words(17) { "w\($0)" } + "\"", "too many words: 51"),
        (words(25) { "w\($0) OR v\($0)" }, "too many words: 50"),
        (words(48) { "-w\($0)" } + " dang", "too many words: 49"),
        ((1...17).map(String.init).joined(separator: "/"), "too many words: 51"),
        (words(8) { "tha\($0)*" } + " dang", "too many words: 49"),
        ("thu* tha* the* tho* nga*", "too many prefix searches: 5"),
        ("t*", "prefix t* is too short"),
        ("xay Đ*", "prefix d* is too short"),
        ("th*", "prefix th* is too short: a prefix needs at least 3 letters"),
    ]

    /// Over a limit, the search fails with the reason; at the limit, it runs.
    @Test(arguments: overLimits)
    func overALimitIsRefusedWithTheReason(query: String, reason: String) throws {
        try SearchIndexTests.withIndex { (index: SearchIndex) throws in
            do {
                _ = try index.search(query)
                Issue.record("searched: \(query.prefix(80))")
            } catch VietSearchError.queryRejected(let message) {
                #expect(message.contains(reason), "\(message)")
            }
        }
    }

    @Test func atTheLimitsTheQueryRuns() throws {
        try SearchIndexTests.withIndex { (index: SearchIndex) throws in
            _ = try index.search("dang " + String(repeating: " ", count: 995))
            _ = try index.search((0..<47).map { "w\($0)" }.joined(separator: " ") + " dang")
            _ = try index.search("\"" + (0..<16).map { "w\($0)" }.joined(separator: " ") + "\"")
            _ = try index.search("thu* tha* the* đản* " + (0..<24).map { "w\($0)" }.joined(separator: " "))
            _ = try index.search("thu* tha* the* đản*")
            _ = try index.search("*")  // no letters: not a prefix
            let limits = QueryLimits(maxCharacters: 10, maxWords: 2, maxPrefixes: 0, minimumPrefixLength: 1)
            #expect(throws: VietSearchError.self) { try index.search("a b c", options: SearchOptions(limits: limits)) }
            #expect(throws: VietSearchError.self) { try index.search("a*", options: SearchOptions(limits: limits)) }
            _ = try index.search("a b", options: SearchOptions(limits: limits))
        }
    }
}
