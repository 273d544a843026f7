import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Finds the files to index under some folders: regular files with a supported extension,
/// skipping hidden files and folders (`.git`). Symbolic links to files are followed; links to
/// folders are not, so link loops cannot trap the walk.
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

    struct Walk {
        var files: [File] = []
        /// Files with other extensions, not indexed.
        var ignored = 0
        /// Paths that could not be read, with the reason.
        var unreadable: [(path: String, reason: String)] = []
    }

    static func walk(_ folders: [String]) -> Walk {
        var walk = Walk()
        var seen = Set<String>()
        for folder in folders {
            visit(URL(fileURLWithPath: folder).standardizedFileURL.path, into: &walk, seen: &seen)
        }
        walk.files.sort { $0.path < $1.path }
        return walk
    }

    private static func visit(_ directory: String, into walk: inout Walk, seen: inout Set<String>) {
        guard let handle = opendir(directory) else {
            walk.unreadable.append((directory, "cannot open folder: \(String(cString: strerror(errno)))"))
            return
        }
        defer { closedir(handle) }
        var subdirectories: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name.hasPrefix(".") { continue }  // hidden, and . and ..
            let path = directory == "/" ? "/" + name : directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else {
                walk.unreadable.append((path, String(cString: strerror(errno))))
                continue
            }
            var kind = info.st_mode & S_IFMT
            if kind == S_IFLNK {
                // Follow links to files only.
                guard stat(path, &info) == 0 else { continue }
                kind = info.st_mode & S_IFMT
                if kind != S_IFREG { continue }
            }
            if kind == S_IFDIR {
                subdirectories.append(path)
                continue
            }
            guard kind == S_IFREG else { continue }
            let dot = name.lastIndex(of: ".")
            let format = dot.map { name[name.index(after: $0)...].lowercased() } ?? ""
            guard DocumentExtractor.formats.contains(format) else {
                walk.ignored += 1
                continue
            }
            guard seen.insert(path).inserted else { continue }
            let time = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            walk.files.append(File(path: path, size: Int64(info.st_size), modificationTime: time, format: format))
        }
        for subdirectory in subdirectories { visit(subdirectory, into: &walk, seen: &seen) }
    }
}
