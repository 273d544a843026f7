import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What the standard streams are connected to, for colours and progress lines, and text made
/// safe to print on a terminal.
enum Terminal {
    static var standardOutputIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
    static var standardErrorIsTTY: Bool { isatty(STDERR_FILENO) == 1 }

    /// Colours only on a terminal, and never when NO_COLOR is set (no-color.org).
    static var useColor: Bool { standardOutputIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    /// A message on standard error, its control characters escaped. A failed write is ignored:
    /// there is nowhere left to report it (FileHandle's `write` trapped on a full disk).
    static func error(_ message: String) {
        writeError(escaped(message) + "\n")
    }

    /// A message of several lines on standard error, each line's control characters escaped.
    static func errorLines(_ message: String) {
        writeError(message.split(separator: "\n", omittingEmptySubsequences: false).map { escaped(String($0)) }.joined(separator: "\n") + "\n")
    }

    /// Rewrites the current line of standard error (progress).
    static func status(_ line: String) {
        writeError("\r\u{1B}[K" + escaped(line))
    }

    static func clearStatus() {
        writeError("\r\u{1B}[K")
    }

    private static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    static func bold(_ text: String) -> String { useColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    static func dim(_ text: String) -> String { useColor ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    static func highlight(_ text: String) -> String { useColor ? "\u{1B}[1;33m\(text)\u{1B}[0m" : text }

    /// `text` with every character that would act on a terminal instead of showing written as
    /// an escape: C0 controls (escape sequences clear the screen, set the title, write the
    /// clipboard; NUL, line breaks and tabs too, since each output line is one item), DEL, C1
    /// controls (a single-byte CSI), and the bidirectional overrides that reorder what is shown.
    /// Documents, titles and file names are anyone's text; JSON output escapes them its own way.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            guard isUnsafe(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16, uppercase: true)
            out += scalar.value <= 0xFF
                ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex : "\\u{" + hex + "}"
        }
        return out
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

extension Terminal {
    /// A line on standard output now, not when a pipe's buffer fills: a long-running command
    /// (`serve`, `watch`) reports as it goes.
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
