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

    @Test func killedIndexingLeavesAConsistentIndexAndResumes() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        let files = 4000
        let sentence = String(repeating: "Người dân đang xây dựng nông thôn mới với nhiều kết quả đáng mừng. ", count: 30)
        for number in 0..<files {
            try tool.write("many/\(number / 500)/doc-\(number).txt", "Văn bản số \(number)\n\n\(sentence)")
        }
        let (process, _, _) = try tool.start(["index", tool.path("many"), "--db", tool.database, "--quiet"])
        Thread.sleep(forTimeInterval: 1.2)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        // Searchable now, whatever was committed.
        let partial = try tool.search("nong thon")
        #expect(partial.output.status == 0, "\(partial.output.stderr)")
        #expect(partial.total >= 0 && partial.total <= files)

        let output = try tool.run(["index", tool.path("many"), "--db", tool.database])
        #expect(output.status == 0, "\(output.stderr)")
        let counts = Self.counts(output.stdout)
        #expect((counts["added"] ?? 0) + (counts["unchanged"] ?? 0) == files)
        #expect(try tool.search("nong thon").total == files)
    }

    @Test func secondIndexerIsRefusedAndSearchWorksWhileOneRuns() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        for number in 0..<3000 {
            try tool.write("many/doc-\(number).txt", String(repeating: "Thủy điện Hoà Bình tích nước. ", count: 60))
        }
        let (first, _, _) = try tool.start(["index", tool.path("many"), "--db", tool.database, "--quiet"])
        Thread.sleep(forTimeInterval: 0.5)
        let second = try tool.run(["index", tool.path("many"), "--db", tool.database])
        // Searching while the first one writes works (WAL): a success, whatever it finds so far.
        let during = try tool.run(["search", "thuy dien", "--db", tool.database, "--json"])
        #expect(during.status == 0, "\(during.stderr)")
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        if second.status != 0 {
            #expect(second.stderr.contains("being written by another vnsearch process"), "\(second.stderr)")
        }
        #expect(try tool.search("thuy dien").total == 3000)
    }
}
