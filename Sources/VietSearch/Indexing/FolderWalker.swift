import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Finds the files to index under a folder: regular files with a supported extension, skipping
/// hidden files and folders (`.git`). Symbolic links to files are followed; links to folders are
/// not, so link loops cannot trap the walk.
///
/// Files come one at a time (`next()`), in the byte order of their paths, which is the order of
/// the index's covering index of paths (`documents_files`): an indexing run compares the two
/// lists as it walks, holding one folder's listing per level, not the whole tree (a `File` per
/// file of a large folder is tens of MB). Each folder's entries are sorted with a folder's name followed
/// by "/", so that `a/x` comes after `a.txt` and before `a0.txt`, as the full paths do.
///
/// Plain `readdir`/`lstat`: a re-run over a folder of unchanged files is mostly this walk, and
/// FileManager's enumerator with resource values is several times slower.
struct FolderWalker {
    struct File: Sendable {
        /// Absolute, standardized path.
        var path: String
        var size: Int64
        /// Nanoseconds since 1970.
        var modificationTime: Int64
        /// Lowercase extension.
        var format: String
    }

    /// Everything a walk found, at once (for tests and small folders).
    struct Walk {
        var files: [File] = []
        /// Files with other extensions, not indexed.
        var ignored = 0
        /// Paths that could not be read, with the reason.
        var unreadable: [(path: String, reason: String)] = []
    }

    /// Files with other extensions, not indexed, seen so far.
    private(set) var ignored = 0
    /// Paths that could not be read so far, with the reason.
    private(set) var unreadable: [(path: String, reason: String)] = []

    private enum Entry {
        case file(File)
        case folder(String)
    }
    /// Per level of the walk, the entries still to visit, last first.
    private var pending: [[Entry]]

    /// A walk of `root` (standardized here).
    init(root: String) {
        pending = [[.folder(Self.standardized(root))]]
    }

    static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The next file in path order; nil at the end.
    mutating func next() -> File? {
        while !pending.isEmpty {
            guard let entry = pending[pending.count - 1].popLast() else {
                pending.removeLast()
                continue
            }
            switch entry {
            case .file(let file): return file
            case .folder(let path): pending.append(list(path).reversed())
            }
        }
        return nil
    }

    /// Every file under `folders`, in path order (a folder inside another is walked once).
    static func walk(_ folders: [String]) -> Walk {
        var walk = Walk()
        for root in roots(folders) {
            var walker = FolderWalker(root: root)
            while let file = walker.next() { walk.files.append(file) }
            walk.ignored += walker.ignored
            walk.unreadable += walker.unreadable
        }
        return walk
    }

    /// The folders to walk, standardized, in the order their files' paths sort, without those
    /// inside another one of them.
    static func roots(_ folders: [String]) -> [String] {
        let sorted = Set(folders.map(standardized)).sorted { Self.sortKey($0, folder: true).lexicographicallyPrecedes(Self.sortKey($1, folder: true)) }
        var roots: [String] = []
        for root in sorted {
            if let last = roots.last, root.hasPrefix(last == "/" ? last : last + "/") { continue }
            roots.append(root)
        }
        return roots
    }

    /// A name's bytes as it sorts among its folder's entries: a folder's with "/" after it.
    private static func sortKey(_ name: String, folder: Bool) -> [UInt8] {
        Array(name.utf8) + (folder ? [UInt8(ascii: "/")] : [])
    }

    /// The folder's entries to visit, sorted (see the type's comment).
    private mutating func list(_ directory: String) -> [Entry] {
        guard let handle = opendir(directory) else {
            unreadable.append((directory, "cannot open folder: \(String(cString: strerror(errno)))"))
            return []
        }
        defer { closedir(handle) }
        var entries: [(key: [UInt8], entry: Entry)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name.hasPrefix(".") { continue }  // hidden, and . and ..
            let path = directory == "/" ? "/" + name : directory + "/" + name
            if let found = self.entry(path, name: name) {
                if case .folder = found {
                    entries.append((Self.sortKey(name, folder: true), found))
                } else {
                    entries.append((Self.sortKey(name, folder: false), found))
                }
            }
        }
        entries.sort { $0.key.lexicographicallyPrecedes($1.key) }
        return entries.map(\.entry)
    }

    /// What `path` is to the walk: a folder to enter, a file to index, or nothing.
    private mutating func entry(_ path: String, name: String) -> Entry? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            unreadable.append((path, String(cString: strerror(errno))))
            return nil
        }
        var kind = info.st_mode & S_IFMT
        if kind == S_IFLNK {
            // Follow links to files only.
            guard stat(path, &info) == 0 else { return nil }
            kind = info.st_mode & S_IFMT
            if kind != S_IFREG { return nil }
        }
        if kind == S_IFDIR { return .folder(path) }
        guard kind == S_IFREG else { return nil }
        let dot = name.lastIndex(of: ".")
        let format = dot.map { name[name.index(after: $0)...].lowercased() } ?? ""
        guard DocumentExtractor.formats.contains(format) else {
            ignored += 1
            return nil
        }
        let time = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return .file(File(path: path, size: Int64(info.st_size), modificationTime: time, format: format))
    }
}
