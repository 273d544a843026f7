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
            cpuModel: cpuModel(cpuinfo),
            system: field("PRETTY_NAME", in: osRelease, separator: "=")?.trimmingCharacters(in: ["\""]) ?? "unknown OS",
            sqliteVersion: SQLiteConnection.libraryVersion,
            revision: revision())
    }

    /// The 1/5/15-minute load averages: other work on the machine is the main source of noise.
    static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// "AMD EPYC (family 25, model 17, 2596 MHz)": the model name alone can be this vague on VMs.
    private static func cpuModel(_ cpuinfo: String) -> String {
        let name = field("model name", in: cpuinfo, separator: ":") ?? "unknown CPU"
        var details: [String] = []
        if let family = field("cpu family", in: cpuinfo, separator: ":") { details.append("family \(family)") }
        if let model = field("model\t", in: cpuinfo, separator: ":") { details.append("model \(model)") }
        if let megahertz = field("cpu MHz", in: cpuinfo, separator: ":").flatMap(Double.init) {
            details.append("\(Int(megahertz.rounded())) MHz")
        }
        return details.isEmpty ? name : "\(name) (\(details.joined(separator: ", ")))"
    }

    private static func field(_ name: String, in text: String, separator: Character) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            if let value = line.split(separator: separator, maxSplits: 1).last {
                return value.trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// The main package's commit, and whether the measured modules (analyzer, SQLite layer) differ
    /// from it: they may be edited between runs. Read-only git calls; "unknown" when git or the
    /// repository is missing.
    private static func revision() -> String {
        // This file is Benchmarks/Sources/analyzer-throughput/…; the repository is four levels up.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        guard let commit = git(["-C", repository, "rev-parse", "--short", "HEAD"]), !commit.isEmpty else { return "unknown" }
        let measured = ["Sources/VietnameseText", "Sources/VietSearchSQLite", "Sources/CSQLite"]
        let changes = git(["-C", repository, "--no-optional-locks", "status", "--porcelain", "--"] + measured) ?? ""
        return changes.isEmpty ? commit : commit + " + uncommitted changes in " + measured.joined(separator: ", ")
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
