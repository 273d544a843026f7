import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Which file a path names, and the state it was in: a read-only server compares it before
/// each request to notice an index replaced (renamed over) or written in place by another
/// program. A Litestream follower writes pages straight into the file under SQLite's locks, and
/// SQLite would not always see it (it watches a header counter that such a write may leave as
/// it was); a connection opened after the write reads the file as it is.
struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }
}
