import Foundation
import Testing

/// Files written to break an indexing run, through the real binary: damaged UTF-8, names that
/// are not UTF-8, links out of the folder, folders and files that cannot be read.
@Suite(.serialized) struct HostileFilesCommandTests {
    static func json(_ output: CommandLineTool.Output) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
    }

    /// One bad byte, or a last character cut in two, made a file Windows-1258: its Vietnamese
    /// could no longer be found. Now it stays UTF-8, and `--verbose` and `stats` say it was damaged.
    @Test func damagedUTF8IsFoundAndReported() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        try tool.write("docs/bad-byte.txt", Array("Xây dựng Đảng ".utf8) + [0xFF, 0x0A])
        try tool.write("docs/cut.txt", Array("Tin ngắn\n\nCông tác xây dựng Đả".utf8).dropLast(1))
        try tool.write("docs/fine.txt", "Bóng đá")
        let quiet = try tool.run(["index", tool.path("docs"), "--db", tool.database])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stderr.contains("2 files indexed with warnings (--verbose lists them)"), "\(quiet.stderr)")
        #expect(try Set(tool.search("xay dung").paths) == ["docs/bad-byte.txt", "docs/cut.txt"])

        try tool.write("docs/another.txt", Array("Sức khoẻ mùa hè ".utf8) + [0xC3])
        let verbose = try tool.run(["index", tool.path("docs"), "--db", tool.database, "--verbose"])
        #expect(verbose.stderr.contains("warning: \(tool.path("docs/another.txt")): not valid UTF-8: invalid bytes replaced with U+FFFD"), "\(verbose.stderr)")
        #expect(verbose.stdout.contains("encodings: utf-8 with invalid bytes 1"), "\(verbose.stdout)")

        let stats = try tool.run(["stats", "--db", tool.database])
        #expect(stats.stdout.contains("warning:        3 documents are UTF-8 with invalid bytes, shown as U+FFFD"), "\(stats.stdout)")
        let statsJSON = try #require(Self.json(try tool.run(["stats", "--db", tool.database, "--json"])))
        #expect((statsJSON["encodings"] as? [String: Int]) == ["utf-8": 1, "utf-8 with invalid bytes": 3])
    }

    /// A folder named in TCVN3 (an old archive unzipped on Linux) lost its whole subtree, and such
    /// files were skipped as "No such file or directory".
    @Test func namesThatAreNotUTF8() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        // "Quyết định" and "Đảng" as TCVN3 bytes.
        let folder: [UInt8] = Array("docs/Quy".utf8) + [0xD5] + Array("t ".utf8) + [0xAE, 0xDE] + Array("nh".utf8)
        try tool.write(rawPath: folder + Array("/a.txt".utf8), Array("Quyết định về nông thôn mới".utf8))
        try tool.write(rawPath: Array("docs/".utf8) + [0xA7, 0xB6] + Array("ng.txt".utf8), Array("Xây dựng Đảng, nông thôn".utf8))
        let first = try tool.run(["index", tool.path("docs"), "--db", tool.database, "--verbose"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(IndexCommandTests.counts(first.stdout) == ["added": 2, "updated": 0, "removed": 0, "unchanged": 0, "skipped": 0])
        #expect(first.stderr.contains("the name is not UTF-8"), "\(first.stderr)")
        let found = try tool.search("nong thon").paths.sorted()
        #expect(found == ["docs/Quy\u{FFFD}t \u{FFFD}\u{FFFD}nh/a.txt", "docs/\u{FFFD}\u{FFFD}ng.txt"])
        let second = try tool.run(["index", tool.path("docs"), "--db", tool.database])
        #expect(IndexCommandTests.counts(second.stdout) == ["added": 0, "updated": 0, "removed": 0, "unchanged": 2, "skipped": 0])
    }

    /// `ln -s /etc/passwd docs/passwd.txt` was indexed, and a search showed its contents.
    @Test func linksOutOfTheFolderAreSkipped() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        try tool.write("outside/secret.txt", "Mật khẩu bí mật của máy chủ")
        try tool.write("docs/real.txt", "Văn bản thật về nông thôn")
        try FileManager.default.createSymbolicLink(atPath: tool.path("docs/passwd.txt"), withDestinationPath: tool.path("outside/secret.txt"))
        try FileManager.default.createSymbolicLink(atPath: tool.path("docs/inside.txt"), withDestinationPath: "real.txt")
        try FileManager.default.createSymbolicLink(atPath: tool.path("docs/loop.txt"), withDestinationPath: "loop.txt")
        let output = try tool.run(["index", tool.path("docs"), "--db", tool.database])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(IndexCommandTests.counts(output.stdout)["added"] == 2)
        #expect(
            output.stderr.contains(
                "skipped \(tool.path("docs/passwd.txt")): a link to a file outside the indexed folders (\(tool.path("outside/secret.txt"))); --follow-links indexes it"),
            "\(output.stderr)")
        #expect(try tool.search("bi mat").total == 0)
        #expect(try Set(tool.search("nong thon").paths) == ["docs/real.txt", "docs/inside.txt"])

        let following = try tool.run(["index", tool.path("docs"), "--db", tool.database, "--follow-links"])
        #expect(IndexCommandTests.counts(following.stdout)["added"] == 1, "\(following.stdout)")
        #expect(try tool.search("bi mat").paths == ["docs/passwd.txt"])
        // Without the flag again, the link is skipped, and its document removed.
        let again = try tool.run(["index", tool.path("docs"), "--db", tool.database])
        #expect(IndexCommandTests.counts(again.stdout)["removed"] == 1, "\(again.stdout)")
        #expect(try tool.search("bi mat").total == 0)
    }

    /// An unreadable sub-folder removed its documents from the index, while an unreadable file
    /// kept its entry. Both keep what was indexed now, and say so.
    @Test(.enabled(if: CommandLineTool.unprivileged != nil, "runs as root without setpriv: cannot make a file unreadable"))
    func whatCannotBeReadKeepsItsIndexedVersion() throws {
        let tool = try CommandLineTool()
        defer {
            chmod(tool.path("docs/sub"), 0o755)
            tool.remove()
        }
        try tool.write("docs/sub/a.txt", "Nông thôn mới ở xã A")
        try tool.write("docs/b.txt", "Nông thôn mới ở xã B")
        try tool.write("docs/c.txt", "Nông thôn mới ở xã C")
        // Reachable by the unprivileged run (the workspace is root's, 0755).
        #expect(try tool.run(["index", tool.path("docs"), "--db", tool.database], unprivileged: true).status == 0)
        try tool.write("docs/b.txt", "Nông thôn mới ở xã B, bản sửa")  // changed, so read again
        chmod(tool.path("docs/sub"), 0)
        chmod(tool.path("docs/b.txt"), 0)
        try tool.write("docs/c.txt", "Nông thôn mới ở xã C, bản sửa")
        let output = try tool.run(["index", tool.path("docs"), "--db", tool.database], unprivileged: true)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(IndexCommandTests.counts(output.stdout) == ["added": 0, "updated": 1, "removed": 0, "unchanged": 0, "skipped": 2], "\(output.stdout)")
        #expect(output.stderr.contains("skipped \(tool.path("docs/sub")): cannot open folder: Permission denied; its indexed documents are kept"), "\(output.stderr)")
        #expect(output.stderr.contains("skipped \(tool.path("docs/b.txt")): unreadable: Permission denied; its indexed version is kept"), "\(output.stderr)")
        #expect(try Set(tool.search("nong thon").paths) == ["docs/sub/a.txt", "docs/b.txt", "docs/c.txt"])
    }
}
