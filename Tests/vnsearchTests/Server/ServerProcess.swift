import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `vnsearch serve --port 0 …` (the real binary) on loopback, for as long as a test needs it:
/// the port is read from the line the server prints once it listens. Its output is read all
/// along (a full pipe would stop it) and kept for the test.
final class ServerProcess: @unchecked Sendable {
    let process: Process
    private(set) var port = 0
    private let lock = NSLock()
    private var stdout = ""
    private var stderr = ""

    init(tool: CommandLineTool, _ arguments: [String], environment: [String: String] = [:]) throws {
        let (process, output, errors) = try tool.start(["serve", "--port", "0"] + arguments, environment: environment)
        self.process = process
        read(output) { text in self.stdout += text }
        read(errors) { text in self.stderr += text }
        let started = waitUntil(timeout: 60) {
            let text = lock.withLock { stdout }
            guard let range = text.range(of: #"at http://[^ ]+:\d+/"#, options: .regularExpression) else { return !process.isRunning }
            port = Int(text[range].dropLast().split(separator: ":").last!) ?? 0
            return true
        }
        guard started != nil, port > 0 else {
            stop()
            throw LoopbackHTTP.Failure(message: "the server did not start: \(standardOutput) \(standardError)")
        }
    }

    private func read(_ pipe: Pipe, append: @escaping @Sendable (String) -> Void) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [lock] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { return }
                lock.withLock { append(String(decoding: chunk, as: UTF8.self)) }
            }
        }
    }

    var standardOutput: String { lock.withLock { stdout } }
    var standardError: String { lock.withLock { stderr } }

    func get(_ target: String, token: String? = nil) throws -> LoopbackHTTP.Response {
        try LoopbackHTTP.get(port: port, target, token: token)
    }

    /// SIGTERM, and the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// Polls `condition` every 50 ms until it holds or `timeout` passes; the seconds it took, or nil.
func waitUntil(timeout: Double, _ condition: () throws -> Bool) rethrows -> Double? {
    let start = Date()
    while Date().timeIntervalSince(start) < timeout {
        if try condition() { return Date().timeIntervalSince(start) }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return nil
}
