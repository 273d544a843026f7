import Foundation
import Testing

/// `--db` paths that are not an ordinary index file, folders without write permission, and
/// folder names that look like options: each a clear message or a working command.
@Suite struct DatabasePathCommandTests {
    /// `/dev/null` left a world-writable `/dev/null-journal`; a folder gave SQLite's own message;
    /// a path in folders that do not exist created them silently.
    @Test func oddDatabasePathsAreClearErrors() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        try tool.write("docs/a.txt", "Xây dựng Đảng")
        let cases: [(String, String)] = [
            ("/dev/null", "/dev/null cannot be used as an index: it is not a regular file"),
            (tool.path("docs"), "\(tool.path("docs")) cannot be used as an index: it is a folder; an index is a file (such as \(tool.path("docs"))/index.db)"),
        ]
        for (database, message) in cases {
            for command in [["index", tool.path("docs")], ["search", "dang"], ["stats"], ["optimize"]] {
                let output = try tool.run(command + ["--db", database])
                #expect(output.status == 1, "\(command) \(database)")
                #expect(output.stderr == "Error: \(message)\n", "\(command): \(output.stderr)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: "/dev/null-journal"))
        let missing = tool.path("no/such/folder/index.db")
        let output = try tool.run(["index", tool.path("docs"), "--db", missing])
        #expect(output.status == 1)
        #expect(output.stderr == "Error: \(missing) cannot be used as an index: the folder \(tool.path("no/such/folder")) does not exist (create it first)\n")
        #expect(!FileManager.default.fileExists(atPath: tool.path("no")))
        // The default location's folder is still made (here under HOME, the workspace).
        let home = try tool.run(["index", tool.path("docs")])
        #expect(home.status == 0, "\(home.stderr)")
        #expect(FileManager.default.fileExists(atPath: tool.path(".local/share/vnsearch/index.db")))
    }

    /// An index in a folder that cannot be written (read-only media, no permission) could not be
    /// searched: SQLite's WAL mode needs to create `-shm` beside it. A new index there said
    /// "No such file or directory".
    @Test(.enabled(if: CommandLineTool.unprivileged != nil, "runs as root without setpriv: cannot make a folder read-only"))
    func readOnlyFolders() throws {
        let tool = try CommandLineTool()
        defer {
            chmod(tool.path("ro"), 0o755)
            tool.remove()
        }
        try tool.write("docs/a.txt", "Xây dựng Đảng\n\nHội nghị về công tác xây dựng Đảng.")
        try FileManager.default.createDirectory(atPath: tool.path("ro"), withIntermediateDirectories: true)
        let database = tool.path("ro/index.db")
        #expect(try tool.run(["index", tool.path("docs"), "--db", database]).status == 0)
        chmod(tool.path("ro"), 0o555)
        #expect(!FileManager.default.fileExists(atPath: database + "-shm"))
        let search = try tool.run(["search", "xay dung", "--db", database, "--json"], unprivileged: true)
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("\"total\":1"), "\(search.stdout)")
        let stats = try tool.run(["stats", "--db", database], unprivileged: true)
        #expect(stats.status == 0 && stats.stdout.contains("documents:      1"), "\(stats.stderr)")
        let create = try tool.run(["index", tool.path("docs"), "--db", tool.path("ro/new.db")], unprivileged: true)
        #expect(create.status == 1)
        #expect(create.stderr == "Error: \(tool.path("ro/new.db")) cannot be used as an index: cannot create a file in \(tool.path("ro")): Permission denied\n", "\(create.stderr)")
    }

    /// `vnsearch index -dashdir` printed the help (`-h` among the letters) and exited 0.
    @Test func folderNamesBeginningWithADash() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        try tool.write("-dashdir/a.txt", "Xây dựng Đảng")
        let output = try tool.run(["index", "-dashdir", "--db", tool.database], in: tool.folder.path)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(IndexCommandTests.counts(output.stdout)["added"] == 1, "\(output.stdout)")
        let quiet = try tool.run(["index", "-q", "-dashdir", "--db", tool.database], in: tool.folder.path)
        #expect(quiet.status == 0 && quiet.stdout.isEmpty)
        let unknown = try tool.run(["index", "--quite", tool.path("-dashdir"), "--db", tool.database])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("'--quite' is not a folder"), "\(unknown.stderr)")
    }
}
