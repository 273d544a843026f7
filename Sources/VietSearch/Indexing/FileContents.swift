#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file into bytes with plain POSIX calls, straight into the array: going through
/// `Data(contentsOf:)` and copying that into an array would copy every file twice.
///
/// Only a regular file is read, and never through a link: the walk chose the file, and what is
/// at its path may have changed since. Opening does not wait (`O_NONBLOCK`: a FIFO put there
/// would block `open` until a writer came, holding the index lock with a batch uncommitted), and
/// the type is checked on the open descriptor (`fstat`), not on the path.
enum FileContents {
    struct Failure: Error {
        /// What the system said (`strerror`), for the skip report.
        let reason: String
    }

    /// Bytes read past the size a file had when opened, at most: some files report no size
    /// (`/proc`), but one that keeps growing must not keep the reader forever.
    static let growthLimit = 64 << 20

    static func read(_ path: String) throws(Failure) -> [UInt8] {
        try read(path: Array(path.utf8))
    }

    /// `path`: the bytes of the path, which need not be UTF-8 (see `FolderWalker.File`).
    static func read(path: [UInt8]) throws(Failure) -> [UInt8] {
        let descriptor = path.withUnsafeBufferPointer { bytes -> Int32 in
            var cString = [CChar](repeating: 0, count: bytes.count + 1)
            for (index, byte) in bytes.enumerated() { cString[index] = CChar(bitPattern: byte) }
            return open(cString, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        }
        guard descriptor >= 0 else {
            let code = errno
            throw Failure(reason: code == ELOOP ? "a link now (links are checked by the walk, not followed here)" : String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw Failure(reason: String(cString: strerror(EISDIR)))
        case S_IFIFO: throw Failure(reason: "not a regular file (a FIFO)")
        case S_IFCHR, S_IFBLK: throw Failure(reason: "not a regular file (a device)")
        case S_IFSOCK: throw Failure(reason: "not a regular file (a socket)")
        default: throw Failure(reason: "not a regular file")
        }
        // Reads of a regular file do not block anyway; cleared so that none ever returns EAGAIN.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return try readAll(descriptor, expected: max(Int(info.st_size), 0))
    }

    /// The descriptor's bytes to its end: `expected` of them straight into the array, then
    /// whatever a file that grew since `fstat` has, up to `growthLimit` more.
    private static func readAll(_ descriptor: Int32, expected: Int) throws(Failure) -> [UInt8] {
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            while count < expected {
                let read = Self.readSome(descriptor, base + count, expected - count)
                if read < 0 {
                    failure = errno
                    return
                }
                if read == 0 { break }  // shorter than its size said: it shrank meanwhile
                count += read
            }
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let limit = bytes.count + growthLimit
        while failure == 0 && bytes.count < limit {
            let read = chunk.withUnsafeMutableBytes { Self.readSome(descriptor, $0.baseAddress!, min($0.count, limit - bytes.count)) }
            if read < 0 { failure = errno }
            if read <= 0 { break }
            bytes.append(contentsOf: chunk[..<read])
        }
        guard failure == 0 else { throw Failure(reason: String(cString: strerror(failure))) }
        return bytes
    }

    /// `read`, retried when a signal interrupts it.
    private static func readSome(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        while true {
            #if canImport(Glibc)
            let read = Glibc.read(descriptor, buffer, count)
            #else
            let read = Darwin.read(descriptor, buffer, count)
            #endif
            if read < 0 && errno == EINTR { continue }
            return read
        }
    }
}
