import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `vnsearch watch` and `serve --watch` with the real binary: new, changed, moved and deleted
/// files reach the index while it is searched. The goal is 2 s; the tests wait up to 20 s (CI
/// machines are shared) and print the latency measured.
@Suite(.serialized) struct WatchTests {
    static let timeout = 20.0

    /// `vnsearch watch` in the background; its output is drained so it never blocks.
    final class Watcher {
        let process: Process
        init(tool: CommandLineTool, _ arguments: [String]) throws {
            let (process, output, errors) = try tool.start(["watch"] + arguments)
            self.process = process
            for pipe in [output, errors] {
                let handle = pipe.fileHandleForReading
                Thread.detachNewThread { while !handle.availableData.isEmpty {} }
            }
        }
        func kill9() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        deinit { if process.isRunning { kill9() } }
    }

    static func total(_ tool: CommandLineTool, _ query: String) throws -> Int { try tool.search(query).total }

    @Test func watchKeepsTheIndexCurrent() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        try tool.write("docs/a.txt", "Văn bản đầu tiên\n\nThuỷ điện Hoà Bình.")
        let watcher = try Watcher(tool: tool, [tool.path("docs"), "--db", tool.database])
        defer { watcher.kill9() }
        #expect(waitUntil(timeout: Self.timeout) { (try? Self.total(tool, "thuy dien")) == 1 } != nil)

        try tool.write("docs/moi.txt", "Tệp mới\n\nQuả chôm chôm chín đỏ.")
        let added = waitUntil(timeout: Self.timeout) { (try? Self.total(tool, "chom chom")) == 1 }
        #expect(added != nil, "a new file was not indexed")

        try tool.write("docs/moi.txt", "Tệp đã sửa\n\nQuả măng cụt tím.")
        let changed = waitUntil(timeout: Self.timeout) { (try? Self.total(tool, "mang cut")) == 1 && (try? Self.total(tool, "chom chom")) == 0 }
        #expect(changed != nil, "a changed file was not re-indexed")

        try FileManager.default.createDirectory(atPath: tool.path("docs/sau"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: tool.path("docs/moi.txt"), toPath: tool.path("docs/sau/da-chuyen.txt"))
        let moved = waitUntil(timeout: Self.timeout) { (try? tool.search("mang cut").paths) == ["docs/sau/da-chuyen.txt"] }
        #expect(moved != nil, "a moved file was not followed")

        try tool.write("docs/sau/sau-nua/moi-hon.txt", "Thư mục mới\n\nQuả sầu riêng thơm.")
        let nested = waitUntil(timeout: Self.timeout) { (try? Self.total(tool, "sau rieng")) == 1 }
        #expect(nested != nil, "a file in a new folder was not indexed")

        try FileManager.default.removeItem(atPath: tool.path("docs/sau/da-chuyen.txt"))
        let deleted = waitUntil(timeout: Self.timeout) { (try? Self.total(tool, "mang cut")) == 0 }
        #expect(deleted != nil, "a deleted file stayed in the index")
        print("watch latency (s, with a search process per check): added \(added ?? -1), changed \(changed ?? -1), moved \(moved ?? -1), new folder \(nested ?? -1), deleted \(deleted ?? -1)")
    }

    /// `--follow-links` indexes a link to a file outside the folder, as `index --follow-links`
    /// does; without it the link is skipped.
    @Test func watchFollowsLinksWhenAsked() throws {
        for follows in [false, true] {
            let tool = try CommandLineTool()
            defer { tool.remove() }
            try tool.write("docs/a.txt", "Văn bản\n\nThuỷ điện Hoà Bình.")
            try tool.write("outside/ngoai.txt", "Tệp ở ngoài\n\nQuả chôm chôm chín đỏ.")
            try FileManager.default.createSymbolicLink(atPath: tool.path("docs/lien-ket.txt"), withDestinationPath: tool.path("outside/ngoai.txt"))
            let watcher = try Watcher(tool: tool, [tool.path("docs"), "--db", tool.database] + (follows ? ["--follow-links"] : []))
            defer { watcher.kill9() }
            #expect(waitUntil(timeout: Self.timeout) { (try? Self.total(tool, "thuy dien")) == 1 } != nil)
            if follows {
                #expect(waitUntil(timeout: Self.timeout) { (try? Self.total(tool, "chom chom")) == 1 } != nil)
            } else {
                #expect(try Self.total(tool, "chom chom") == 0)
            }
        }
    }

    /// Without inotify (`--poll`), the same within a poll or two.
    @Test func pollingFindsChangesToo() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        try tool.write("docs/a.txt", "Văn bản\n\nThuỷ điện Hoà Bình.")
        let watcher = try Watcher(tool: tool, [tool.path("docs"), "--db", tool.database, "--poll", "0.3"])
        defer { watcher.kill9() }
        #expect(waitUntil(timeout: Self.timeout) { (try? Self.total(tool, "thuy dien")) == 1 } != nil)
        try tool.write("docs/b.txt", "Tệp mới\n\nQuả chôm chôm chín đỏ.")
        #expect(waitUntil(timeout: Self.timeout) { (try? Self.total(tool, "chom chom")) == 1 } != nil)
        try FileManager.default.removeItem(atPath: tool.path("docs/a.txt"))
        #expect(waitUntil(timeout: Self.timeout) { (try? Self.total(tool, "thuy dien")) == 0 } != nil)
    }

    /// The server searches while it indexes: a file added is found through the API, one deleted
    /// is gone. The index lives inside the watched folder, and its own writes do not set off
    /// further runs.
    @Test func serveWatchesWhileSearching() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        try tool.write("docs/a.txt", "Văn bản\n\nThuỷ điện Hoà Bình.")
        let database = tool.path("docs/index.db")
        let server = try ServerProcess(tool: tool, ["--db", database, "--watch", tool.path("docs")])
        defer { server.stop() }
        func total(_ query: String) -> Int {
            (try? server.get("/api/search?q=" + query).json()["total"] as? Int) ?? -1
        }
        #expect(waitUntil(timeout: Self.timeout) { total("thuy+dien") == 1 } != nil)
        let start = Date()
        try tool.write("docs/b.txt", "Tệp mới\n\nQuả chôm chôm chín đỏ.")
        let added = waitUntil(timeout: Self.timeout) { total("chom+chom") == 1 }
        #expect(added != nil)
        try FileManager.default.removeItem(atPath: tool.path("docs/b.txt"))
        let deleted = waitUntil(timeout: Self.timeout) { total("chom+chom") == 0 }
        #expect(deleted != nil)
        print("serve --watch latency (s): added \(added ?? -1), deleted \(deleted ?? -1) (\(Date().timeIntervalSince(start)) s in all)")

        func runs() -> Int {
            let watch = (try? server.get("/api/stats").json()["server"] as? [String: Any])?["watch"] as? [String: Any]
            return watch?["runs"] as? Int ?? -1
        }
        #expect(((try? server.get("/api/stats").json()["server"] as? [String: Any])?["watch"] as? [String: Any])?["method"] as? String == "inotify")
        Thread.sleep(forTimeInterval: 1.0)
        let settled = runs()
        Thread.sleep(forTimeInterval: 1.5)
        #expect(runs() == settled, "the index's own writes set off runs")
    }

    /// `kill -9` at any moment while files arrive: the index stays searchable, and the next
    /// run makes it whole.
    @Test func killedWatcherLeavesAConsistentIndex() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        let sentence = String(repeating: "Người dân đang xây dựng nông thôn mới với nhiều kết quả đáng mừng. ", count: 20)
        var written = 0
        try FileManager.default.createDirectory(atPath: tool.path("docs"), withIntermediateDirectories: true)
        #expect(try tool.run(["index", tool.path("docs"), "--db", tool.database]).status == 0)
        for round in 0..<3 {
            let watcher = try Watcher(tool: tool, [tool.path("docs"), "--db", tool.database, "--quiet"])
            let stopAt = Date().addingTimeInterval(0.6 + 0.3 * Double(round))
            while Date() < stopAt {
                if written < 300 * (round + 1) {
                    try tool.write("docs/\(round)/doc-\(written).txt", "Văn bản số \(written)\n\n\(sentence)")
                    written += 1
                } else {
                    Thread.sleep(forTimeInterval: 0.01)
                }
            }
            watcher.kill9()
            let partial = try tool.search("nong thon")
            #expect(partial.output.status == 0, "\(partial.output.stderr)")
            #expect(partial.total >= 0 && partial.total <= written)
        }
        let output = try tool.run(["index", tool.path("docs"), "--db", tool.database])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(try tool.search("nong thon").total == written)
    }
}
