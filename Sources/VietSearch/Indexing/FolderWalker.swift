import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Finds the files to index under a folder: regular files with a supported extension, skipping
/// hidden files and folders (`.git`). Links to folders are not followed, so link loops cannot
/// trap the walk; links to files are followed when the file they reach is inside one of the
/// folders indexed (or anywhere, with `followLinks`), and otherwise reported as skipped:
/// `ln -s /etc/passwd notes.txt` must not put the password file into the index.
///
/// Paths are bytes: names that are not UTF-8 (old archives unzipped on Linux) are opened by
/// their bytes, and stored and shown with U+FFFD in place of the bytes that are not UTF-8.
///
/// Files come one at a time (`next()`), in the byte order of their stored paths, which is the
/// order of the index's covering index of paths (`documents_files`): an indexing run compares
/// the two lists as it walks, holding one folder's listing per level, not the whole tree (a
/// `File` per file of a large folder is tens of MB). Each folder's entries are sorted by their
/// stored names, a folder's followed by "/", so that `a/x` comes after `a.txt` and before
/// `a0.txt`, as the full paths do.
///
/// Plain `readdir`/`lstat`: a re-run over a folder of unchanged files is mostly this walk, and
/// FileManager's enumerator with resource values is several times slower.
struct FolderWalker {
    struct File: Sendable {
        /// Absolute, standardized path, as stored (U+FFFD for bytes that are not UTF-8).
        var path: String
        var size: Int64
        /// Nanoseconds since 1970.
        var modificationTime: Int64
        /// Lowercase extension.
        var format: String
        /// The bytes of the path to open: `path`'s own, a name's bytes that are not UTF-8, or for
        /// a link, the file it reached at the walk (so a link changed since is not followed).
        var source: [UInt8]

        init(path: String, size: Int64, modificationTime: Int64, format: String, source: [UInt8]? = nil) {
            self.path = path
            self.size = size
            self.modificationTime = modificationTime
            self.format = format
            self.source = source ?? Array(path.utf8)
        }
    }

    /// Everything a walk found, at once (for tests and small folders).
    struct Walk {
        var files: [File] = []
        /// Files with other extensions, not indexed.
        var ignored = 0
        /// Paths not indexed, with the reason: folders or files that cannot be read, links not
        /// followed, names that collide once made UTF-8.
        var skipped: [(path: String, reason: String)] = []
        /// Files indexed with a caveat (a name that is not UTF-8).
        var warnings: [(path: String, message: String)] = []
        /// Folders and files the walk could not read: whether their documents still exist is not
        /// known, so the index keeps what it has of them.
        var unreadable: [String] = []
    }

    /// Files with other extensions, not indexed, seen so far.
    private(set) var ignored = 0
    /// Paths not indexed so far, with the reason (see `Walk.skipped`).
    private(set) var skipped: [(path: String, reason: String)] = []
    /// Files indexed with a caveat so far.
    private(set) var warnings: [(path: String, message: String)] = []
    /// Folders and files the walk could not read so far (see `Walk.unreadable`): a folder's is
    /// recorded before any path after it in the walk's order is returned.
    private(set) var unreadable: [String] = []

    /// Which links to files are followed: those inside the folders walked, or all.
    let followLinks: Bool
    /// The real paths of the folders indexed (links resolved), bytes, each ending in "/".
    let realRoots: [[UInt8]]

    private enum Entry {
        case file(File)
        case folder([UInt8])
    }
    /// Per level of the walk, the entries still to visit, last first.
    private var pending: [[Entry]]

    /// A walk of `root` (standardized here); links to files are followed into `realRoots` (see
    /// `realRoots(_:)`), or anywhere with `followLinks`.
    init(root: String, realRoots: [[UInt8]], followLinks: Bool = false) {
        self.followLinks = followLinks
        self.realRoots = realRoots
        pending = [[.folder(Array(Self.standardized(root).utf8))]]
    }

    static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The real paths of `folders`, each ending in "/", for `init(root:realRoots:followLinks:)`.
    static func realRoots(_ folders: [String]) -> [[UInt8]] {
        folders.map(standardized).compactMap { realPath(Array($0.utf8)) }.map {
            $0.last == UInt8(ascii: "/") ? $0 : $0 + [UInt8(ascii: "/")]
        }
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
    static func walk(_ folders: [String], followLinks: Bool = false) -> Walk {
        var walk = Walk()
        let real = realRoots(folders)
        for root in roots(folders) {
            var walker = FolderWalker(root: root, realRoots: real, followLinks: followLinks)
            while let file = walker.next() { walk.files.append(file) }
            walk.ignored += walker.ignored
            walk.skipped += walker.skipped
            walk.warnings += walker.warnings
            walk.unreadable += walker.unreadable
        }
        return walk
    }

    /// The folders to walk, standardized, in the order their files' paths sort, without those
    /// inside another one of them.
    static func roots(_ folders: [String]) -> [String] {
        let sorted = Set(folders.map(standardized)).sorted {
            Self.sortKey(Array($0.utf8), folder: true).lexicographicallyPrecedes(Self.sortKey(Array($1.utf8), folder: true))
        }
        var roots: [String] = []
        for root in sorted {
            if let last = roots.last, root.hasPrefix(last == "/" ? last : last + "/") { continue }
            roots.append(root)
        }
        return roots
    }

    /// A name as it sorts among its folder's entries: its stored bytes (U+FFFD for bytes that
    /// are not UTF-8), a folder's with "/" after it.
    private static func sortKey(_ name: [UInt8], folder: Bool) -> [UInt8] {
        Array(shown(name).utf8) + (folder ? [UInt8(ascii: "/")] : [])
    }

    /// The folder's entries to visit, sorted (see the type's comment).
    private mutating func list(_ directory: [UInt8]) -> [Entry] {
        let shownDirectory = Self.shown(directory)
        guard let handle = Self.withCPath(directory, { opendir($0) }) else {
            cannotRead(shownDirectory, "cannot open folder: \(String(cString: strerror(errno))); its indexed documents are kept")
            return []
        }
        defer { closedir(handle) }
        var entries: [(key: [UInt8], entry: Entry)] = []
        while true {
            errno = 0
            guard let entry = readdir(handle) else {
                if errno != 0 {
                    cannotRead(shownDirectory, "cannot list folder: \(String(cString: strerror(errno))); its indexed documents are kept")
                }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name.first == UInt8(ascii: ".") { continue }  // hidden, and . and ..
            let path = directory == [UInt8(ascii: "/")] ? directory + name : directory + [UInt8(ascii: "/")] + name
            guard let found = look(at: path, name: name) else { continue }
            if case .folder = found {
                entries.append((Self.sortKey(name, folder: true), found))
            } else {
                entries.append((Self.sortKey(name, folder: false), found))
            }
        }
        entries.sort { $0.key.lexicographicallyPrecedes($1.key) }
        return dropCollisions(entries)
    }

    /// Entries whose names are the same once made UTF-8 (sorted next to each other): the first
    /// is kept, the others reported; a stored path names one file.
    private mutating func dropCollisions(_ entries: [(key: [UInt8], entry: Entry)]) -> [Entry] {
        var kept: [Entry] = []
        kept.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            if index > 0, entries[index - 1].key == entry.key {
                if case .file(let file) = entry.entry {
                    skipped.append((file.path, "another file's name is the same once made UTF-8; not indexed"))
                }
                if case .folder(let path) = entry.entry {
                    skipped.append((Self.shown(path), "another folder's name is the same once made UTF-8; not indexed"))
                }
                continue
            }
            kept.append(entry.entry)
        }
        return kept
    }

    private mutating func cannotRead(_ path: String, _ reason: String) {
        skipped.append((path, reason))
        unreadable.append(path)
    }

    /// What one directory entry is to the walk: a folder to enter, a file to index, or nothing.
    private mutating func look(at path: [UInt8], name: [UInt8]) -> Entry? {
        var info = stat()
        guard Self.withCPath(path, { lstat($0, &info) }) == 0 else {
            cannotRead(Self.shown(path), "\(String(cString: strerror(errno))); its indexed version is kept")
            return nil
        }
        var source = path
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            return .folder(path)
        case S_IFLNK:
            guard let target = followed(path, info: &info) else { return nil }
            source = target
        case S_IFREG:
            break
        default:
            return nil  // FIFOs, sockets, devices
        }
        let dot = name.lastIndex(of: UInt8(ascii: "."))
        let format = dot.map { String(decoding: name[(name.index(after: $0))...], as: UTF8.self).lowercased() } ?? ""
        guard DocumentExtractor.formats.contains(format) else {
            ignored += 1
            return nil
        }
        let shown = Self.shown(path)
        if String(validating: path, as: UTF8.self) == nil {
            warnings.append((shown, "the name is not UTF-8: stored with U+FFFD for the bytes that are not"))
        }
        let time = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return .file(File(path: shown, size: Int64(info.st_size), modificationTime: time, format: format, source: source))
    }

    /// For a link: the real path of the regular file it reaches, with that file's `stat` in
    /// `info`, when it is followed; nil (a skip reported, or a link to a folder or to nothing).
    private mutating func followed(_ path: [UInt8], info: inout stat) -> [UInt8]? {
        guard Self.withCPath(path, { stat($0, &info) }) == 0, info.st_mode & S_IFMT == S_IFREG,
            let target = Self.realPath(path)
        else { return nil }
        guard followLinks || realRoots.contains(where: { target.starts(with: $0) }) else {
            skipped.append((Self.shown(path), "a link to a file outside the indexed folders (\(Self.shown(target))); --follow-links indexes it"))
            return nil
        }
        return target
    }

    /// A path as stored and shown: its bytes as UTF-8, U+FFFD for those that are not.
    static func shown(_ path: [UInt8]) -> String { String(decoding: path, as: UTF8.self) }

    /// `body` with `path` as a C string.
    static func withCPath<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        var cString = path.map { CChar(bitPattern: $0) }
        cString.append(0)
        return cString.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// The absolute path with every link resolved (`realpath`), or nil.
    static func realPath(_ path: [UInt8]) -> [UInt8]? {
        guard let resolved = withCPath(path, { realpath($0, nil) }) else { return nil }
        defer { free(resolved) }
        return Array(UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)))
    }
}
