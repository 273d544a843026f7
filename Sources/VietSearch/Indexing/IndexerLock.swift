import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One indexer per index: an exclusive `flock` on `<index>.lock`. The kernel drops it when the
/// process dies (even by kill -9), so a crash never leaves a stale lock. A separate file,
/// because closing any descriptor of the database itself would drop SQLite's own locks.
///
/// The lock file is beside the index's real path (links resolved), so every path to one index
/// locks the same file; it is opened without following a link and must be a regular file, so a
/// link planted in its place cannot make the indexer create or truncate a file elsewhere.
struct IndexerLock {
    private let descriptor: Int32

    init(indexPath: String) throws(VietSearchError) {
        let lockPath = Self.lockPath(for: indexPath)
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
        guard fd >= 0 else {
            let code = errno
            let reason = code == ELOOP ? "it is a link (a lock file is never followed): remove it" : String(cString: strerror(code))
            throw .database(.init(resultCode: 14, message: "cannot create \(lockPath): \(reason)"))
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw .database(.init(resultCode: 14, message: "cannot lock \(indexPath): \(lockPath) is not a regular file: remove it"))
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

    /// `<index>.lock` beside the index's real path, or beside the real path of its folder when
    /// the index does not exist yet.
    static func lockPath(for indexPath: String) -> String {
        if let real = realPath(indexPath) { return real + ".lock" }
        let url = URL(fileURLWithPath: indexPath)
        guard let folder = realPath(url.deletingLastPathComponent().path) else { return indexPath + ".lock" }
        return (folder == "/" ? "" : folder) + "/" + url.lastPathComponent + ".lock"
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
