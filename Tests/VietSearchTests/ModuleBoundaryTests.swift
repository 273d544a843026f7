import Foundation
import Testing

/// The modules' dependencies point one way, and C stays behind the SQLite wrapper: a file of
/// VietSearch or vnsearch importing CSQLite would compile (SwiftPM exposes the module to every
/// target above it) and go unnoticed.
@Suite struct ModuleBoundaryTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// Every `.swift` file under `folder`, sub-folders included.
    static func swiftFiles(in folder: String) -> [URL] {
        let root = sources.appendingPathComponent(folder)
        guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return walk.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
    }

    /// The modules a file imports (`import X`, `@testable import X`, `internal import X.Y`, …).
    static func imports(of file: URL) throws -> Set<String> {
        var modules: Set<String> = []
        for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let position = words.firstIndex(of: "import"), position + 1 < words.count,
                words[..<position].allSatisfy({ $0.hasPrefix("@") || ["public", "package", "internal", "private", "fileprivate"].contains($0) })
            else { continue }
            modules.insert(String(words[position + 1].split(separator: ".")[0]))
        }
        return modules
    }

    @Test(arguments: ["VietSearch", "vnsearch"])
    func onlyTheSQLiteWrapperImportsC(module: String) throws {
        let files = Self.swiftFiles(in: module)
        #expect(!files.isEmpty, "no sources found under Sources/\(module)")
        // The folders that moved out of the wrapper are walked too.
        if module == "VietSearch" { #expect(files.contains { $0.path.contains("/Ranking/") } && files.contains { $0.path.contains("/Statistics/") }) }
        for file in files {
            #expect(!(try Self.imports(of: file)).contains("CSQLite"), "\(file.lastPathComponent) imports CSQLite")
        }
    }

}
