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

    /// A program that runs a command without root's power to ignore file permissions, when
    /// the tests run as root (as in CI containers), so that a file without read permission is
    /// unreadable there too: `setpriv` dropping every capability. Nil when not root, or when
    /// `setpriv` is missing (tests that need it say so).
    static let unprivileged: [String]? = {
        guard geteuid() == 0 else { return [] }
        let setpriv = "/usr/bin/setpriv"
        return FileManager.default.isExecutableFile(atPath: setpriv) ? [setpriv, "--bounding-set", "-all", "--inh-caps", "-all", "--"] : nil
    }()

    /// Starts the binary; the caller waits (or kills it). `tools`: a folder searched first for
    /// the programs it runs (`pdftotext`); `environment`: variables set besides the usual ones.
    /// `unprivileged`: through `Self.unprivileged`.
    func start(
        _ arguments: [String], tools: String? = nil, environment: [String: String] = [:], unprivileged: Bool = false, in directory: String? = nil
    ) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if unprivileged, let wrapper = Self.unprivileged, let first = wrapper.first {
            process.executableURL = URL(fileURLWithPath: first)
            process.arguments = Array(wrapper.dropFirst()) + [Self.binary.path] + arguments
        } else {
            process.executableURL = Self.binary
            process.arguments = arguments
        }
        process.environment = ["NO_COLOR": "1", "HOME": folder.path, "XDG_DATA_HOME": folder.path + "/.local/share", "PATH": (tools.map { $0 + ":" } ?? "") + "/usr/bin:/bin"]
            .merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    @discardableResult
    func run(_ arguments: [String], tools: String? = nil, unprivileged: Bool = false, in directory: String? = nil) throws -> Output {
        let (process, out, err) = try start(arguments, tools: tools, unprivileged: unprivileged, in: directory)
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

    /// Writes a file whose path (relative to the workspace) is raw bytes, not necessarily UTF-8;
    /// its folders are made as needed, each with the bytes given.
    func write(rawPath relative: [UInt8], _ bytes: [UInt8]) throws {
        let base = Array(folder.path.utf8)
        let parts = relative.split(separator: UInt8(ascii: "/"))
        var path = base
        for part in parts.dropLast() {
            path += [UInt8(ascii: "/")] + part
            _ = Self.cPath(path) { mkdir($0, 0o755) }
        }
        path += [UInt8(ascii: "/")] + (parts.last ?? [])
        let descriptor = Self.cPath(path) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(descriptor) }
        _ = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
    }

    static func cPath<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (path.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { body($0.baseAddress!) }
    }

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
