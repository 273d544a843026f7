import Foundation
import Testing

/// What a request cannot do: read a file outside the index, or use the API without the token.
@Suite(.serialized) struct ServeSecurityTests {
    /// Documents are found by their id and served from the index's text. No request target —
    /// `..`, encoded dots, absolute paths, a link swapped in after indexing — makes the server
    /// read a file: the secret beside the indexed folder never appears in an answer.
    @Test func noRequestReadsAFileOutsideTheIndex() throws {
        let tool = try ServeFixture.indexed()
        defer { tool.remove() }
        let secret = "BÍ MẬT NGOÀI CHỈ MỤC 7f3a"
        try tool.write("secret.txt", secret)
        let secretPath = tool.path("secret.txt")
        // After indexing, an indexed file becomes a link to the secret.
        let linked = tool.path("docs/thuy-dien.txt")
        try FileManager.default.removeItem(atPath: linked)
        try FileManager.default.createSymbolicLink(atPath: linked, withDestinationPath: secretPath)
        let server = try ServerProcess(tool: tool, ["--db", tool.database])
        defer { server.stop() }
        let id = try #require(
            ((try server.get("/api/search?q=xa+lu").json()["results"] as? [[String: Any]])?.first?["id"]) as? Int)

        let encodedSecret = secretPath.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let targets = [
            "/api/documents/\(id)", "/api/documents/\(id)?q=bi+mat",
            "/../secret.txt", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
            "/..%2f..%2f..%2fetc%2fpasswd", "/....//....//etc/passwd", "/app.js/../../../../etc/passwd",
            "/api/documents/../../../../etc/passwd", "/api/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/api/documents/\(encodedSecret)", "/api/documents/\(id)/../../secret.txt", "/api/documents/\(id)%00.txt",
            secretPath, "/" + encodedSecret, "//" + secretPath, "/etc/passwd", "/api/search?q=bi+mat&in=" + tool.folder.path,
            "/api/documents/\(id)?path=" + encodedSecret, "http://127.0.0.1/../../etc/passwd", "/static/../../etc/passwd",
            "/api/stats/../../../etc/passwd", "/%5c..%5c..%5cetc%5cpasswd",
        ]
        for target in targets {
            let response = try server.get(target)
            #expect(!response.text.contains("BÍ MẬT") && !response.text.contains("7f3a"), "\(target): \(response.text)")
            #expect(!response.text.contains("root:x:0:0"), "\(target)")
            #expect(response.status == 200 || (400..<500).contains(response.status), "\(target): \(response.status)")
        }
        // The linked document is still the text indexed, not its new target.
        let document = try server.get("/api/documents/\(id)").json()
        #expect((document["text"] as? String)?.contains("xả lũ an toàn") == true)
    }

    @Test func tokenIsRequiredOnTheAPI() throws {
        let tool = try ServeFixture.indexed()
        defer { tool.remove() }
        let token = "s3cret-token-for-tests"
        for (arguments, environment) in [(["--token", token], [String: String]()), ([], ["VNSEARCH_TOKEN": token])] {
            let server = try ServerProcess(tool: tool, ["--db", tool.database] + arguments, environment: environment)
            defer { server.stop() }
            #expect(server.standardOutput.contains("/#token=\(token)"))
            for target in ["/api/search?q=dang", "/api/stats", "/api/documents/1"] {
                let refused = try server.get(target)
                #expect(refused.status == 401)
                #expect(refused.headers["www-authenticate"] == "Bearer")
                #expect(try refused.json()["error"] as? String == "this server needs its token: Authorization: Bearer <token>")
                #expect(try server.get(target, token: "wrong-token-for-tests").status == 401)
                #expect(try server.get(target, token: String(token.dropLast())).status == 401)
                #expect(try server.get(target, token: token).status == 200)
            }
            #expect(try server.get("/healthz").status == 200)
            #expect(try server.get("/").status == 200)
        }
    }

    @Test func nonLoopbackHostIsWarnedAbout() throws {
        let tool = try ServeFixture.indexed()
        defer { tool.remove() }
        let server = try ServerProcess(tool: tool, ["--db", tool.database, "--host", "0.0.0.0"])
        defer { server.stop() }
        #expect(server.standardError.contains("warning: listening on 0.0.0.0"))
        // Reached through loopback here; any Host name is answered when not on loopback.
        #expect(try LoopbackHTTP.request(port: server.port, "/healthz", host: "search.example").status == 200)

        let local = try ServerProcess(tool: tool, ["--db", tool.database])
        defer { local.stop() }
        #expect(!local.standardError.contains("warning"))
    }

    @Test func commandLineMistakesAreRefused() throws {
        let tool = try ServeFixture.indexed()
        defer { tool.remove() }
        let cases: [([String], String)] = [
            (["serve", "--db", tool.database, "--read-only", "--watch", tool.path("docs")], "--read-only never writes"),
            (["serve", "--db", tool.path("missing.db")], "no index at"),
            (["serve", "--db", tool.database, "--port", "70000"], "--port must be"),
            (["serve", "--db", tool.database, "--token", "short"], "at least 8 characters"),
            (["serve", "--db", tool.database, "--watch", tool.path("nowhere")], "is not a folder"),
            (["serve", "--demo", "--db", tool.database], "leave out --db"),
        ]
        for (arguments, message) in cases {
            let output = try tool.run(arguments)
            #expect(output.status != 0)
            #expect(output.stderr.contains(message), "\(arguments): \(output.stderr)")
        }
    }
}
