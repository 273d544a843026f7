import Foundation

#if canImport(Glibc)
import Glibc
#endif

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
            case .timedOut: "pdftotext took too long"
            }
        }
    }

    /// Seconds a file may take; a damaged file can send pdftotext into a long loop.
    static let timeout: TimeInterval = 60

    /// `pdftotext` on PATH, looked up once.
    static let tool: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/pdftotext" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func extract(_ bytes: [UInt8], tool: String? = PDFText.tool, timeout: TimeInterval = PDFText.timeout)
        -> Result<String, Failure>
    {
        // The header may follow some junk, but must come early (as readers require).
        guard bytes.prefix(1024).firstRange(of: Array("%PDF-".utf8)) != nil else { return .failure(.notPDF) }
        guard let tool else { return .failure(.notInstalled) }
        // A file, not standard input: pdftotext seeks, and a pipe would need a writer thread.
        let input: URL
        do { input = try TemporaryCopy.write(bytes, suffix: ".pdf") } catch {
            return .failure(.failed("cannot write a temporary file: \(error.reason)"))
        }
        defer { TemporaryCopy.remove(input) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        // Reading order without -layout: columns come out whole, not interleaved line by line.
        process.arguments = ["-q", "-enc", "UTF-8", input.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return .failure(.failed("cannot start: \(error.localizedDescription)")) }
        guard let data = readAll(output.fileHandleForReading.fileDescriptor, until: Date() + timeout) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return .failure(.timedOut)
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return .failure(.failed("exit status \(process.terminationStatus)")) }
        // Pages end in form feeds.
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\u{0C}", with: "\n")
        return .success(text)
    }

    /// Reads to end of file, or nil at the deadline. (Not FileHandle's `readDataToEndOfFile`: it
    /// traps when a signal interrupts the read, and it cannot time out.)
    static func readAll(_ descriptor: Int32, until deadline: Date) -> [UInt8]? {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return nil }
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, Int32(min(remaining * 1000 + 1, 60_000)))
            if ready < 0 && errno != EINTR { return result }
            guard ready > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                result += buffer[0..<count]
            } else if count == 0 || errno != EINTR {
                return result
            }
        }
    }
}
