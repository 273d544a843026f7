import Foundation

/// Runs the real `vnsearch` binary (built next to the test bundle) in a temporary workspace.
struct CommandLineTool {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vnsearch-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    var database: String { folder.appendingPathComponent("index.db").path }

    static var binary: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("vnsearch")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/vnsearch")
    }

    /// Starts the binary; the caller waits (or kills it). `tools`: a folder searched first for
    /// the programs it runs (`pdftotext`); `environment`: variables set besides the usual ones.
    func start(_ arguments: [String], tools: String? = nil, environment: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = ["NO_COLOR": "1", "HOME": folder.path, "PATH": (tools.map { $0 + ":" } ?? "") + "/usr/bin:/bin"]
            .merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    @discardableResult
    func run(_ arguments: [String], tools: String? = nil) throws -> Output {
        let (process, out, err) = try start(arguments, tools: tools)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    func write(_ relativePath: String, _ bytes: [UInt8]) throws {
        let url = folder.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func write(_ relativePath: String, _ text: String) throws { try write(relativePath, Array(text.utf8)) }

    func path(_ relativePath: String) -> String { folder.appendingPathComponent(relativePath).path }

    /// The paths (relative to the workspace) of the documents matching every word in a
    /// `search --json` answer (partial matches left out), and its total.
    func search(_ query: String, _ extra: [String] = []) throws -> (paths: [String], total: Int, output: Output) {
        let output = try run(["search", query, "--db", database, "--json", "--limit", "50"] + extra)
        guard output.status == 0,
            let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any],
            let results = object["results"] as? [[String: Any]], let total = object["total"] as? Int
        else { return ([], -1, output) }
        let prefix = folder.standardizedFileURL.path + "/"
        let paths = results.filter { $0["matches_all_words"] as? Bool == true }.compactMap { $0["path"] as? String }.map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }
        return (paths, total, output)
    }
}
