import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to its end, or kills it at a deadline, and reports how it ended and what it
/// cost: wall time, CPU time and peak memory from `wait4` (Foundation's `Process` gives none).
struct ChildProcess {
    struct Outcome {
        var exitStatus: Int32?
        /// The signal that ended it (a crash, or the kill at the deadline).
        var signal: Int32?
        var timedOut = false
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var wallSeconds = 0.0
        var cpuSeconds = 0.0
        var maxResidentKB = 0

        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// `arguments[0]` is the program; `environment` as `KEY=value`.
    static func run(_ arguments: [String], environment: [String], timeout: Double) -> Outcome {
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { return Outcome(exitStatus: nil, signal: nil) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for descriptor in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, descriptor) }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let started = Date()
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
        close(outPipe[1])
        close(errPipe[1])
        var outcome = Outcome()
        guard spawned == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            outcome.stderr = Array("cannot start: \(String(cString: strerror(spawned)))".utf8)
            return outcome
        }
        outcome.timedOut = !drain(out: outPipe[0], err: errPipe[0], into: &outcome, until: started + timeout)
        if outcome.timedOut { kill(pid, SIGKILL) }
        close(outPipe[0])
        close(errPipe[0])
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        outcome.wallSeconds = Date().timeIntervalSince(started)
        outcome.cpuSeconds = seconds(usage.ru_utime) + seconds(usage.ru_stime)
        outcome.maxResidentKB = usage.ru_maxrss
        if status & 0x7F == 0 { outcome.exitStatus = (status >> 8) & 0xFF } else { outcome.signal = status & 0x7F }
        return outcome
    }

    private static func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }

    /// Reads both pipes to their ends; false when the deadline came first.
    private static func drain(out: Int32, err: Int32, into outcome: inout Outcome, until deadline: Date) -> Bool {
        var open = [out: true, err: true]
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while open.values.contains(true) {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return false }
            var fds = open.filter(\.value).map { pollfd(fd: $0.key, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000 + 1, 1000)))
            guard ready > 0 else { continue }
            for entry in fds where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if entry.fd == out { outcome.stdout += buffer[0..<count] } else { outcome.stderr += buffer[0..<count] }
                } else if count == 0 || errno != EINTR {
                    open[entry.fd] = false
                }
            }
        }
        return true
    }
}
