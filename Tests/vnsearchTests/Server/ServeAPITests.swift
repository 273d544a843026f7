import Foundation
import Testing

/// `vnsearch serve` with the real binary on loopback: the API's contract with `search --json`,
/// its endpoints, and its errors.
@Suite(.serialized) struct ServeAPITests {
    /// The server answers `/api/search` with exactly the bytes `vnsearch search --json` prints for
    /// the same query and flags: one encoding, one search.
    @Test func searchMatchesTheCommandLineByteForByte() throws {
        let tool = try ServeFixture.indexed()
        defer { tool.remove() }
        let server = try ServerProcess(tool: tool, ["--db", tool.database])
        defer { server.stop() }
        let folder = tool.path("docs/luu-tru")
        let cases: [(flags: [String], query: String)] = [
            (["hoa binh"], "q=hoa+binh"),
            (["đảng", "--exact"], "q=%C4%91%E1%BA%A3ng&exact=true"),
            (["hoi nghi ban ve cong tac xay dung"], "q=hoi%20nghi%20ban%20ve%20cong%20tac%20xay%20dung"),
            (["hoi nghi ban ve cong tac xay dung", "--no-restore-accents"], "q=hoi+nghi+ban+ve+cong+tac+xay+dung&restore_accents=0"),
            // Words typed in Telex and a typo, read as meant or searched exactly as typed.
            (["hoij nghij xaay duwngj"], "q=hoij+nghij+xaay+duwngj"),
            (["hoij nghij xaay duwngj", "--literal"], "q=hoij+nghij+xaay+duwngj&literal=1"),
            (["hoa binh", "--limit", "1", "--offset", "1"], "q=hoa+binh&limit=1&offset=1"),
            (["hoa binh", "--in", folder], "q=hoa+binh&in=\(folder)"),
            (["hoa binh", "--type", "md", "--type", "html"], "q=hoa+binh&type=md&type=html"),
            (["hoa binh", "--type", "md,txt"], "q=hoa+binh&type=md,txt"),
            (["hoa binh", "--after", "2023-01-01"], "q=hoa+binh&after=2023-01-01"),
            (["hoa binh", "--before", "2023-01-01"], "q=hoa+binh&before=2023-01-01"),
            (["hoa binh", "--encoding", "utf-8", "--in", tool.path("docs")], "q=hoa+binh&encoding=utf-8&in=\(tool.path("docs"))"),
            (["\"xây dựng\" -thuy"], "q=%22x%C3%A2y+d%E1%BB%B1ng%22+-thuy"),
            (["khongcotudaynao"], "q=khongcotudaynao"),
            (["<script>alert(1)</script>"], "q=%3Cscript%3Ealert(1)%3C/script%3E"),
        ]
        for (flags, query) in cases {
            let cli = try tool.run(["search"] + flags + ["--db", tool.database, "--json"])
            #expect(cli.status == 0, "\(flags): \(cli.stderr)")
            let api = try server.get("/api/search?" + query)
            #expect(api.status == 200, "\(query): \(api.text)")
            #expect(api.headers["content-type"] == "application/json; charset=utf-8")
            #expect(api.body == Array(cli.stdout.utf8), "\(flags)\nCLI: \(cli.stdout)\nAPI: \(api.text)")
        }
    }

    /// A user's `--dictionary` reaches the server's searches as it does the command's: the same
    /// bytes for the same flag.
    @Test func aDictionaryFileServesTheSameAsTheCommandLine() throws {
        let tool = try ServeFixture.indexed()
        defer { tool.remove() }
        try tool.write("words.txt", "# the user's own\nNMTĐ = nhà máy thuỷ điện\n")
        let server = try ServerProcess(tool: tool, ["--db", tool.database, "--dictionary", tool.path("words.txt")])
        defer { server.stop() }
        let cli = try tool.run(["search", "NMTĐ", "--db", tool.database, "--json", "--dictionary", tool.path("words.txt")])
        let api = try server.get("/api/search?q=NMT%C4%90")
        #expect(api.body == Array(cli.stdout.utf8), "CLI: \(cli.stdout)\nAPI: \(api.text)")
        #expect(try api.json()["searched_as"] as? String == "NMTĐ OR \"nhà máy thuỷ điện\"")
        let bad = try tool.run(["serve", "--db", tool.database, "--port", "0", "--dictionary", tool.path("none.txt")])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("Cannot read the dictionary file"))
    }

    /// The filters keep what they say (checked on the API's answers, which equal the CLI's).
    @Test func filtersRestrictResultsAndTotals() throws {
        let tool = try ServeFixture.indexed()
        defer { tool.remove() }
        let server = try ServerProcess(tool: tool, ["--db", tool.database])
        defer { server.stop() }
        func paths(_ query: String) throws -> (paths: [String], total: Int) {
            let object = try server.get("/api/search?q=hoa+binh&limit=50" + query).json()
            let results = object["results"] as? [[String: Any]] ?? []
            let prefix = tool.path("docs") + "/"
            return (results.compactMap { ($0["path"] as? String)?.replacingOccurrences(of: prefix, with: "") }.sorted(), object["total"] as? Int ?? -1)
        }
        #expect(try paths("").paths == ["luu-tru/cu.txt", "thuy-dien.txt", "trang.html", "xay-dung.md"])
        #expect(try paths("&in=" + tool.path("docs/luu-tru")).paths == ["luu-tru/cu.txt"])
        #expect(try paths("&in=" + tool.path("docs/luu-tru")).total == 1)
        #expect(try paths("&in=" + tool.path("docs/luu")).paths == [])  // a folder, not a prefix of names
        #expect(try paths("&type=html").paths == ["trang.html"])
        #expect(try paths("&type=htm").paths == ["trang.html"])
        #expect(try paths("&type=txt&in=" + tool.path("docs/luu-tru")).paths == ["luu-tru/cu.txt"])
        #expect(try paths("&before=2021-01-01").paths == ["luu-tru/cu.txt"])
        #expect(try paths("&after=2021-01-01").paths == ["thuy-dien.txt", "trang.html", "xay-dung.md"])
        #expect(try paths("&after=2021-01-01&before=2021-02-01").paths == [])
        #expect(try paths("&encoding=utf-16le").paths == [])
    }

    @Test func documentsAreServedFromTheIndexWithTheirMatches() throws {
        let tool = try ServeFixture.indexed()
        defer { tool.remove() }
        let server = try ServerProcess(tool: tool, ["--db", tool.database])
        defer { server.stop() }
        let found = try server.get("/api/search?q=xa+lu").json()
        let first = try #require((found["results"] as? [[String: Any]])?.first)
        let id = try #require(first["id"] as? Int)
        #expect((first["title_highlights"] as? [[Int]]) != nil)

        let document = try server.get("/api/documents/\(id)?q=xa+lu").json()
        #expect(document["id"] as? Int == id)
        #expect(document["path"] as? String == tool.path("docs/thuy-dien.txt"))
        #expect(document["title"] as? String == "Thuỷ điện Hoà Bình mùa lũ")
        #expect(document["format"] as? String == "txt")
        #expect(document["encoding"] as? String == "utf-8")
        #expect(document["truncated"] as? Bool == false)
        let text = try #require(document["text"] as? String)
        #expect(text.contains("xả lũ an toàn"))
        let matches = try #require(document["text_matches"] as? [[Int]])
        #expect(matches.map { ServeFixture.scalars(text, $0) } == ["lũ", "xả", "lũ"])
        let titleMatches = try #require(document["title_matches"] as? [[Int]])
        #expect(titleMatches.map { ServeFixture.scalars("Thuỷ điện Hoà Bình mùa lũ", $0) } == ["lũ"])

        let plain = try server.get("/api/documents/\(id)").json()
        #expect((plain["text_matches"] as? [[Int]])?.isEmpty == true)
        #expect(try server.get("/api/documents/999999").status == 404)
        #expect(try server.get("/api/documents/abc").status == 404)
        #expect(try server.get("/api/documents/0\(id)").status == 404)
    }

    /// A file longer than a section (256 KB) is indexed as several rows; the API shows it as one
    /// document: one search result (the snippet of the section that matched), and its text from
    /// the start of the file, cut at the preview length, `text_length` the whole file's.
    @Test func aSectionedFileIsOneDocument() throws {
        let tool = try ServeFixture.indexed()
        defer { tool.remove() }
        let line = "Báo cáo về công tác thuỷ lợi và đê điều của tỉnh trong mùa mưa năm nay.\n"
        let text = "Sổ tay đê điều\n" + String(repeating: line, count: 9_000) + "Phụ lục: hồchứanước cuối sổ.\n"
        try tool.write("docs/so-tay.txt", text)
        let indexed = try tool.run(["index", tool.path("docs"), "--db", tool.database])
        #expect(indexed.status == 0, "\(indexed.stderr)")
        let server = try ServerProcess(tool: tool, ["--db", tool.database])
        defer { server.stop() }

        let found = try server.get("/api/search?q=de+dieu&limit=10").json()
        let results = try #require(found["results"] as? [[String: Any]])
        #expect(results.filter { $0["path"] as? String == tool.path("docs/so-tay.txt") }.count == 1)
        #expect(Set(results.compactMap { $0["path"] as? String }).count == results.count)
        let marker = try #require("hồchứanước".addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let last = try #require((try server.get("/api/search?q=\(marker)").json()["results"] as? [[String: Any]])?.first)
        #expect((last["snippet"] as? String)?.contains("hồchứanước") == true)
        let id = try #require(last["id"] as? Int)

        let document = try server.get("/api/documents/\(id)?q=\(marker)").json()
        #expect(document["path"] as? String == tool.path("docs/so-tay.txt"))
        #expect(document["title"] as? String == "Sổ tay đê điều")
        #expect(document["text_length"] as? Int == text.unicodeScalars.count)
        #expect(document["truncated"] as? Bool == true)
        let shown = try #require(document["text"] as? String)
        #expect(shown.unicodeScalars.count == 500_000)
        #expect(text.hasPrefix(shown))
    }

    @Test func statsAndHealth() throws {
        let tool = try ServeFixture.indexed()
        defer { tool.remove() }
        let server = try ServerProcess(tool: tool, ["--db", tool.database])
        defer { server.stop() }
        let stats = try server.get("/api/stats").json()
        #expect(stats["documents"] as? Int == 5)
        #expect((stats["formats"] as? [String: Int]) == ["html": 1, "md": 1, "txt": 3])
        let folders = try #require(stats["folders"] as? [[String: Any]])
        #expect(folders.compactMap { $0["path"] as? String } == [tool.path("docs"), tool.path("docs/luu-tru")])
        #expect((stats["server"] as? [String: Any])?["read_only"] as? Bool == false)
        // The same members as `vnsearch stats --json`, first and in its order.
        let cli = try tool.run(["stats", "--db", tool.database, "--json"]).stdout.trimmingCharacters(in: .newlines)
        #expect(try server.get("/api/stats").text.hasPrefix(String(cli.dropLast()) + ","))
        let health = try server.get("/healthz")
        #expect(health.status == 200)
        #expect(try health.json()["documents"] as? Int == 5)
    }

    /// Bad requests get JSON with a message and a 4xx status, never a trace.
    @Test func badRequestsAreAnsweredWithJSONErrors() throws {
        let tool = try ServeFixture.indexed()
        defer { tool.remove() }
        let server = try ServerProcess(tool: tool, ["--db", tool.database])
        defer { server.stop() }
        let port = server.port
        let cases: [(LoopbackHTTP.Response, Int, String)] = [
            (try server.get("/api/search"), 400, "missing the query"),
            (try server.get("/api/search?q=%20%20"), 400, "missing the query"),
            (try server.get("/api/search?q=" + String(repeating: "a", count: 501)), 400, "too long"),
            // The library's `QueryLimits`, as `vnsearch search` has them.
            (try server.get("/api/search?q=" + (1...65).map { "w\($0)" }.joined(separator: "+")), 400, "too many words"),
            (try server.get("/api/search?q=th*"), 400, "the prefix th* is too short"),
            (try server.get("/api/search?q=xay*+dung*+dang*+nuoc*+viet*"), 400, "too many prefix searches"),
            (try server.get("/api/documents/1?q=th*"), 400, "the prefix th* is too short"),
            (try server.get("/api/search?q=dang&limit=101"), 400, "limit must be"),
            (try server.get("/api/search?q=dang&limit=-1"), 400, "limit must be"),
            (try server.get("/api/search?q=dang&offset=x"), 400, "offset must be"),
            (try server.get("/api/search?q=dang&exact=maybe"), 400, "exact must be"),
            (try server.get("/api/search?q=dang&limt=5"), 400, "unknown parameter 'limt'"),
            (try server.get("/api/search?q=%E1%BA"), 400, "not UTF-8"),
            (try server.get("/api/search?q=%zz"), 400, "malformed"),
            (try server.get("/api/search?q=dang&after=h%C3%B4m-qua"), 400, "is not a date"),
            (try server.get("/api/search?q=dang&in=relative/path"), 400, "not an absolute path"),
            (try server.get("/api/search?q=dang&type=exe"), 400, "unknown file type"),
            (try server.get("/api/nothing"), 404, "not found"),
            (try server.get("/" + String(repeating: "x", count: 5000)), 414, "too long"),
            // Bodies are declared and not sent: the answer comes before any body is read, and
            // unread bytes would make the closing socket reset the connection under the answer.
            (try LoopbackHTTP.request(port: port, "/api/search?q=dang", method: "POST", headers: ["Content-Length": "6"]), 405, "only GET"),
            (try LoopbackHTTP.request(port: port, "/api/search?q=dang", method: "DELETE"), 405, "only GET"),
            (try LoopbackHTTP.request(port: port, "/api/search?q=dang", headers: ["Content-Length": "100000"]), 413, "no body"),
            (try LoopbackHTTP.request(port: port, "/api/search?q=dang", headers: ["Transfer-Encoding": "chunked"]), 413, "no body"),
            (try LoopbackHTTP.request(port: port, "/api/search?q=dang", host: "attacker.example"), 421, "127.0.0.1 or localhost"),
        ]
        for (response, status, message) in cases {
            #expect(response.status == status, "\(response.text)")
            #expect(response.headers["content-type"] == "application/json; charset=utf-8", "\(status) \(message): \(response)")
            let error = try response.json()["error"] as? String
            #expect(error?.contains(message) == true, "\(response.text)")
            #expect(!response.text.contains("Swift") && !response.text.contains(".swift"))
        }
        #expect(try LoopbackHTTP.request(port: port, "/healthz", host: "localhost").status == 200)
        // Still serving after all that; as many exclusions as the word limit allows and
        // an offset past every document are answers.
        #expect(try server.get("/api/search?q=dang").status == 200)
        let exclusions = try server.get("/api/search?q=dang+" + (1...47).map { "-w\($0)" }.joined(separator: "+"))
        #expect(exclusions.status == 200, "\(exclusions.text)")
        let past = try server.get("/api/search?q=dang&offset=10000")
        let pastResults = try past.json()["results"] as? [Any]
        #expect(past.status == 200 && pastResults?.isEmpty == true, "\(past.text)")
    }

    /// Every response carries the headers that keep a browser from running anything but the
    /// page's own script; the page and its files come from the binary.
    @Test func pageAndSecurityHeaders() throws {
        let tool = try ServeFixture.indexed()
        defer { tool.remove() }
        let server = try ServerProcess(tool: tool, ["--db", tool.database])
        defer { server.stop() }
        for target in ["/", "/?q=%3Cscript%3E", "/app.js", "/app.css", "/favicon.svg", "/api/search?q=dang", "/nowhere"] {
            let response = try server.get(target)
            let policy = response.headers["content-security-policy"] ?? ""
            #expect(policy.contains("default-src 'none'") && policy.contains("script-src 'self'"), "\(target)")
            #expect(response.headers["x-content-type-options"] == "nosniff")
        }
        let page = try server.get("/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.text.contains("<script src=\"/app.js\" defer></script>"))
        #expect(!page.text.contains("alert(1)"))  // the query is read by the script, never echoed
        #expect(!page.text.contains("http://") && !page.text.contains("https://"))  // nothing from elsewhere
        #expect(!(try server.get("/app.js").text.contains("innerHTML")))
    }
}
