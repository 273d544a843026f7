#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Standard output as a command's result: what it printed must have been written, or the command
/// fails. `print` buffers and drops write errors, so a full disk (`> /dev/full`) or a closed
/// standard output would otherwise end in success with nothing written.
enum StandardOutput {
    struct WriteFailure: Error, CustomStringConvertible {
        let reason: String
        var description: String { "cannot write the output: \(reason)" }
    }

    /// Standard descriptors that are closed (`>&-`) are opened on /dev/null for reading only:
    /// a file the command opens cannot take their number (printing would then write into it),
    /// and writing to them still fails, as it must.
    static func guardClosedDescriptors() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", O_RDONLY)
            if opened >= 0 && opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
    }

    /// Flushes what was printed; fails with the system's reason when any of it was not written.
    static func finish() throws(WriteFailure) {
        let flushed = fflush(stdout)
        let code = errno
        guard flushed == 0, ferror(stdout) == 0 else {
            throw WriteFailure(reason: String(cString: strerror(code == 0 ? EIO : code)))
        }
    }
}
