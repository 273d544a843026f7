import Foundation
import Testing

/// Rules about the analyzer's sources that the other tests cannot see.
@Suite struct SourceRulesTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/VietnameseText")

    /// Every Swift file under the analyzer's sources, sub-folders included, relative to them.
    static func swiftFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: sources.path)
        return (enumerator?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") }.sorted()
    }

    /// The analyzer is pure Swift: Foundation is only the tests' oracle.
    @Test func analyzerDoesNotImportFoundation() throws {
        let files = Self.swiftFiles()
        #expect(files.contains("Encodings/LegacyEncoding.swift"), "sub-folders walked: \(files)")
        for file in files {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            // `import Foundation`, `@_implementationOnly import FoundationEssentials`, …
            for line in text.split(separator: "\n") {
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "." })
                let importsFoundation = words.contains("import") && words.contains { $0.hasPrefix("Foundation") }
                #expect(!importsFoundation, "\(file): \(line)")
            }
        }
    }
}
