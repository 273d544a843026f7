#if canImport(Glibc)
import Glibc
#endif

/// Gives the free memory of the allocator's arenas back to the system, after each commit of an
/// indexing run. Documents and their recorded terms (up to a few MB each) are allocated on one
/// thread and freed on the other, over and over: glibc keeps what they leave free in its arenas,
/// so the process grows well past what it holds (docs/ENGINE.md, "Indexing at scale").
enum MemoryTrim {
    #if canImport(Glibc)
    /// glibc's `malloc_trim`, looked up once (its header is not in Swift's Glibc module).
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
    #endif

    static func releaseFreePages() {
        #if canImport(Glibc)
        _ = trim?(0)
        #endif
    }
}
