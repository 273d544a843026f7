import Foundation
import TestSupport
import Testing

@testable import VietSearch

/// The copies of `.docx` and `.pdf` files that extraction needs are private (0600 in a 0700
/// folder of this user's), never through a link, and those a killed run left are removed.
@Suite struct TemporaryCopyTests {
    static func mode(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    @Test func copiesArePrivate() throws {
        let copy = try TemporaryCopy.write(Array("nội dung".utf8), suffix: ".pdf")
        defer { TemporaryCopy.remove(copy) }
        let folder = try #require(TemporaryCopy.folder)
        #expect(copy.path.hasPrefix(folder + "/\(getpid())-") && copy.path.hasSuffix(".pdf"))
        #expect(Self.mode(copy.path) == 0o600)
        #expect(Self.mode(folder) == 0o700)
        #expect(try Data(contentsOf: copy) == Data("nội dung".utf8))
        TemporaryCopy.remove(copy)
        #expect(!FileManager.default.fileExists(atPath: copy.path))
    }

    /// A process that has ended: its number is free (until reused, which a test cannot rule out
    /// but which takes tens of thousands of new processes).
    static func endedProcess() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func copiesOfProcessesNoLongerRunningAreRemoved() throws {
        let folder = try #require(TemporaryCopy.folder)
        let ended = try Self.endedProcess()
        let abandoned = folder + "/\(ended)-abandoned.docx"
        let mine = folder + "/\(getpid())-in-use.docx"
        let running = folder + "/1-in-use.pdf"  // init runs as long as the system does
        for path in [abandoned, mine, running] { FileManager.default.createFile(atPath: path, contents: Data("x".utf8)) }
        defer { for path in [mine, running] { unlink(path) } }
        TemporaryCopy.removeAbandonedCopies()
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: mine))
        #expect(FileManager.default.fileExists(atPath: running))
    }

    /// A folder of that name that others can open, or a link, is not private (another user may
    /// have made it to read the copies).
    @Test func onlyAPrivateFolderIsUsed() throws {
        try withTemporaryFolder("vietsearch-copies") { folder in
            let open = folder.appendingPathComponent("open").path
            mkdir(open, 0o700)
            chmod(open, 0o755)
            let closed = folder.appendingPathComponent("closed").path
            mkdir(closed, 0o700)
            let link = folder.appendingPathComponent("link").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: closed)
            #expect(!TemporaryCopy.isPrivateFolder(open))
            #expect(!TemporaryCopy.isPrivateFolder(link))
            #expect(TemporaryCopy.isPrivateFolder(closed))
        }
    }
}
