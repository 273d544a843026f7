import Foundation
import VietSearchSQLite

/// Where a run happened: CPU, core count, load, SQLite version and the source revision measured,
/// so every printed figure can be traced.
struct MachineDescription {
    var processors: Int
    var cpuModel: String
    var system: String
    var sqliteVersion: String
    var revision: String

    static func current() -> MachineDescription {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let osRelease = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)) ?? ""
        return MachineDescription(
            processors: ProcessInfo.processInfo.activeProcessorCount,
            cpuModel: field("model name", in: cpuinfo, separator: ":") ?? "unknown CPU",
            system: field("PRETTY_NAME", in: osRelease, separator: "=")?.trimmingCharacters(in: ["\""]) ?? "unknown OS",
            sqliteVersion: SQLiteConnection.libraryVersion,
            revision: revision())
    }

    /// The 1/5/15-minute load averages: other work on the machine is the main source of noise.
    static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    private static func field(_ name: String, in text: String, separator: Character) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            if let value = line.split(separator: separator, maxSplits: 1).last {
                return value.trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// The main package's commit, and whether its Sources/ differ from it (the analyzer may be
    /// edited between runs). Read-only git calls; "unknown" when git or the repository is missing.
    private static func revision() -> String {
        // This file is Benchmarks/Sources/analyzer-throughput/…; the repository is four levels up.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        guard let commit = git(["-C", repository, "rev-parse", "--short", "HEAD"]), !commit.isEmpty else { return "unknown" }
        let changes = git(["-C", repository, "--no-optional-locks", "status", "--porcelain", "--", "Sources"]) ?? ""
        return changes.isEmpty ? commit : commit + " + uncommitted changes in Sources/"
    }

    private static func git(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    var summary: String {
        "\(processors) CPUs, \(cpuModel); \(system); SQLite \(sqliteVersion); VietSearch \(revision)"
    }
}
