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
}
