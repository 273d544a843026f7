import Testing
@testable import VietSearch

@Suite struct SearchQueryTests {
    typealias Term = SearchQuery.Term
    typealias Clause = SearchQuery.Clause

    static let cases: [(String, [Clause])] = [
        ("xây dựng", [Clause(alternatives: [.word("xây", prefix: false)]), Clause(alternatives: [.word("dựng", prefix: false)])]),
        ("\"xây dựng\" đảng", [Clause(alternatives: [.phrase("xây dựng")]), Clause(alternatives: [.word("đảng", prefix: false)])]),
        ("dan*", [Clause(alternatives: [.word("dan", prefix: true)])]),
        ("bóng -đá", [Clause(alternatives: [.word("bóng", prefix: false)]), Clause(alternatives: [.word("đá", prefix: false)], isExcluded: true)]),
        ("a OR b", [Clause(alternatives: [.word("a", prefix: false), .word("b", prefix: false)])]),
        ("a OR \"b c\" d", [Clause(alternatives: [.word("a", prefix: false), .phrase("b c")]), Clause(alternatives: [.word("d", prefix: false)])]),
        // Only exclusions: nothing to search for (the planner finds nothing).
        ("-abc", [Clause(alternatives: [.word("abc", prefix: false)], isExcluded: true)]),
        // Repeats are kept once: whole clauses (case and spacing aside), and alternatives; plain
        // words stay (`keptOnce` drops them once they are read as meant).
        ("\"xay dung\" \"Xay  dung\" dang \"xay dung\"", [Clause(alternatives: [.phrase("xay dung")]), Clause(alternatives: [.word("dang", prefix: false)])]),
        ("a -b a -b -B", [
            Clause(alternatives: [.word("a", prefix: false)]), Clause(alternatives: [.word("b", prefix: false)], isExcluded: true),
            Clause(alternatives: [.word("a", prefix: false)]),
        ]),
        ("a OR a OR b b OR a", [Clause(alternatives: [.word("a", prefix: false), .word("b", prefix: false)])]),
        // Not repeats: a word and the same word as a prefix, as a phrase, or excluded.
        ("dan dan* \"dan\" -dan", [
            Clause(alternatives: [.word("dan", prefix: false)]), Clause(alternatives: [.word("dan", prefix: true)]),
            Clause(alternatives: [.phrase("dan")]), Clause(alternatives: [.word("dan", prefix: false)], isExcluded: true),
        ]),
        // Operators of FTS5 are literal words here.
        ("a AND b", [Clause(alternatives: [.word("a", prefix: false)]), Clause(alternatives: [.word("AND", prefix: false)]), Clause(alternatives: [.word("b", prefix: false)])]),
        ("OR a", [Clause(alternatives: [.word("OR", prefix: false)]), Clause(alternatives: [.word("a", prefix: false)])]),
        ("a or b", [Clause(alternatives: [.word("a", prefix: false)]), Clause(alternatives: [.word("or", prefix: false)]), Clause(alternatives: [.word("b", prefix: false)])]),
        ("\"unclosed phrase", [Clause(alternatives: [.phrase("unclosed phrase")])]),
        ("***", [Clause(alternatives: [.word("", prefix: false)])]),
        ("37-NQ/TW", [Clause(alternatives: [.word("37-NQ/TW", prefix: false)])]),
        ("  ", []),
    ]

    @Test(arguments: cases)
    func parses(_ text: String, _ expected: [Clause]) {
        #expect(SearchQuery(parsing: text).clauses == expected, "query: \(text)")
    }

    /// Once read as meant, a word typed again is the same word: kept once, in its first place.
    @Test func keptOnceDropsRepeatedWords() {
        let query = SearchQuery(parsing: "co a -b co A b*")
        #expect(query.clauses.count == 6)
        #expect(query.keptOnce.clauses == [
            Clause(alternatives: [.word("co", prefix: false)]), Clause(alternatives: [.word("a", prefix: false)]),
            Clause(alternatives: [.word("b", prefix: false)], isExcluded: true), Clause(alternatives: [.word("b", prefix: true)]),
        ])
    }
}
