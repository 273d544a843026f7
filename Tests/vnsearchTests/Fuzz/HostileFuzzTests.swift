import TestSupport
import Foundation
import Testing

/// The fuzz run: hostile queries and hostile files through the real binary, each run checked
/// for what must always hold: no crash and no exit by a signal, no hang, valid JSON on success
/// and a one-line `Error:` message otherwise, no raw control character in text output.
///
/// `swift test` runs a small bounded version (the debug binary, a small index built here).
/// The full run, on a release binary and a real index (the command and its results:
/// docs/BENCHMARKS.md, "Fuzz run: hostile queries and files"):
///
///     swift build -c release
///     VNSEARCH_FUZZ_BINARY=$PWD/.build/release/vnsearch VNSEARCH_FUZZ_INDEX=/path/to/news.db \
///     VNSEARCH_FUZZ_QUERIES=2000 VNSEARCH_FUZZ_FILES=500 swift test --filter HostileFuzzTests
///
/// Also `VNSEARCH_FUZZ_SEED` (a run is repeated exactly by its seed). Times are reported, not
/// asserted (a shared machine is noisy); a run taking over `timeout` seconds fails as a hang.
@Suite(.serialized) struct HostileFuzzTests {
    struct Settings {
        var binary = CommandLineTool.binary.path
        var index: String?
        var queries = 80
        var files = 80
        /// Hostile queries run again on the index of hostile files (each as JSON and as text).
        var fileQueries = 16
        var seed: UInt64 = 20
        var timeout = 60.0

        static let current: Settings = {
            let environment = ProcessInfo.processInfo.environment
            var settings = Settings()
            if let binary = environment["VNSEARCH_FUZZ_BINARY"], !binary.isEmpty { settings.binary = binary }
            settings.index = environment["VNSEARCH_FUZZ_INDEX"].flatMap { $0.isEmpty ? nil : $0 }
            settings.queries = environment["VNSEARCH_FUZZ_QUERIES"].flatMap { Int($0) } ?? settings.queries
            settings.files = environment["VNSEARCH_FUZZ_FILES"].flatMap { Int($0) } ?? settings.files
            settings.seed = environment["VNSEARCH_FUZZ_SEED"].flatMap { UInt64($0) } ?? settings.seed
            return settings
        }()
    }

    static let settings = Settings.current

    static func environment(home: String) -> [String] {
        ["NO_COLOR=1", "PATH=/usr/bin:/bin", "HOME=\(home)", "XDG_DATA_HOME=\(home)/.local/share"]
    }

    /// What went wrong with one run, or nil. `json`: a success must print a JSON object.
    static func problem(_ outcome: ChildProcess.Outcome, json: Bool) -> String? {
        if outcome.timedOut { return "no answer in \(settings.timeout) s" }
        if let signal = outcome.signal { return "ended by signal \(signal): \(outcome.stderrText.prefix(300))" }
        guard let status = outcome.exitStatus else { return "did not start: \(outcome.stderrText)" }
        switch status {
        case 0:
            guard json else { return nil }
            guard (try? JSONSerialization.jsonObject(with: Data(outcome.stdout))) is [String: Any] else {
                return "exit 0 without a JSON object: \(outcome.stdoutText.prefix(200))"
            }
        case 1, 64:
            // A refusal: one message, nothing on standard output (64: ArgumentParser's usage errors).
            guard outcome.stdout.isEmpty, outcome.stderrText.hasPrefix("Error: ") else {
                return "exit \(status) without a clear message: \(outcome.stderrText.prefix(200))"
            }
            if status == 1 && outcome.stderrText.dropLast().contains("\n") { return "a message of several lines: \(outcome.stderrText.prefix(300))" }
            if outcome.stderrText.contains("fts5") || outcome.stderrText.contains("SQLite error") {
                return "an internal error: \(outcome.stderrText.prefix(200))"
            }
        default:
            return "exit \(status): \(outcome.stderrText.prefix(200))"
        }
        return nil
    }

    /// Whether the arguments hold a bare `-h`, `-help` or `--help` (a query typed without `--`
    /// before it): then the answer is the command's help, not JSON, as a person typing it expects.
    static func asksForHelp(_ arguments: [String]) -> Bool {
        let options = arguments.prefix { $0 != "--" }
        return options.contains { ["-h", "-help", "--help"].contains($0) }
    }

    /// A raw control character (other than a line break) in what a terminal would show.
    static func hasRawControls(_ bytes: [UInt8]) -> Bool {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.contains {
            ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
        }
    }

    @Test func hostileQueries() throws {
        let settings = Self.settings
        try withFuzzFolder { folder in
            let database = try settings.index ?? Self.smallIndex(in: folder)
            var generator = HostileQueries(random: SeededRandom(seed: settings.seed))
            var report = FuzzReport(name: "queries")
            for _ in 0..<settings.queries {
                let arguments = generator.next()
                let command = [settings.binary, "search", "--db", database] + arguments
                let outcome = ChildProcess.run(command, environment: Self.environment(home: folder), timeout: settings.timeout)
                report.add(outcome, label: arguments.last ?? "", problem: Self.problem(outcome, json: !Self.asksForHelp(arguments)))
                // The same query as text: nothing raw reaches a terminal.
                if report.runs % 10 == 0 {
                    let text = ChildProcess.run(command.filter { $0 != "--json" }, environment: Self.environment(home: folder), timeout: settings.timeout)
                    let raw = Self.hasRawControls(text.stdout) || Self.hasRawControls(text.stderr)
                    report.add(text, label: "text: " + (arguments.last ?? ""), problem: Self.problem(text, json: false) ?? (raw ? "raw control characters" : nil))
                }
            }
            print(report.summary)
            #expect(report.failures.isEmpty, "\(report.failures.prefix(5))")
        }
    }

    @Test func hostileFiles() throws {
        let settings = Self.settings
        try withFuzzFolder { folder in
            let documents = folder + "/documents"
            var files = HostileFiles(seed: settings.seed, root: documents)
            files.make(count: settings.files)
            defer { HostileFiles.unlock(documents) }
            let database = folder + "/files.db"
            let environment = Self.environment(home: folder)
            // Unprivileged where the tests run as root, so that unreadable files are unreadable.
            let wrapper = CommandLineTool.unprivileged ?? []
            var report = FuzzReport(name: "files (\(files.made) entries)")
            let swapper = Thread { [files] in
                Thread.sleep(forTimeInterval: 0.05)
                files.swapInFIFOs()
            }
            swapper.start()
            for extra in [["--verbose"], [], ["--follow-links", "--verbose"]] {
                let outcome = ChildProcess.run(
                    wrapper + [settings.binary, "index", documents, "--db", database] + extra, environment: environment,
                    timeout: settings.timeout * 10)
                let raw = Self.hasRawControls(outcome.stdout) || Self.hasRawControls(outcome.stderr)
                let failed = Self.problem(outcome, json: false) ?? (outcome.exitStatus == 0 ? nil : "exit \(outcome.exitStatus ?? -1)")
                report.add(outcome, label: "index \(extra.joined(separator: " "))", problem: failed ?? (raw ? "raw control characters" : nil))
                if extra == ["--verbose"] { print(outcome.stdoutText) }
            }
            let stats = ChildProcess.run([settings.binary, "stats", "--db", database, "--json"], environment: environment, timeout: settings.timeout)
            report.add(stats, label: "stats", problem: Self.problem(stats, json: true))
            var queries = HostileQueries(random: SeededRandom(seed: settings.seed &+ 1))
            for number in 0..<settings.fileQueries {
                let arguments = number < 4 ? ["--json", "--", ["van ban", "nông thôn", "xin chao", "pwned"][number]] : queries.next()
                for json in [true, false] {
                    let command = [settings.binary, "search", "--db", database] + (json ? arguments : arguments.filter { $0 != "--json" })
                    let outcome = ChildProcess.run(command, environment: environment, timeout: settings.timeout)
                    let raw = !json && (Self.hasRawControls(outcome.stdout) || Self.hasRawControls(outcome.stderr))
                    report.add(outcome, label: arguments.last ?? "", problem: Self.problem(outcome, json: json) ?? (raw ? "raw control characters" : nil))
                }
            }
            print(report.summary)
            #expect(report.failures.isEmpty, "\(report.failures.prefix(5))")
        }
    }

    /// A small index of ordinary documents for the queries, when no index is given.
    static func smallIndex(in folder: String) throws -> String {
        var random = SeededRandom(seed: 7)
        let documents = folder + "/ordinary"
        try FileManager.default.createDirectory(atPath: documents, withIntermediateDirectories: true)
        for number in 0..<60 {
            let words = (0..<random.int(20...400)).map { _ in random.pick(HostileQueries.common) }.joined(separator: " ")
            try Data("Tin số \(number)\n\n\(words).".utf8).write(to: URL(fileURLWithPath: "\(documents)/\(number).txt"))
        }
        let database = folder + "/queries.db"
        let outcome = ChildProcess.run(
            [settings.binary, "index", documents, "--db", database, "--quiet"], environment: environment(home: folder), timeout: 120)
        try #require(outcome.exitStatus == 0, "\(outcome.stderrText)")
        return database
    }

    func withFuzzFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vnsearch-fuzz-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer {
            HostileFiles.unlock(folder)
            try? FileManager.default.removeItem(atPath: folder)
        }
        try body(folder)
    }
}

/// Counts and times of a fuzz run, and its failures.
struct FuzzReport {
    let name: String
    var runs = 0
    var statuses: [String: Int] = [:]
    var failures: [String] = []
    var walls: [Double] = []
    var cpus: [Double] = []
    var maxResidentKB = 0
    var slowest: [(seconds: Double, cpu: Double, label: String)] = []

    mutating func add(_ outcome: ChildProcess.Outcome, label: String, problem: String?) {
        runs += 1
        let status = outcome.signal.map { "signal \($0)" } ?? outcome.exitStatus.map { "exit \($0)" } ?? "timed out"
        statuses[status, default: 0] += 1
        walls.append(outcome.wallSeconds)
        cpus.append(outcome.cpuSeconds)
        maxResidentKB = max(maxResidentKB, outcome.maxResidentKB)
        slowest.append((outcome.wallSeconds, outcome.cpuSeconds, String(label.prefix(80))))
        slowest = Array(slowest.sorted { $0.seconds > $1.seconds }.prefix(5))
        if let problem { failures.append("\(problem) [\(label.prefix(120))]") }
    }

    var summary: String {
        func percentile(_ values: [Double], _ share: Double) -> Double {
            let sorted = values.sorted()
            return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * share))]
        }
        let over = walls.filter { $0 > 1 }.count
        let cpuOver = cpus.filter { $0 > 1 }.count
        return """
            fuzz \(name): \(runs) runs, \(failures.count) failures; \(statuses.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
              wall s: median \(String(format: "%.3f", percentile(walls, 0.5))), p99 \(String(format: "%.3f", percentile(walls, 0.99))), max \(String(format: "%.3f", walls.max() ?? 0)); over 1 s: \(over)
              cpu s: median \(String(format: "%.3f", percentile(cpus, 0.5))), p99 \(String(format: "%.3f", percentile(cpus, 0.99))), max \(String(format: "%.3f", cpus.max() ?? 0)); over 1 s: \(cpuOver); peak RSS \(maxResidentKB / 1024) MB
              slowest: \(slowest.map { "\(String(format: "%.2f", $0.seconds)) s (cpu \(String(format: "%.2f", $0.cpu))) \($0.label.debugDescription)" }.joined(separator: "; "))
            """
    }
}
