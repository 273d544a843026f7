import Foundation
import Testing

/// What the binary prints is safe and checked: escape sequences from documents, titles and file
/// names are shown escaped, never sent to the terminal; and output that could not be written
/// (a full disk, a closed standard output) is a failure, not a silent success.
@Suite struct OutputSafetyCommandTests {
    /// Screen clear, window title, clipboard write (OSC 52), a C1 CSI, a bidirectional override
    /// and a bell. (Text with NUL bytes, or with more controls than this, is skipped as binary.)
    static let hostile = "\u{1B}[2J\u{1B}]0;pwned\u{7}\u{1B}]52;c;ZWNobyBoaQ==\u{7}\u{9B}31m\u{202E}"
    static let filler = String(repeating: "Văn bản bình thường về nông thôn mới. ", count: 5)

    /// The bytes that must never reach a terminal from the index (ESC, BEL, NUL, C1 CSI, RLO).
    static func hasRawControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x9B || $0.value == 0x202E }
    }

    @Test func controlCharactersAreShownEscaped() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        try tool.write("docs/a.txt", "Tiêu đề \(Self.hostile) độc hại\n\n\(Self.filler)Nội dung độc hại \(Self.hostile) ở đây. \(Self.filler)")
        try tool.write("docs/\u{1B}]0;name\u{7}.txt", "Tên tệp độc hại")
        try tool.write("docs/\u{1B}[31mempty.txt", "")
        let index = try tool.run(["index", tool.path("docs"), "--db", tool.database, "--verbose"])
        #expect(index.status == 0, "\(index.stderr)")
        #expect(!Self.hasRawControls(index.stdout) && !Self.hasRawControls(index.stderr), "\(index.stderr)")
        #expect(index.stderr.contains("docs/\\x1B[31mempty.txt: empty file"), "\(index.stderr)")

        let text = try tool.run(["search", "doc hai", "--db", tool.database])
        #expect(text.status == 0)
        #expect(!Self.hasRawControls(text.stdout), "\(text.stdout)")
        #expect(text.stdout.contains("Tiêu đề \\x1B[2J\\x1B]0;pwned\\x07\\x1B]52;c;ZWNobyBoaQ==\\x07\\x9B31m\\u{202E} độc hại"), "\(text.stdout)")
        #expect(text.stdout.contains("docs/\\x1B]0;name\\x07.txt"), "\(text.stdout)")

        // JSON escapes them its own way, and stays valid.
        let json = try tool.run(["search", "doc hai", "--db", tool.database, "--json"])
        #expect(!Self.hasRawControls(json.stdout))
        #expect(json.stdout.contains("\\u001b]0;pwned\\u0007") && json.stdout.contains("\\u009b31m\\u202e"), "\(json.stdout)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let titles = (object["results"] as? [[String: Any]])?.compactMap { $0["title"] as? String } ?? []
        #expect(titles.contains { $0.contains("\u{1B}]0;pwned\u{7}") }, "\(titles)")

        // What is typed is escaped too.
        let typed = try tool.run(["search", "khongco\u{1B}[2J", "--db", tool.database])
        #expect(typed.stdout == "no documents match khongco\\x1B[2J\n")
    }

    /// Runs the binary with standard output on `/dev/full`, or closed (`>&-`).
    static func runWithBrokenOutput(_ arguments: [String], closed: Bool) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let redirect = closed ? ">&-" : "> /dev/full"
        process.arguments = ["-c", "exec \"$0\" \"$@\" \(redirect)", CommandLineTool.binary.path] + arguments
        process.environment = ["NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
    }

    @Test(arguments: [false, true])
    func writeErrorsFail(closed: Bool) throws {
        let tool = try SearchCommandTests.indexed()
        defer { tool.remove() }
        let reason = closed ? "Bad file descriptor" : "No space left on device"
        for arguments in [["search", "dang", "--json"], ["search", "dang"], ["stats"], ["stats", "--json"]] {
            let (status, stderr) = try Self.runWithBrokenOutput(arguments + ["--db", tool.database], closed: closed)
            #expect(status == 1, "\(arguments)")
            #expect(stderr == "Error: cannot write the output: \(reason)\n", "\(arguments): \(stderr)")
        }
        let help = try Self.runWithBrokenOutput(["--help"], closed: closed)
        #expect(help.status == 1 && help.stderr.contains(reason), "\(help.stderr)")
    }

    /// Standard error on a full disk: the messages are lost, but the run ends normally (it trapped).
    @Test func fullStandardErrorIsNotACrash() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        for number in 0..<30 { try tool.write("docs/empty-\(number).txt", "") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec \"$0\" \"$@\" 2> /dev/full > /dev/null", CommandLineTool.binary.path, "index", tool.path("docs"), "--db", tool.database]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }
}
