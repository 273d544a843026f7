import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to start reading the next files before the reader thread needs them
/// (`posix_fadvise(WILLNEED)`, which queues the reads and returns), from a thread of its own
/// that stays at most `window` files ahead of the reader.
///
/// Without it, the reader waits on the disk over a folder not in the page cache (a first index,
/// or a cache reclaimed since), and the writer waits on the reader.
///
/// Once a window ahead, the thread sleeps until the reader has taken half a window, then hints
/// that half in one go: woken at every file, it would cost more CPU than the hints themselves.
///
/// `@unchecked Sendable`: the stored state is accessed under `condition`.
final class ReadAhead: @unchecked Sendable {
    private let condition = NSCondition()
    private var consumed = 0
    private var stopped = false
    /// While the thread sleeps: the `consumed` count that wakes it.
    private var wakeAt: Int?
    private let window: Int

    /// Starts hinting `paths`, in order.
    init(paths: [String], window: Int = 64) {
        self.window = window
        let thread = Thread { [self] in run(paths) }
        thread.stackSize = 1 << 18
        thread.start()
    }

    /// The reader took the next file.
    func advance() {
        condition.lock()
        consumed += 1
        if let wakeAt, consumed >= wakeAt { condition.signal() }
        condition.unlock()
    }

    /// Ends the thread (idempotent); call when the reader stops, finished or not.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func run(_ paths: [String]) {
        for (index, path) in paths.enumerated() {
            condition.lock()
            if index >= consumed + window {
                wakeAt = index - window / 2
                while index > consumed + window / 2 && !stopped { condition.wait() }
                wakeAt = nil
            }
            let done = stopped
            condition.unlock()
            if done { return }
            #if canImport(Glibc)
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            if descriptor >= 0 {
                _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_WILLNEED)
                close(descriptor)
            }
            #endif
        }
    }
}
