import Foundation
import Testing

@testable import VietSearch

@Suite struct FileContentsTests {
    static func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vietsearch-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    @Test(arguments: [0, 1, 65_535, 65_536, 200_001])
    func readsEveryByte(size: Int) throws {
        try Self.withFolder { folder in
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
            let file = folder.appendingPathComponent("f.bin")
            try Data(bytes).write(to: file)
            #expect(try FileContents.read(file.path) == bytes)
        }
    }

    /// Special files report size 0 yet have content: read to the end anyway.
    @Test func readsFilesWhoseSizeSaysNothing() throws {
        let status = try FileContents.read("/proc/self/status")
        #expect(String(decoding: status, as: UTF8.self).contains("Name:"))
    }

    @Test func failuresSayWhy() throws {
        try Self.withFolder { folder in
            #expect(throws: FileContents.Failure.self) { try FileContents.read(folder.appendingPathComponent("gone.txt").path) }
            do throws(FileContents.Failure) {
                _ = try FileContents.read(folder.appendingPathComponent("gone.txt").path)
            } catch {
                #expect(error.reason == "No such file or directory")
            }
            do throws(FileContents.Failure) {
                _ = try FileContents.read(folder.path)
                Issue.record("a folder was read as a file")
            } catch {
                #expect(error.reason == "Is a directory")
            }
        }
    }

    /// A file deleted between the folder walk and the read is reported and skipped.
    @Test func aFileGoneBeforeItIsReadIsSkippedWithTheReason() {
        let file = FolderWalker.File(path: "/nonexistent-vietsearch/a.txt", size: 10, modificationTime: 0, format: "txt")
        guard case .skipped(let path, let reason, _) = FolderIndexer.read(file, known: nil) else {
            Issue.record("not skipped")
            return
        }
        #expect(path == file.path)
        #expect(reason == "unreadable: No such file or directory")
    }

    /// What the walk saw as a file may be something else by the time it is read: a FIFO hung the
    /// reader in `open` forever (holding the index lock, its batch uncommitted), and a link
    /// would be followed anywhere. Both are skipped at once, with the reason.
    @Test func aFIFOOrALinkSwappedInAfterTheWalkIsSkipped() throws {
        try Self.withFolder { folder in
            let fifo = folder.appendingPathComponent("swapped.txt").path
            #expect(mkfifo(fifo, 0o644) == 0)
            let link = folder.appendingPathComponent("link.txt").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/etc/hostname")
            for (path, expected) in [(fifo, "unreadable: not a regular file (a FIFO)"), (link, "unreadable: a link now (links are checked by the walk, not followed here)")] {
                let file = FolderWalker.File(path: path, size: 10, modificationTime: 0, format: "txt")
                let done = DispatchSemaphore(value: 0)
                let result = Locked<FolderIndexer.Item?>(nil)
                Thread { result.set(FolderIndexer.read(file, known: nil)); done.signal() }.start()
                if done.wait(timeout: .now() + 10) == .timedOut {
                    Issue.record("reading \(path) blocked")
                    let writer = open(fifo, O_WRONLY | O_NONBLOCK)  // lets the blocked open return
                    done.wait()
                    close(writer)
                    continue
                }
                guard case .skipped(_, let reason, _)? = result.value else {
                    Issue.record("\(path) not skipped")
                    continue
                }
                #expect(reason == expected)
            }
        }
    }
}

/// A value one thread sets and another reads after a semaphore.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func set(_ value: Value) { lock.withLock { stored = value } }
}
