import Foundation
import Testing

/// `vnsearch search` with queries as people type them, and `vnsearch abbreviations`, with the
/// real binary.
@Suite struct RewriteCommandTests {
    static func indexed() throws -> CommandLineTool {
        let tool = try CommandLineTool()
        try tool.write("docs/a.txt", "Tiếng Việt\n\nNgười Việt nói tiếng Việt. Tổ chức cơ sở đảng (TCCSĐ) họp bàn.")
        try tool.write("docs/b.txt", "Ủy ban\n\nChủ tịch UBND tỉnh đã ký. Các TCCSĐ báo cáo.")
        try tool.write("docs/c.txt", "Thời tiết\n\nThời tiết hôm nay đẹp.")
        let output = try tool.run(["index", tool.path("docs"), "--db", tool.database])
        #expect(output.status == 0)
        return tool
    }

    static func json(_ output: CommandLineTool.Output) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    @Test func telexIsDecodedAndShown() throws {
        let tool = try Self.indexed()
        defer { tool.remove() }
        let text = try tool.run(["search", "tieengs Vieetj", "--db", tool.database])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("Searched as: tiếng Việt\n"))
        let object = try Self.json(try tool.run(["search", "tieengs Vieetj", "--db", tool.database, "--json"]))
        #expect(object["searched_as"] as? String == "tiếng Việt")
        let rewrites = try #require(object["rewrites"] as? [[String: String]])
        #expect(rewrites == [["kind": "telex", "from": "tieengs", "to": "tiếng"], ["kind": "telex", "from": "Vieetj", "to": "Việt"]])
        let literal = try Self.json(try tool.run(["search", "tieengs Vieetj", "--db", tool.database, "--json", "--literal"]))
        #expect(literal["searched_as"] is NSNull)
        #expect((literal["rewrites"] as? [Any])?.isEmpty == true)
        #expect(literal["total"] as? Int == 0)
    }

    @Test func abbreviationsAreExpandedAndListed() throws {
        let tool = try Self.indexed()
        defer { tool.remove() }
        let search = try Self.json(try tool.run(["search", "ủy ban nhân dân", "--db", tool.database, "--json"]))
        #expect(search["searched_as"] as? String == "\"ủy ban nhân dân\" OR UBND")
        #expect(search["total"] as? Int == 1)
        let list = try tool.run(["abbreviations", "--db", tool.database, "--json"])
        #expect(list.status == 0)
        let entries = try #require(try Self.json(list)["abbreviations"] as? [[String: Any]])
        #expect(entries.count > 250)
        let learned = entries.filter { $0["source"] as? String == "learned" }
        #expect(learned.count == 1)
        #expect(learned.first?["abbreviation"] as? String == "TCCSĐ")
        #expect(learned.first?["expansion"] as? String == "tổ chức cơ sở đảng")
        #expect(learned.first?["documents"] as? Int == 1)
        let filtered = try tool.run(["abbreviations", "tccsđ", "--db", tool.database])
        #expect(filtered.stdout == "TCCSĐ = tổ chức cơ sở đảng  (built-in)\nTCCSĐ = tổ chức cơ sở đảng  (learned, 1 document)\n")
    }

    @Test func aDictionaryFileAddsPairs() throws {
        let tool = try Self.indexed()
        defer { tool.remove() }
        try tool.write("words.txt", "# the user's own\nTTHN = thời tiết hôm nay\n")
        let without = try Self.json(try tool.run(["search", "TTHN", "--db", tool.database, "--json"]))
        #expect(without["total"] as? Int == 0)
        let with = try Self.json(try tool.run(["search", "TTHN", "--db", tool.database, "--json", "--dictionary", tool.path("words.txt")]))
        #expect(with["searched_as"] as? String == "TTHN OR \"thời tiết hôm nay\"")
        #expect(with["total"] as? Int == 1)
        let listed = try tool.run(["abbreviations", "tthn", "--db", tool.database, "--dictionary", tool.path("words.txt")])
        #expect(listed.stdout == "TTHN = thời tiết hôm nay  (dictionary)\n")
        try tool.write("bad.txt", "TTHN thời tiết\n")
        let bad = try tool.run(["search", "TTHN", "--db", tool.database, "--dictionary", tool.path("bad.txt")])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("line 1"))
        let missing = try tool.run(["search", "TTHN", "--db", tool.database, "--dictionary", tool.path("none.txt")])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("Cannot read the dictionary file"))
    }
}
