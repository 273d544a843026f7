import Foundation
import Testing

/// `vnsearch search`, `stats`, `tokenize` with the real binary: contract and failure modes.
@Suite struct SearchCommandTests {
    static func indexed() throws -> CommandLineTool {
        let tool = try CommandLineTool()
        try tool.write("docs/a.txt", "Xây dựng Đảng\n\nHội nghị bàn về công tác xây dựng Đảng và chính quyền.")
        try tool.write("docs/b.txt", "Đang họp\n\nCác đại biểu đang thảo luận.")
        let output = try tool.run(["index", tool.path("docs"), "--db", tool.database])
        #expect(output.status == 0)
        return tool
    }

    @Test func jsonContract() throws {
        let tool = try Self.indexed()
        defer { tool.remove() }
        let output = try tool.run(["search", "đảng", "--db", tool.database, "--json"])
        #expect(output.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(object["query"] as? String == "đảng")
        #expect(object["total"] as? Int == 2)
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.count == 2)
        #expect((results[0]["path"] as? String)?.hasSuffix("/docs/a.txt") == true)
        #expect((results[0]["path"] as? String)?.hasPrefix("/") == true)
        #expect(results[0]["title"] as? String == "Xây dựng Đảng")
        let scores = results.compactMap { $0["score"] as? Double }
        #expect(scores.count == 2 && scores[0] >= scores[1])
        #expect((results[0]["snippet"] as? String)?.contains("Đảng") == true)
        #expect((results[0]["snippet_markdown"] as? String)?.contains("**Đảng**") == true)
        #expect(object["searched_as"] is NSNull)
    }

    /// A question typed without accents: searched with them restored, which the output says.
    @Test func restoredAccentsAreShown() throws {
        let tool = try Self.indexed()
        defer { tool.remove() }
        let question = "hoi nghi ban ve cong tac xay dung"
        let json = try tool.run(["search", question, "--db", tool.database, "--json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["searched_as"] as? String == "hội nghị bàn về công tác xây dựng")
        #expect(object["query"] as? String == question)
        let text = try tool.run(["search", question, "--db", tool.database])
        #expect(text.stdout.hasPrefix("Searched as: hội nghị bàn về công tác xây dựng\n"))
        let asTyped = try tool.run(["search", question, "--db", tool.database, "--json", "--no-restore-accents"])
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(asTyped.stdout.utf8)) as? [String: Any])
        #expect(plain["searched_as"] is NSNull)
        #expect(!(try tool.run(["search", question, "--db", tool.database, "--no-restore-accents"])).stdout.contains("Searched as"))
    }

    /// A query that begins with an exclusion is a query, not options (`-dang…` held `-h`, help);
    /// words given as separate arguments are one query.
    @Test func queriesBeginningWithMinusAndUnquotedWords() throws {
        let tool = try Self.indexed()
        defer { tool.remove() }
        let excluding = try tool.run(["search", "-dang hoi nghi", "--db", tool.database, "--json"])
        #expect(excluding.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(excluding.stdout.utf8)) as? [String: Any])
        #expect(object["query"] as? String == "-dang hoi nghi")
        #expect(object["total"] as? Int == 0)  // the one document with "hội nghị" has "Đảng"
        let split = try tool.run(["search", "xay", "dung", "--db", tool.database, "--json"])
        let joined = try tool.run(["search", "xay dung", "--db", tool.database, "--json"])
        #expect(split.status == 0)
        #expect(split.stdout == joined.stdout)
        let missing = try tool.run(["search", "--db", tool.database])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("Missing the query"))
    }

    @Test func noResultsIsSuccess() throws {
        let tool = try Self.indexed()
        defer { tool.remove() }
        let output = try tool.run(["search", "khongcogi", "--db", tool.database])
        #expect(output.status == 0)
        #expect(output.stdout.contains("no documents match"))
    }

    @Test(arguments: [
        "\"", "AND", "OR", "NOT x", "NEAR(a b)", "*", "col:x", "body:dang", "a\\b", "((", "^dang", "-", "'; DROP TABLE documents; --",
        "\"đảng\"*", "dang OR OR", "\u{7}",
    ])
    func hostileQueriesNeverFail(query: String) throws {
        let tool = try Self.indexed()
        defer { tool.remove() }
        for extra in [[], ["--exact"], ["--json"]] {
            let output = try tool.run(["search", query, "--db", tool.database] + extra)
            #expect(output.status == 0, "\(query): \(output.stderr)")
            #expect(!output.stderr.contains("fts5"), "\(query): \(output.stderr)")
        }
    }

    @Test func missingAndForeignDatabasesAreClearErrors() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        var output = try tool.run(["search", "dang", "--db", tool.path("missing.db")])
        #expect(output.status != 0)
        #expect(output.stderr.contains("no index at"), "\(output.stderr)")
        try tool.write("notes.txt", "không phải cơ sở dữ liệu")
        output = try tool.run(["search", "dang", "--db", tool.path("notes.txt")])
        #expect(output.status != 0)
        #expect(output.stderr.contains("is not a VietSearch index"), "\(output.stderr)")
        output = try tool.run(["stats", "--db", tool.path("notes.txt")])
        #expect(output.status != 0)
        output = try tool.run(["index", tool.path("nowhere"), "--db", tool.database])
        #expect(output.status != 0)
        #expect(output.stderr.contains("is not a folder"), "\(output.stderr)")
    }

    @Test func tokenizeTakesTextBeginningWithMinus() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        let output = try tool.run(["tokenize", "-thuỷ điện", "--json"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("\"folded\":\"thuy\""))
    }

    @Test func tokenizeShowsKeys() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        let output = try tool.run(["tokenize", "Thuỷ điện Hoà Bình", "--json"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("\"folded\":\"thuy\",\"accent\":\"thủy\""))
        let help = try tool.run(["--help"])
        #expect(help.stdout.contains("search") && help.stdout.contains("index") && help.stdout.contains("tokenize"))
    }
}
