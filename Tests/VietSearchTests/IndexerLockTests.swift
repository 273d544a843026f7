import Foundation
import TestSupport
import Testing
import VietSearchSQLite

@testable import VietSearch

/// One indexer per index: `IndexerLock` is an exclusive `flock` on `<index>.lock`. Locks taken
/// through two opens conflict even within one process, so the refusal is tested here; another
/// process's lock is tested end to end (`IndexCommandTests`).
@Suite struct IndexerLockTests {
    @Test func aSecondLockIsRefusedUntilTheFirstIsReleased() throws {
        try withTemporaryFolder("vietsearch-lock") { folder throws in
            let index = folder.appendingPathComponent("index.db").path
            let first = try IndexerLock(indexPath: index)
            #expect(FileManager.default.fileExists(atPath: index + ".lock"))
            #expect(throws: VietSearchError.busy(path: index)) { _ = try IndexerLock(indexPath: index) }
            // Another index in the same folder is not locked.
            try IndexerLock(indexPath: folder.appendingPathComponent("other.db").path).release()
            first.release()
            let again = try IndexerLock(indexPath: index)
            again.release()
        }
    }

    @Test func aLockFileThatCannotBeCreatedIsReported() throws {
        try withTemporaryFolder("vietsearch-lock") { folder throws in
            let index = folder.appendingPathComponent("missing/index.db").path
            let message = "cannot create \(index).lock: No such file or directory"
            #expect(throws: VietSearchError.database(.init(resultCode: 14, message: message))) { _ = try IndexerLock(indexPath: index) }
        }
    }

    /// A link planted as `<index>.lock` made the indexer create the file it points to; a second
    /// indexer reaching the index through a linked path took a lock of its own.
    @Test func theLockIsNeverALinkAndIsKeyedOnTheRealPath() throws {
        try withTemporaryFolder("vietsearch-lock") { folder throws in
            let index = folder.appendingPathComponent("index.db").path
            let target = folder.appendingPathComponent("planted").path
            try FileManager.default.createSymbolicLink(atPath: index + ".lock", withDestinationPath: target)
            #expect(throws: VietSearchError.self) { _ = try IndexerLock(indexPath: index) }
            #expect(!FileManager.default.fileExists(atPath: target))
            try FileManager.default.removeItem(atPath: index + ".lock")
            #expect(mkfifo(index + ".lock", 0o644) == 0)
            #expect(throws: VietSearchError.self) { _ = try IndexerLock(indexPath: index) }
            try FileManager.default.removeItem(atPath: index + ".lock")

            FileManager.default.createFile(atPath: index, contents: nil)
            let linkedFolder = folder.appendingPathComponent("linked").path
            try FileManager.default.createSymbolicLink(atPath: linkedFolder, withDestinationPath: folder.path)
            let linkedIndex = folder.appendingPathComponent("alias.db").path
            try FileManager.default.createSymbolicLink(atPath: linkedIndex, withDestinationPath: index)
            let first = try IndexerLock(indexPath: index)
            #expect(throws: VietSearchError.busy(path: linkedFolder + "/index.db")) { _ = try IndexerLock(indexPath: linkedFolder + "/index.db") }
            #expect(throws: VietSearchError.busy(path: linkedIndex)) { _ = try IndexerLock(indexPath: linkedIndex) }
            first.release()
            // Not created yet: keyed on the real path of its folder.
            let new = try IndexerLock(indexPath: linkedFolder + "/new.db")
            #expect(throws: VietSearchError.self) { _ = try IndexerLock(indexPath: folder.appendingPathComponent("new.db").path) }
            new.release()
        }
    }
}
