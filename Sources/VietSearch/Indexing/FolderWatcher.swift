import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Tells when files under some folders may have changed, through Linux's inotify: one watch per
/// folder (inotify does not watch a tree), and folders that appear later are watched as they
/// appear. Only changes that can matter to the index count: a file with an indexed extension,
/// or a folder; the index's own files and hidden files do not (an index kept inside a watched
/// folder would otherwise wake the watcher with every commit).
///
/// Where inotify is missing, or a folder cannot be watched (the system's limit on watches), it
/// cannot be made (`init` returns nil) and the caller falls back to polling.
final class FolderWatcher {
    private let descriptor: Int32
    /// Watched folder per watch descriptor.
    private var folders: [Int32: String] = [:]

    private static let mask = UInt32(
        IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF
            | IN_MOVE_SELF)

    init?(folders roots: [String]) {
        #if os(Linux)
        descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else { return nil }
        for root in roots {
            guard watchTree(URL(fileURLWithPath: root).standardizedFileURL.path) else {
                close(descriptor)
                return nil
            }
        }
        #else
        return nil
        #endif
    }

    deinit { close(descriptor) }

    /// Watches `folder` and the folders under it that the indexer walks (not hidden ones, not
    /// links); false when the system refuses a watch.
    private func watchTree(_ folder: String) -> Bool {
        let watch = inotify_add_watch(descriptor, folder, Self.mask | UInt32(IN_ONLYDIR))
        guard watch >= 0 else { return errno == ENOENT || errno == ENOTDIR || errno == EACCES }
        folders[watch] = folder
        guard let handle = opendir(folder) else { return true }
        defer { closedir(handle) }
        var subfolders: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name.hasPrefix(".") { continue }
            if entry.pointee.d_type == UInt8(DT_DIR) { subfolders.append(folder + "/" + name) }
        }
        return subfolders.allSatisfy { watchTree($0) }
    }

    /// Waits up to `timeout` seconds for events and reads every one waiting: true when one of
    /// them can change the index. A full event queue (the kernel dropped events) counts as a
    /// change.
    func waitForChanges(timeout: Double) -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(max(0, timeout * 1000))) > 0 else { return false }
        var relevant = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (event, name) = buffer.withUnsafeBytes { raw -> (inotify_event, String) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let start = offset + MemoryLayout<inotify_event>.size
                    let bytes = raw[start..<min(start + Int(event.len), count)].prefix { $0 != 0 }
                    return (event, String(decoding: bytes, as: UTF8.self))
                }
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
                if handle(event, name: name) { relevant = true }
            }
        }
        return relevant
    }

    /// Whether one event matters, and watches a folder that appeared.
    private func handle(_ event: inotify_event, name: String) -> Bool {
        let mask = event.mask
        if mask & UInt32(IN_Q_OVERFLOW) != 0 { return true }
        if mask & UInt32(IN_IGNORED) != 0 {
            folders[event.wd] = nil  // the folder is gone
            return false
        }
        if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 { return true }
        guard !name.hasPrefix("."), let parent = folders[event.wd] else { return false }
        if mask & UInt32(IN_ISDIR) != 0 {
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { _ = watchTree(parent + "/" + name) }
            return mask & UInt32(IN_ATTRIB) == 0
        }
        let dot = name.lastIndex(of: ".")
        return dot.map { DocumentExtractor.formats.contains(name[name.index(after: $0)...].lowercased()) } ?? false
    }
}
