#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file into bytes with plain POSIX calls, straight into the array: going through
/// `Data(contentsOf:)` and copying that into an array would copy every file twice.
enum FileContents {
    struct Failure: Error {
        /// What the system said (`strerror`), for the skip report.
        let reason: String
    }

    static func read(_ path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) != S_IFDIR else { throw Failure(reason: String(cString: strerror(EISDIR))) }
        var failure: Int32 = 0
        let expected = max(Int(info.st_size), 0)
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
        // A file that grew since `fstat` (or reports no size, as some special files do).
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while failure == 0 {
            let read = chunk.withUnsafeMutableBytes { Self.readSome(descriptor, $0.baseAddress!, $0.count) }
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
