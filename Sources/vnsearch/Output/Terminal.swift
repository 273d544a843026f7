import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What the standard streams are connected to, for colours and progress lines.
enum Terminal {
    static var standardOutputIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
    static var standardErrorIsTTY: Bool { isatty(STDERR_FILENO) == 1 }

    /// Colours only on a terminal, and never when NO_COLOR is set (no-color.org).
    static var useColor: Bool { standardOutputIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Rewrites the current line of standard error (progress).
    static func status(_ line: String) {
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    static func clearStatus() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    static func bold(_ text: String) -> String { useColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    static func dim(_ text: String) -> String { useColor ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    static func highlight(_ text: String) -> String { useColor ? "\u{1B}[1;33m\(text)\u{1B}[0m" : text }
}

extension Terminal {
    /// A line on standard output now, not when a pipe's buffer fills: a long-running command
    /// (`serve`, `watch`) reports as it goes.
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
