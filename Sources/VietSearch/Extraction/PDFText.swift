import Foundation

/// The text of a PDF, from poppler's `pdftotext` when it is installed: parsing PDF (fonts,
/// CMaps, compressed streams) is a project of its own, and poppler does it well.
enum PDFText {
    enum Failure: Error, Equatable {
        case notInstalled
        case notPDF
        case failed(String)
        case timedOut

        var reason: String {
            switch self {
            case .notInstalled: "pdftotext not installed (apt install poppler-utils)"
            case .notPDF: "not a PDF file"
            case .failed(let detail): "pdftotext failed (\(detail))"
            case .timedOut: "pdftotext took longer than \(Int(PDFText.timeout)) s"
            }
        }
    }

    static let timeout: TimeInterval = 60

    /// `pdftotext` on PATH, looked up once.
    static let tool: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/pdftotext" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func extract(_ bytes: [UInt8], tool: String? = PDFText.tool) -> Result<String, Failure> {
        // The header may follow some junk, but must come early (as readers require).
        guard bytes.prefix(1024).firstRange(of: Array("%PDF-".utf8)) != nil else { return .failure(.notPDF) }
        guard let tool else { return .failure(.notInstalled) }
        // A file, not standard input: pdftotext seeks, and a pipe would need a writer thread.
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("vnsearch-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: input) }
        do { try Data(bytes).write(to: input) } catch { return .failure(.failed("cannot write a temporary file")) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        // Reading order without -layout: columns come out whole, not interleaved line by line.
        process.arguments = ["-q", "-enc", "UTF-8", input.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return .failure(.failed("cannot start: \(error.localizedDescription)")) }
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        if process.terminationReason == .uncaughtSignal { return .failure(.timedOut) }
        guard process.terminationStatus == 0 else { return .failure(.failed("exit status \(process.terminationStatus)")) }
        // Pages end in form feeds.
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\u{0C}", with: "\n")
        return .success(text)
    }
}
