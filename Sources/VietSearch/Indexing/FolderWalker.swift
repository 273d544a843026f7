import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Finds the files to index under some folders: regular files with a supported extension,
/// skipping hidden files and folders (`.git`). Links to folders are not followed, so link loops
/// cannot trap the walk; links to files are followed when the file they reach is inside one of
/// the folders (or anywhere, with `followLinks`), and otherwise reported as skipped:
/// `ln -s /etc/passwd notes.txt` must not put the password file into the index.
///
/// Paths are bytes: names that are not UTF-8 (old archives unzipped on Linux) are opened by
/// their bytes, and stored and shown with U+FFFD in place of the bytes that are not UTF-8.
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

    /// Which links to files are followed: those inside the folders walked, or all.
    let followLinks: Bool
    /// The real paths of the folders walked (links resolved), bytes, each ending in "/".
    let roots: [[UInt8]]

    static func walk(_ folders: [String], followLinks: Bool = false) -> Walk {
        let standardized = folders.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let walker = FolderWalker(
            followLinks: followLinks,
            roots: standardized.compactMap { realPath(Array($0.utf8)) }.map { $0.last == UInt8(ascii: "/") ? $0 : $0 + [UInt8(ascii: "/")] })
        var walk = Walk()
        var seen: [String: [UInt8]] = [:]
        for folder in standardized {
            walker.visit(Array(folder.utf8), into: &walk, seen: &seen)
        }
        walk.files.sort { $0.path < $1.path }
        return walk
    }

    private func visit(_ directory: [UInt8], into walk: inout Walk, seen: inout [String: [UInt8]]) {
        let shown = Self.shown(directory)
        guard let handle = Self.withCPath(directory, { opendir($0) }) else {
            walk.skipped.append((shown, "cannot open folder: \(String(cString: strerror(errno))); its indexed documents are kept"))
            walk.unreadable.append(shown)
            return
        }
        defer { closedir(handle) }
        var subdirectories: [[UInt8]] = []
        while true {
            errno = 0
            guard let entry = readdir(handle) else {
                if errno != 0 {
                    walk.skipped.append((shown, "cannot list folder: \(String(cString: strerror(errno))); its indexed documents are kept"))
                    walk.unreadable.append(shown)
                }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name.first == UInt8(ascii: ".") { continue }  // hidden, and . and ..
            let path = directory == [UInt8(ascii: "/")] ? directory + name : directory + [UInt8(ascii: "/")] + name
            if let subdirectory = look(at: path, name: name, into: &walk, seen: &seen) { subdirectories.append(subdirectory) }
        }
        for subdirectory in subdirectories { visit(subdirectory, into: &walk, seen: &seen) }
    }

    /// Looks at one directory entry: a file to index goes into `walk`; a folder is returned.
    private func look(at path: [UInt8], name: [UInt8], into walk: inout Walk, seen: inout [String: [UInt8]]) -> [UInt8]? {
        let shown = Self.shown(path)
        var info = stat()
        guard Self.withCPath(path, { lstat($0, &info) }) == 0 else {
            walk.skipped.append((shown, "\(String(cString: strerror(errno))); its indexed version is kept"))
            walk.unreadable.append(shown)
            return nil
        }
        var source = path
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            return path
        case S_IFLNK:
            guard let target = followed(path, shown: shown, info: &info, into: &walk) else { return nil }
            source = target
        case S_IFREG:
            break
        default:
            return nil  // FIFOs, sockets, devices
        }
        let dot = name.lastIndex(of: UInt8(ascii: "."))
        let format = dot.map { String(decoding: name[(name.index(after: $0))...], as: UTF8.self).lowercased() } ?? ""
        guard DocumentExtractor.formats.contains(format) else {
            walk.ignored += 1
            return nil
        }
        if let other = seen[shown] {
            // The same path reached twice (overlapping folders), or two names alike once made UTF-8.
            if other != path { walk.skipped.append((shown, "another file's name is the same once made UTF-8; not indexed")) }
            return nil
        }
        seen[shown] = path
        if String(validating: path, as: UTF8.self) == nil {
            walk.warnings.append((shown, "the name is not UTF-8: stored with U+FFFD for the bytes that are not"))
        }
        let time = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        walk.files.append(File(path: shown, size: Int64(info.st_size), modificationTime: time, format: format, source: source))
        return nil
    }

    /// For a link: the real path of the regular file it reaches, with that file's `stat` in
    /// `info`, when it is followed; nil (a skip reported, or a link to a folder or to nothing).
    private func followed(_ path: [UInt8], shown: String, info: inout stat, into walk: inout Walk) -> [UInt8]? {
        guard Self.withCPath(path, { stat($0, &info) }) == 0, info.st_mode & S_IFMT == S_IFREG,
            let target = Self.realPath(path)
        else { return nil }
        guard followLinks || roots.contains(where: { target.starts(with: $0) }) else {
            walk.skipped.append((shown, "a link to a file outside the indexed folders (\(Self.shown(target))); --follow-links indexes it"))
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
