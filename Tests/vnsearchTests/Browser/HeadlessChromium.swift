import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Debian's `chromium`, headless, driven through the DevTools protocol: a real browser running
/// the page's real script against the real server, typing with real input events.
final class HeadlessChromium {
    /// The browser's path, or nil when it is not installed (the tests are then skipped).
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    private let process: Process
    private let profile: URL
    private let page: WebSocketConnection
    private var nextID = 0

    init() throws {
        guard let path = Self.path else { throw LoopbackHTTP.Failure(message: "chromium is not installed") }
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("vnsearch-chromium-\(UUID().uuidString)")
        process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-sync", "--disable-component-update", "--remote-debugging-port=0",
            "--user-data-dir=\(profile.path)", "--window-size=1280,900", "--lang=vi", "about:blank",
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID"
        var seen = ""
        var port: Int?
        let handle = errors.fileHandleForReading
        let deadline = Date().addingTimeInterval(60)
        while port == nil, Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
            if let range = seen.range(of: #"ws://127\.0\.0\.1:\d+/"#, options: .regularExpression) {
                port = Int(seen[range].dropFirst("ws://127.0.0.1:".count).dropLast())
            }
        }
        Thread.detachNewThread { while !handle.availableData.isEmpty {} }
        guard let port else {
            process.terminate()
            throw LoopbackHTTP.Failure(message: "chromium did not start: \(seen)")
        }
        let targets = try JSONSerialization.jsonObject(with: Data(LoopbackHTTP.get(port: port, "/json/list").body)) as? [[String: Any]]
        guard let url = targets?.first(where: { $0["type"] as? String == "page" })?["webSocketDebuggerUrl"] as? String else {
            throw LoopbackHTTP.Failure(message: "no page target in chromium")
        }
        page = try WebSocketConnection(url: url)
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: profile)
    }

    /// Sends a DevTools command and returns its `result` (events before it are skipped).
    @discardableResult
    func command(_ method: String, _ parameters: [String: Any] = [:]) throws -> [String: Any] {
        nextID += 1
        let id = nextID
        let message = try JSONSerialization.data(withJSONObject: ["id": id, "method": method, "params": parameters])
        try page.send(String(decoding: message, as: UTF8.self))
        while true {
            let reply = try JSONSerialization.jsonObject(with: Data(page.receive().utf8)) as? [String: Any] ?? [:]
            guard reply["id"] as? Int == id else { continue }
            if let error = reply["error"] { throw LoopbackHTTP.Failure(message: "\(method): \(error)") }
            return reply["result"] as? [String: Any] ?? [:]
        }
    }

    /// Opens `url` and waits for the page's load.
    func open(_ url: String) throws {
        try command("Page.navigate", ["url": url])
        _ = try waitFor("document.readyState === 'complete' && location.href.startsWith(\(Self.literal(url.components(separatedBy: "?")[0])))")
    }

    /// The value of a JavaScript expression in the page (promises awaited).
    @discardableResult
    func evaluate(_ expression: String) throws -> Any? {
        let result = try command(
            "Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] { throw LoopbackHTTP.Failure(message: "\(expression): \(exception)") }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Polls `condition` (a JavaScript expression) until it is true; throws after `timeout`.
    @discardableResult
    func waitFor(_ condition: String, timeout: Double = 15) throws -> Double {
        let waited = try waitUntil(timeout: timeout) { try evaluate("!!(\(condition))") as? Bool == true }
        guard let waited else { throw LoopbackHTTP.Failure(message: "timed out waiting for: \(condition)") }
        return waited
    }

    /// Types text into the focused element, as a keyboard would (input events).
    func type(_ text: String) throws {
        try command("Input.insertText", ["text": text])
    }

    /// Presses and releases a key ("ArrowDown", "Enter", "n", "/").
    func press(_ key: String) throws {
        let codes = ["ArrowDown": 40, "ArrowUp": 38, "Enter": 13, "Escape": 27, "PageDown": 34, "PageUp": 33]
        var parameters: [String: Any] = ["key": key, "windowsVirtualKeyCode": codes[key] ?? Int(key.uppercased().unicodeScalars.first!.value)]
        if key.count == 1 { parameters["text"] = key }
        try command("Input.dispatchKeyEvent", parameters.merging(["type": key.count == 1 ? "keyDown" : "rawKeyDown"]) { $1 })
        try command("Input.dispatchKeyEvent", parameters.merging(["type": "keyUp"]) { $1 })
    }

    func screenshot() throws -> Data {
        let result = try command("Page.captureScreenshot", ["format": "png"])
        return Data(base64Encoded: result["data"] as? String ?? "") ?? Data()
    }

    /// A JavaScript string literal.
    static func literal(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
    }
}
