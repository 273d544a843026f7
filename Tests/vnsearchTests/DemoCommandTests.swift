import Foundation
import Testing

/// `vnsearch demo`, the README's first command, with the real binary over the bundled samples.
@Suite struct DemoCommandTests {
    @Test func demoIndexesTheSamplesAndEverySearchFindsSomething() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/documents").path
        let output = try tool.run(["demo", "--folder", samples])
        #expect(output.status == 0)
        #expect(!output.stdout.contains("no documents match"))
        // Formats and encodings decoded, diacritics folded, a question's accents restored.
        for expected in [
            "Xây dựng Đảng", "Quyết định số 15/1999", "Searched as: bác sĩ khuyên nên uống đủ nước vào mùa hè",
            "Giữ gìn sức khoẻ trong mùa hè",
        ] {
            #expect(output.stdout.contains(expected), "missing: \(expected)")
        }
    }
}
