import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One indexer per index: an exclusive `flock` on `<index>.lock`. The kernel drops it when the
/// process dies (even by kill -9), so a crash never leaves a stale lock. A separate file,
/// because closing any descriptor of the database itself would drop SQLite's own locks.
struct IndexerLock {
    private let descriptor: Int32

    init(indexPath: String) throws(VietSearchError) {
        let lockPath = indexPath + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .database(.init(resultCode: 14, message: "cannot create \(lockPath): \(String(cString: strerror(errno)))"))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .busy(path: indexPath)
        }
        descriptor = fd
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
