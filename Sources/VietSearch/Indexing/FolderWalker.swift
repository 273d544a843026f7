import Foundation

/// Finds the files to index under some folders: regular files with a supported extension,
/// skipping hidden files and folders (`.git`). Symbolic links to files are followed; links to
/// folders are not, so link loops cannot trap the walk.
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
        let keys: [URLResourceKey] = [.isRegularFileKey, .isSymbolicLinkKey, .fileSizeKey, .contentModificationDateKey]
        for folder in folders {
            let root = URL(fileURLWithPath: folder).standardizedFileURL
            guard
                let enumerator = FileManager.default.enumerator(
                    at: root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles],
                    errorHandler: { url, error in
                        walk.unreadable.append((url.path, Self.reason(error)))
                        return true
                    })
            else {
                walk.unreadable.append((root.path, "cannot open folder"))
                continue
            }
            for case let url as URL in enumerator {
                let format = url.pathExtension.lowercased()
                var values = try? url.resourceValues(forKeys: Set(keys))
                if values?.isSymbolicLink == true {
                    // Follow links to files only.
                    let target = url.resolvingSymlinksInPath()
                    values = try? target.resourceValues(forKeys: Set(keys))
                    guard values?.isRegularFile == true else { continue }
                }
                guard values?.isRegularFile == true else { continue }
                guard DocumentExtractor.formats.contains(format) else {
                    walk.ignored += 1
                    continue
                }
                let path = url.standardizedFileURL.path
                guard seen.insert(path).inserted else { continue }
                let modified = values?.contentModificationDate?.timeIntervalSince1970 ?? 0
                walk.files.append(
                    File(
                        path: path, size: Int64(values?.fileSize ?? 0), modificationTime: Int64(modified * 1_000_000_000),
                        format: format))
            }
        }
        walk.files.sort { $0.path < $1.path }
        return walk
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            let posix = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(posix.rawValue))
        }
        return nsError.localizedDescription
    }
}
