import Foundation
import TestSupport
import Testing
import VietSearchSQLite

@testable import VietSearch

/// What `QueryPlanner` makes of a table of queries (FTS5 expressions, ranking plans, snippet
/// terms), on a small index built here from sentences written for the project, compared with the
/// reviewed dump in `Golden/query-plans.txt`. A missing dump, or `RECORD_GOLDEN=1`, records a
/// new one and fails on purpose: review the diff, then run again.
@Suite struct QueryPlannerGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/query-plans.txt")

    /// Each in one document only: rare words.
    static let rare = [
        "Các đại biểu thảo luận nghị quyết 37-NQ/TW về sắp xếp bộ máy.",
        "Nhà máy thuỷ điện Hoà Bình tích nước sớm hơn dự kiến.",
        "Kĩ thuật trồng lúa mới giúp nông dân tiết kiệm nước.",
        "Vỏ nho có tác dụng chống oxy hoá, chất bổ trong vỏ nho rất tốt cho sức khoẻ.",
        "Đội tuyển bóng đá giành chiến thắng trong trận giao hữu.",
        "Giá gạo xuất khẩu tăng mạnh trong quý này.",
        "Dáng đi của cô ấy rất đẹp.",
        "Thể thao học đường phát triển mạnh ở thành phố Thủ Đức.",
        "Thuỷ thủ đoàn trở về sau chuyến đi dài.",
    ]
    /// Spread over many documents: words between rare and common.
    static let frequent = [
        "Hội nghị bàn về công tác xây dựng Đảng trong sạch, vững mạnh.",
        "Tinh thần đoàn kết là điều đáng quý của mỗi đảng viên.",
        "Nhiều người dân đang xây dựng nông thôn mới.",
        "Bác sĩ khuyên nên uống đủ nước vào mùa hè.",
        "Hà Nội là thủ đô, trung tâm chính trị của cả nước.",
    ]
    /// In most documents: common words ("là", "của", "có", "tin").
    static let common = "Đây là tin tức của địa phương, có nhiều người đọc."

    /// 40 documents: each rare sentence once, the frequent ones in turn, the common one in three
    /// documents of four.
    static var documents: [String] {
        (0..<40).map { number in
            var text = number < rare.count ? rare[number] + " " : ""
            text += frequent[number % frequent.count]
            if number % 4 != 3 { text += " " + common }
            return text
        }
    }

    static func withIndex(statistics: Bool, _ body: (SearchIndex) throws -> Void) throws {
        try withTemporaryFolder("vietsearch-plans") { folder throws in
            let index = try SearchIndex(path: folder.appendingPathComponent("index.db").path, mode: .readWrite)
            try index.write { writer in
                for (number, text) in documents.enumerated() {
                    try writer.upsert(
                        IndexedDocument(
                            path: "/docs/\(number).txt", title: "Tin số \(number)", body: text, size: Int64(text.utf8.count),
                            modificationTime: 0, hash: "\(number)", encoding: "utf-8", format: "txt"))
                }
                // Library writes keep statistics; marking them stale plans as an index made
                // before them is planned.
                if statistics { try writer.refreshTermStatistics() } else { try writer.markStatisticsStale() }
            }
            try body(index)
        }
    }

    /// (query, exact): one word with and without accents, common words, questions typed with and
    /// without accents, phrases, prefixes, OR, exclusions, `--exact`, codes of several tokens,
    /// words the index lacks, a typed form it lacks, punctuation only.
    static let queries: [(String, Bool)] = [
        ("đảng", false), ("dang", false), ("Đảng", true), ("thuỷ", false), ("thuy", false), ("nho", false),
        ("của", false), ("là của", false), ("có tác dụng", false), ("tin tuc", false),
        ("xây dựng đảng", false), ("xay dung dang", false), ("vỏ nho", false), ("vo nho", false),
        ("vỏ nho có tác dụng gì cho sức khoẻ", false), ("vo nho co tac dung gi cho suc khoe", false),
        ("ai là người xây dựng nông thôn mới ở hà nội", false), ("ky thuat trong lua tiet kiem nuoc nhu the nao", false),
        ("\"thuỷ điện\" hoà bình", false), ("\"thuy dien\"", false), ("\"là tin\"", false),
        ("thuy*", false), ("nông th*", false), ("đả*", false), ("thu*", true),
        ("lúa OR gạo", false), ("\"bóng đá\" OR thể thao", false), ("xyzzy OR lúa", false),
        ("bóng đá -giao", false), ("nước -\"thuỷ điện\" -lúa", false), ("-đảng", false),
        ("hoà bình", true), ("xây dựng đảng", true), ("ky thuat", true),
        ("37-NQ/TW", false), ("nghị quyết 37-NQ/TW", false), ("37-nq/tw", true),
        ("xyzzy", false), ("kinh tế xyzzy", false), ("đảng viên quắp", false), ("đãng", false), ("đãng viên", false),
        ("!!! …", false), ("a", false),
    ]

    /// Queries planned again on the same index without statistics (as an index made before
    /// them is searched).
    static let withoutStatistics: [(String, Bool)] = [
        ("đảng", false), ("xay dung dang", false), ("vỏ nho có tác dụng gì cho sức khoẻ", false), ("thuy*", false),
        ("hoà bình", true), ("37-NQ/TW -lúa", false),
    ]

    static func number(_ value: Double) -> String { String(format: "%.6g", value) }

    /// The ranking query: per word its weights and roles, and its phrases (tokens, `*` for a
    /// prefix, with what a match counts as); the excluded phrases; the FTS5 expression.
    static func describe(_ query: RankingQuery) -> [String] {
        let plan = query.plan
        func phrase(_ phrase: RankingQuery.Phrase) -> String {
            let tokens = phrase.tokens.map { String(decoding: $0.bytes, as: UTF8.self) + ($0.isPrefix ? "*" : "") }.joined(separator: " ")
            return tokens + (phrase.countsAsAny || phrase.countsAsExact ? " " : "") + (phrase.countsAsAny ? "a" : "") + (phrase.countsAsExact ? "e" : "")
        }
        var lines: [String] = []
        for (index, word) in query.words.enumerated() {
            let weights = plan.words[index]
            let routes = word.routes ? (word.routesTypedOnly ? " routes (typed)" : " routes") : ""
            lines.append(
                "  word \(index): any \(number(weights.anyWeight)) exact \(number(weights.exactWeight)) pair \(number(weights.pairWeight))"
                    + (weights.isRequired ? " required" : "") + (weights.isAccented ? " accented" : "")
                    + (weights.length > 1 ? " length \(weights.length)" : "") + routes + "; documents \(word.documents) typed \(word.typedDocuments)")
            lines.append("      " + word.phrases.map(phrase).joined(separator: " | "))
        }
        if !query.excluded.isEmpty { lines.append("  excluded: " + query.excluded.map(phrase).joined(separator: " | ")) }
        lines.append("  bonus all \(number(plan.allWordsBonus)) exact \(number(plan.exactFormsBonus))")
        lines.append("  fts5: " + visible(query.expression.match))
        if query.routesThroughPhrases { lines.append("  ranked through FTS5: every routing word has a phrase of several tokens") }
        return lines
    }

    /// The variant marker (U+0002, see `VietnameseTokenizerOptions`) as a visible character.
    static func visible(_ expression: String) -> String { expression.replacingOccurrences(of: "\u{2}", with: "␂") }

    static func describe(_ term: SnippetBuilder.Term) -> String {
        term.keys.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ") + (term.lastIsPrefix ? "*" : "")
    }

    /// The dump of one query: the statistics of its words, then each part of the plan.
    static func dump(_ query: String, exact: Bool, _ index: SearchIndex) throws -> [String] {
        let parsed = SearchQuery(parsing: query)
        let statistics = try index.termStatistics(for: parsed)
        var lines = ["## \(query)\(exact ? "  [exact]" : "")\(statistics == nil ? "  [no statistics]" : "")"]
        if let statistics {
            let words = statistics.entries.keys.sorted().map { folded in
                let entry = statistics.entries[folded]!
                return "\(folded) \(entry.documentFrequency) (\(entry.variants.map { "\($0.form.isEmpty ? "-" : $0.form) \($0.documentFrequency)" }.joined(separator: ", ")))"
            }
            lines.append("statistics: \(statistics.documentCount) documents; \(words.joined(separator: "; "))")
        }
        guard let plan = index.planner.plan(for: parsed, exact: exact, statistics: statistics) else {
            return lines + ["no plan"]
        }
        lines += ["ranking:"] + describe(plan.query)
        lines.append("required: \(plan.required)")
        let required = plan.snippets.required.map { "[" + $0.map(describe).joined(separator: " | ") + "]" }
        lines.append("snippets: required \(required.joined(separator: " ")); optional [\(plan.snippets.optional.map(describe).joined(separator: " | "))]")
        return lines
    }

    static func dumpAll() throws -> String {
        var lines = [
            "# QueryPlanner's plans (Tests/VietSearchTests/QueryPlannerGoldenTests.swift). ␂ is the variant marker U+0002;",
            "# phrases: index terms (* a prefix of terms), a: counts as any form, e: as the form typed; routes: a document",
            "# with the word matches (typed: in the form typed only).", "",
        ]
        try withIndex(statistics: true) { index in
            for (query, exact) in queries { lines += try dump(query, exact: exact, index) + [""] }
        }
        try withIndex(statistics: false) { index in
            for (query, exact) in withoutStatistics { lines += try dump(query, exact: exact, index) + [""] }
        }
        return lines.joined(separator: "\n")
    }

    @Test func plansMatchTheGoldenFile() throws {
        let actual = try Self.dumpAll()
        let record = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
        guard !record, let expected = try? String(contentsOf: Self.golden, encoding: .utf8) else {
            try actual.write(to: Self.golden, atomically: true, encoding: .utf8)
            Issue.record("recorded a new baseline in \(Self.golden.path); review every plan, then run the tests again")
            return
        }
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        var query = ""
        for index in 0..<max(actualLines.count, expectedLines.count) {
            let actualLine = index < actualLines.count ? String(actualLines[index]) : "(end of output)"
            let expectedLine = index < expectedLines.count ? String(expectedLines[index]) : "(end of file)"
            if expectedLine.hasPrefix("## ") { query = expectedLine }
            if actualLine != expectedLine {
                Issue.record("\(query), line \(index + 1) of \(Self.golden.lastPathComponent):\n  expected: \(expectedLine)\n  actual:   \(actualLine)")
                return
            }
        }
    }

    /// A pair with a word that asks (`gì`, `ai`) scores nothing when adjacent: the answer's text
    /// holds the answer there, and a row that repeats the question is not one. The pairs between
    /// the other words keep their weight, typed with accents or without.
    @Test(arguments: [
        ("vỏ nho có tác dụng gì cho sức khoẻ", [5]), ("ai là người xây dựng nông thôn mới", [0]),
        ("hà nội có bao nhiêu người dân", [3, 4]),
    ])
    func pairsWithAWordThatAsksDoNotScore(question: String, asking: [Int]) throws {
        try Self.withIndex(statistics: true) { index in
            let parsed = SearchQuery(parsing: question)
            let plan = try #require(index.planner.plan(for: parsed, exact: false, statistics: try index.termStatistics(for: parsed)))
            let words = plan.query.plan.words
            #expect(words.count == question.split(separator: " ").count)
            for number in words.indices.dropFirst() {
                let touchesAsking = asking.contains(number) || asking.contains(number - 1)
                #expect((words[number].pairWeight == 0) == touchesAsking, "\(question): the pair ending at word \(number)")
            }
        }
    }

    /// Every plan's FTS5 expression is valid on the index, its phrases are those its plan
    /// describes, and each token written for FTS5 is the index term the ranker reads: FTS5
    /// matches a one-token phrase exactly where the term's postings are.
    @Test func everyExpressionRuns() throws {
        try Self.withIndex(statistics: true) { index in
            let records = try FTS5Records(connection: index.connection, table: "documents_fts")
            let layout = try records.layout()
            for (query, exact) in Self.queries {
                let parsed = SearchQuery(parsing: query)
                guard let plan = index.planner.plan(for: parsed, exact: exact, statistics: try index.termStatistics(for: parsed)) else { continue }
                let (expression, ranking) = plan.query.expression
                #expect(throws: Never.self, "\(query): \(expression)") { _ = try index.count(expression) }
                #expect(
                    try index.connection.scalarInt(
                        "SELECT count(*) FROM (SELECT vietsearch_rank(documents_fts, ?2) FROM documents_fts WHERE documents_fts MATCH ?1)",
                        [.text(expression), .text(ranking.encoded)]) != nil)
                let tokens = (plan.query.words.flatMap(\.phrases) + plan.query.excluded).flatMap(\.tokens)
                for token in tokens {
                    var read = Set<Int64>()
                    let key = [FTS5Records.mainIndexPrefix] + token.bytes
                    let postings = token.isPrefix ? try records.postings(ofTermsWithPrefix: key, in: layout) : [try records.postings(of: key, in: layout)].compactMap { $0 }
                    for term in postings {
                        while !term.atEnd {
                            read.insert(term.rowid)
                            try term.next()
                        }
                    }
                    let matched = try index.connection.prepare("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1")
                    try matched.bind([.text(token.written)])
                    var rows = Set<Int64>()
                    while try matched.step() { rows.insert(matched.int64(at: 0)) }
                    #expect(read == rows, "\(query): \(token.written)")
                }
            }
        }
    }
}
