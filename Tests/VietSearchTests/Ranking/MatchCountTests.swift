import Foundation
import TestSupport
import Testing
import VietSearchSQLite

@testable import VietSearch

/// `total`'s exact counts read from the postings (`MatchCount`) are FTS5's `count(*)` of the same
/// expressions: random queries (prefixes, exclusions, OR, accent forms, quoted phrases,
/// abbreviations and their expansions, rewrites) on the indexes
/// of `PrunedRankingTests` (written in batches with updates and deletions, so rows have entries in
/// several segments and delete markers; small pages; files in sections), with and without a
/// filter, before and after `optimize`.
@Suite struct MatchCountTests {
    @Test(arguments: [(96, false, false), (4050, true, false), (96, false, true), (4050, true, true)])
    func postingsCountWhatFTS5Counts(pageSize: Int, optimize: Bool, sectioned: Bool) throws {
        try PrunedRankingTests.withIndex(count: 800, pageSize: pageSize, seed: 11, optimize: optimize, sectioned: sectioned) { index in
            var numbers = SeededRandom(seed: 3)
            var (routed, allWords, phrased) = (0, 0, 0)
            for round in 0..<120 {
                let text = PrunedRankingTests.query(&numbers)
                let (query, statistics, _, _) = try index.interpret(SearchQuery(parsing: text), options: SearchOptions())
                guard let plan = index.planner.plan(for: query, exact: round % 5 == 0, statistics: statistics) else { continue }
                let filter = round % 3 == 0 ? DocumentFilter(modifiedFrom: 1, modifiedBefore: 3) : DocumentFilter()
                let allowed = try index.allowedRowids(for: filter)
                let ranking = plan.query
                let routes = ranking.words.filter(\.routes).flatMap { word in word.phrases.filter { word.routes($0) } }
                if let counted = try index.countFromPostings(every: [routes], excluding: ranking.excluded, filter: filter, allowed: allowed) {
                    #expect(counted == (try index.count(ranking.expression.match, filter: filter)), "\(text)")
                    routed += 1
                    if (routes + ranking.excluded).contains(where: { $0.tokens.count > 1 }) { phrased += 1 }
                }
                guard !plan.required.isEmpty else { continue }
                let every = plan.required.map { ranking.words[$0].phrases }
                if let counted = try index.countFromPostings(every: every, excluding: ranking.excluded, filter: filter, allowed: allowed) {
                    #expect(counted == (try index.count(index.allWordsExpression(plan), filter: filter)), "all words: \(text)")
                    allWords += 1
                }
            }
            #expect(routed > 60)
            #expect(allWords > 20)
            // Phrases of several tokens among them, their places checked.
            #expect(phrased > 5)
        }
    }

    /// Rows written and not yet committed are in FTS5's memory, not in its pages: FTS5 counts them.
    @Test func uncommittedWritesAreCountedByFTS5() throws {
        try withTemporaryFolder("vietsearch-count") { folder throws in
            let index = try SearchIndex(path: folder.appendingPathComponent("index.db").path, mode: .readWrite)
            let token = RankingQuery.Token(bytes: Array("dang:đảng".utf8), isPrefix: false, written: "\"đảng\"")
            let phrase = RankingQuery.Phrase(tokens: [token], countsAsAny: true, countsAsExact: true)
            func document(_ number: Int) -> IndexedDocument {
                IndexedDocument(
                    path: "/d/\(number).txt", title: "", body: "Đảng và nhân dân", size: 20, modificationTime: 0, hash: "\(number)",
                    encoding: "utf-8", format: "txt")
            }
            try index.write { try $0.upsert(document(1)) }
            #expect(try index.countFromPostings(every: [[phrase]], excluding: [], filter: DocumentFilter(), allowed: nil) == 1)
            try index.write { writer in
                try writer.upsert(document(2))
                #expect(try index.countFromPostings(every: [[phrase]], excluding: [], filter: DocumentFilter(), allowed: nil) == nil)
            }
            #expect(try index.countFromPostings(every: [[phrase]], excluding: [], filter: DocumentFilter(), allowed: nil) == 2)
        }
    }
}
