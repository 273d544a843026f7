import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private copy of a document's bytes in a file, for readers that need one: `pdftotext` seeks,
/// and ZIPFoundation reads damaged archives safely only from a file. Documents are anyone's
/// business but their owner's: each copy is created new (`O_EXCL`, never through a link), readable
/// by this user only (0600), in a folder of this user's only (0700, `vnsearch-<uid>` in the
/// temporary directory). Copies are named after the process, so that copies a killed process
/// left (a kill -9 mid-extraction) are removed by the next indexing run, or the next copy.
enum TemporaryCopy {
    struct Failure: Error {
        let reason: String
    }

    /// The folder, made (and emptied of dead processes' copies) at first use; nil when it cannot
    /// be made private. A folder of that name that is not this user's, or is open to others, is
    /// not used: a private one from `mkdtemp` is, without the clean-up.
    static let folder: String? = {
        if mkdir(shared, 0o700) == 0 || errno == EEXIST, isPrivateFolder(shared) {
            removeAbandonedCopies(in: shared)
            return shared
        }
        var template = Array(FileManager.default.temporaryDirectory.appendingPathComponent("vnsearch-XXXXXX").path.utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!).map { String(cString: $0) } }
    }()

    /// The folder copies go to when it is private: `vnsearch-<uid>` in the temporary directory.
    static var shared: String { FileManager.default.temporaryDirectory.appendingPathComponent("vnsearch-\(geteuid())").path }

    /// Removes the copies that processes no longer running left, if the folder exists.
    static func removeAbandonedCopies() {
        if isPrivateFolder(shared) { removeAbandonedCopies(in: shared) }
    }

    /// Writes `bytes` to a new private file ending in `suffix` (`.pdf`); the caller removes it.
    static func write(_ bytes: [UInt8], suffix: String) throws(Failure) -> URL {
        guard let folder else { throw Failure(reason: "no private temporary folder") }
        let path = "\(folder)/\(getpid())-\(UUID().uuidString)\(suffix)"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let reason = String(cString: strerror(errno))
                unlink(path)
                throw Failure(reason: reason)
            }
            written += count
        }
        return URL(fileURLWithPath: path)
    }

    static func remove(_ url: URL) { unlink(url.path) }

    /// A real folder (not a link), this user's, closed to everyone else.
    static func isPrivateFolder(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR && info.st_uid == geteuid()
            && info.st_mode & 0o077 == 0
    }

    /// Removes the copies whose process (the number their name starts with) no longer runs.
    static func removeAbandonedCopies(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            guard let pid = Int32(name.prefix { $0.isNumber }), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) == -1 && errno == ESRCH { unlink(folder + "/" + name) }
        }
    }

    private static func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, buffer, count)
        #else
        Darwin.write(descriptor, buffer, count)
        #endif
    }
}
