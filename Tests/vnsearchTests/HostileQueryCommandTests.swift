import Foundation
import Testing

/// Hostile queries through the real binary: each one an answer (exit 0, valid JSON) or a clear
/// refusal (exit 1, one line saying why), never a crash or an FTS5 message.
@Suite struct HostileQueryCommandTests {
    static func json(_ output: CommandLineTool.Output) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
    }

    /// `offset + limit` overflowed and the process died by a signal.
    @Test func offsetAtTheLargestInteger() throws {
        let tool = try SearchCommandTests.indexed()
        defer { tool.remove() }
        for extra in [["--json"], []] {
            let output = try tool.run(["search", "đảng", "--offset", String(Int.max), "--db", tool.database] + extra)
            #expect(output.status == 0, "\(output.stderr)")
            if extra == ["--json"] {
                let object = try #require(Self.json(output))
                #expect((object["results"] as? [Any])?.isEmpty == true)
                #expect(object["total"] as? Int == 2)
            }
        }
    }

    /// The reproductions: 95 exclusions overflowed FTS5's parser; 3,000 copies of a phrase
    /// took 21 s; exclusions alone found the documents they excluded.
    @Test func exclusionsRepeatsAndLength() throws {
        let tool = try SearchCommandTests.indexed()
        defer { tool.remove() }
        let exclusions = try tool.run(["search", "dang " + String(repeating: "-x ", count: 95), "--db", tool.database, "--json"])
        #expect(exclusions.status == 0, "\(exclusions.stderr)")
        #expect(Self.json(exclusions)?["total"] as? Int == 2)

        let distinct = (0..<95).map { "-x\($0)" }.joined(separator: " ")
        let refused = try tool.run(["search", "dang " + distinct, "--db", tool.database, "--json"])
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr == "Error: the query has too many words: 96 (at most 48; a word of a phrase counts three times, a prefix six times)\n", "\(refused.stderr)")

        let long = try tool.run(["search", Array(repeating: "\"xay dung\"", count: 3_000).joined(separator: " "), "--db", tool.database])
        #expect(long.status == 1)
        #expect(long.stderr.contains("the query is too long: 32999 characters (at most 1000)"), "\(long.stderr)")

        let short = try tool.run(["search", "đ*", "--db", tool.database])
        #expect(short.status == 1)
        #expect(short.stderr.contains("the prefix d* is too short"), "\(short.stderr)")

        let onlyExcluded = try tool.run(["search", "-dang", "--db", tool.database])
        #expect(onlyExcluded.status == 0)
        #expect(onlyExcluded.stdout == "no documents match -dang (it only leaves words out: nothing to search for)\n")
        let onlyExcludedJSON = try tool.run(["search", "-dang -hoi", "--db", tool.database, "--json"])
        #expect(Self.json(onlyExcludedJSON)?["total"] as? Int == 0)

        // After `--`, anything is the query, even what looks like an option.
        let dashes = try tool.run(["search", "--db", tool.database, "--json", "--", "--limit", "dang"])
        #expect(dashes.status == 0, "\(dashes.stderr)")
        #expect(Self.json(dashes)?["query"] as? String == "--limit dang")
    }
}
