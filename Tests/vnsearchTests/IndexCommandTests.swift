import Foundation
import Testing

/// `vnsearch index` and `search` end to end, with the real binary on real folders.
@Suite(.serialized) struct IndexCommandTests {
    /// "added 6, updated 0, …" → ["added": 6, …]
    static func counts(_ output: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        let line = output.split(separator: "\n").first { $0.hasPrefix("added ") } ?? ""
        for part in (line.split(separator: "(").first ?? "").split(separator: ",") {
            let words = part.split(separator: " ")
            if words.count == 2, let number = Int(words[1]) { counts[String(words[0])] = number }
        }
        return counts
    }

    static func windows1258(_ text: String) -> [UInt8] {
        // Precomposed base letters, combining tones: the Windows-1258 bytes of a few words.
        // "Hoà Bình" in CP1258: H o a + 0xCC (grave) space B i + 0xCC (grave) n h
        Array("Ho".utf8) + [0x61, 0xCC] + Array(" B".utf8) + [0x69, 0xCC] + Array("nh ".utf8) + Array(text.utf8)
    }

    @Test func incrementalCycleAndEncodings() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        try tool.write("docs/nfc.txt", "Xây dựng Đảng\n\nHội nghị bàn về công tác xây dựng Đảng.")
        try tool.write("docs/nfd.txt", "Tin ngắn\n\nĐa\u{309}ng viên tre\u{309} đang ho\u{323}c tập.")
        try tool.write("docs/cp1258.txt", Self.windows1258("thủy điện"))
        try tool.write("docs/utf16.txt", [0xFF, 0xFE] + Array("Sức khoẻ mùa hè".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        try tool.write("docs/bom.md", [0xEF, 0xBB, 0xBF] + Array("# Bóng đá\r\n\r\nĐội tuyển thắng.\r\n".utf8))
        try tool.write("docs/page.html", "<html><head><title>Chuyển đổi số</title><script>var bí_mật = 1;</script></head><body><p>Doanh nghiệp &amp; phần mềm</p></body></html>")
        try tool.write("docs/empty.txt", [])
        try tool.write("docs/binary.txt", [0x00, 0x01, 0x02, 0xFF, 0x00, 0x10])
        try tool.write("docs/.hidden/secret.txt", "bí mật")
        try tool.write("docs/image.png", [0x89, 0x50, 0x4E, 0x47])

        var output = try tool.run(["index", tool.path("docs"), "--db", tool.database])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(Self.counts(output.stdout) == ["added": 6, "updated": 0, "removed": 0, "unchanged": 0, "skipped": 2])
        #expect(output.stderr.contains("empty.txt: empty file"))
        #expect(output.stderr.contains("binary.txt: binary file"))

        #expect(try Set(tool.search("dang").paths) == ["docs/nfc.txt", "docs/nfd.txt"])
        #expect(try tool.search("hoa binh").paths == ["docs/cp1258.txt"])
        #expect(try tool.search("hòa bình", ["--exact"]).paths == ["docs/cp1258.txt"])
        #expect(try tool.search("suc khoe").paths == ["docs/utf16.txt"])
        #expect(try tool.search("doi tuyen").paths == ["docs/bom.md"])
        #expect(try tool.search("chuyen doi so").paths == ["docs/page.html"])
        #expect(try tool.search("bi mat").paths.isEmpty)  // hidden folder and <script> are not indexed

        // Change one, delete one, add one.
        try tool.write("docs/nfc.txt", "Xây dựng Đảng\n\nBản sửa đổi: nông thôn mới.")
        try FileManager.default.removeItem(atPath: tool.path("docs/nfd.txt"))
        try tool.write("docs/new.txt", "Bài mới về giáo dục.")
        output = try tool.run(["index", tool.path("docs"), "--db", tool.database])
        #expect(Self.counts(output.stdout) == ["added": 1, "updated": 1, "removed": 1, "unchanged": 4, "skipped": 2])
        #expect(try tool.search("nong thon").paths == ["docs/nfc.txt"])
        #expect(try tool.search("dang vien").paths.isEmpty)

        // Nothing changed.
        output = try tool.run(["index", tool.path("docs"), "--db", tool.database])
        #expect(Self.counts(output.stdout) == ["added": 0, "updated": 0, "removed": 0, "unchanged": 6, "skipped": 2])

        let stats = try tool.run(["stats", "--db", tool.database, "--json"])
        #expect(stats.status == 0)
        #expect(stats.stdout.contains("\"documents\":6"))
        #expect(stats.stdout.contains("\"windows-1258\":1"))
    }

    /// A folder of `count` PDF files and a `pdftotext` that takes at least `seconds` for each
    /// (it prints the file's text after its first line): a run over it lasts at least
    /// `count × seconds` whatever the machine's speed, so a test can act while it runs. Returns
    /// the folder holding that `pdftotext`.
    static func slowFolder(_ tool: CommandLineTool, count: Int, seconds: Double) throws -> String {
        for number in 0..<count {
            try tool.write("slow/doc-\(1000 + number).pdf", "%PDF-1.4\nVăn bản số \(number)\n\nNgười dân xây dựng nông thôn mới.")
        }
        try tool.write("bin/pdftotext", "#!/bin/sh\nsleep \(seconds)\ntail -n +2 \"$4\"\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path("bin/pdftotext"))
        return tool.path("bin")
    }

    /// Documents committed to the index (`stats`, which reads alongside a writer).
    static func documents(_ tool: CommandLineTool) throws -> Int {
        let stats = try tool.run(["stats", "--db", tool.database, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
        return object?["documents"] as? Int ?? -1
    }

    /// Kill -9 after the run's first commit and before its end: the index holds what was
    /// committed (some documents, not all), is searchable, and the next run adds only the rest.
    @Test func killedIndexingLeavesAConsistentIndexAndResumes() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        // At least 6 s of reading; the writer commits every 2 s (`FolderIndexer.batchSeconds`).
        let files = 200
        let tools = try Self.slowFolder(tool, count: files, seconds: 0.03)
        let (process, _, _) = try tool.start(["index", tool.path("slow"), "--db", tool.database, "--quiet"], tools: tools)
        let deadline = Date() + 120
        while process.isRunning, Date() < deadline, (try? Self.documents(tool)) ?? 0 <= 0 {
            Thread.sleep(forTimeInterval: 0.05)
        }
        try #require(process.isRunning, "the run ended before its first commit was seen")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        // Killed mid-run: some documents committed, not all; each of them searchable.
        let committed = try Self.documents(tool)
        #expect(committed > 0 && committed < files, "\(committed) of \(files) documents after the kill")
        let partial = try tool.search("nong thon")
        #expect(partial.output.status == 0, "\(partial.output.stderr)")
        #expect(partial.total == committed)

        // The next run keeps what was committed and adds the rest.
        let output = try tool.run(["index", tool.path("slow"), "--db", tool.database], tools: tools)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(Self.counts(output.stdout) == ["added": files - committed, "updated": 0, "removed": 0, "unchanged": committed, "skipped": 0])
        #expect(try tool.search("nong thon").total == files)
    }

    @Test func secondIndexerIsRefusedAndSearchWorksWhileOneRuns() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        let files = 150
        let tools = try Self.slowFolder(tool, count: files, seconds: 0.03)
        let (first, _, _) = try tool.start(["index", tool.path("slow"), "--db", tool.database, "--quiet"], tools: tools)
        // The first holds the lock from its start to its end, at least 4.5 s.
        let deadline = Date() + 120
        while first.isRunning, Date() < deadline, !Self.isLocked(tool.database + ".lock") {
            Thread.sleep(forTimeInterval: 0.02)
        }
        try #require(first.isRunning, "the first indexer ended before its lock was seen")
        let second = try tool.run(["index", tool.path("slow"), "--db", tool.database], tools: tools)
        // Searching while the first one writes works (WAL): a success, whatever it finds so far.
        let during = try tool.run(["search", "nong thon", "--db", tool.database, "--json"])
        let firstWasRunning = first.isRunning
        first.waitUntilExit()
        #expect(firstWasRunning, "the first indexer ended before the second one and the search were done")
        #expect(second.status != 0)
        #expect(second.stderr.contains("being written by another vnsearch process"), "\(second.stderr)")
        #expect(during.status == 0, "\(during.stderr)")
        #expect(first.terminationStatus == 0)
        #expect(try tool.search("nong thon").total == files)
    }

    /// On a terminal the progress line goes on after the last file: it says that the statistics
    /// are being brought up to date (and, after a large first index, that the index is being
    /// merged), then clears itself. Run under `script`, which gives the binary a terminal.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1), from util-linux"))
    func progressOnATerminalNamesTheEndOfTheRun() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        for number in 0..<3 { try tool.write("docs/\(number).txt", "Tin số \(number)\n\nNông thôn mới ở Hoà Bình.") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let command = "'\(CommandLineTool.binary.path)' index '\(tool.path("docs"))' --db '\(tool.database)'"
        process.arguments = ["-qec", command, "/dev/null"]
        process.environment = ["NO_COLOR": "1", "HOME": tool.folder.path, "PATH": "/usr/bin:/bin", "TERM": "dumb"]
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let typescript = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(typescript)")
        #expect(typescript.contains("indexing: 3/3 files · updating the word statistics…"), "\(typescript)")
        // Cleared before the summary: the summary starts a cleared line.
        #expect(typescript.contains("\r\u{1B}[Kadded 3,"), "\(typescript)")
    }

    /// Whether another process holds the `flock` on `path` (as `IndexerLock` takes it).
    static func isLocked(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return errno == EWOULDBLOCK }
        flock(descriptor, LOCK_UN)
        return false
    }
}
