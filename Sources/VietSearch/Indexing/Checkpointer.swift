import Foundation
import VietSearchSQLite

/// Copies committed pages from the WAL into the database file on a thread and connection of its
/// own, while the indexer's writer goes on writing (`wal_checkpoint(PASSIVE)` never blocks the
/// writer, and the writer's own automatic checkpoints are turned off meanwhile).
///
/// Left to the writer, the checkpoint after the last commit would copy the whole new index at
/// the end of the run, while the reader thread sits idle.
///
/// `@unchecked Sendable`: the stored state is accessed under `condition`.
final class Checkpointer: @unchecked Sendable {
    private let condition = NSCondition()
    private var requested = false
    private var stopped = false
    private var running = true

    init(path: String) {
        let thread = Thread { [self] in run(path) }
        thread.stackSize = 1 << 18
        thread.start()
    }

    /// New commits are there to copy.
    func request() {
        condition.lock()
        requested = true
        condition.signal()
        condition.unlock()
    }

    /// Stops the thread and waits until it has let go of its connection.
    func finish() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    private func run(_ path: String) {
        copyWhenRequested(path)
        // Only now, with the connection closed: if the process ended while it was open, the
        // writer's close would not have been the last, and the whole WAL would stay behind.
        condition.lock()
        running = false
        condition.broadcast()
        condition.unlock()
    }

    private func copyWhenRequested(_ path: String) {
        // A failure to open only costs the optimization: the writer's connection checkpoints
        // when it closes.
        let connection = try? SQLiteConnection(path: path, mode: .readWrite)
        connection?.setBusyTimeout(milliseconds: 0)
        while true {
            condition.lock()
            while !requested && !stopped { condition.wait() }
            let done = stopped
            requested = false
            condition.unlock()
            if done { return }
            try? connection?.execute("PRAGMA wal_checkpoint(PASSIVE)")
        }
    }
}
