import Foundation
import Testing

@testable import VietnameseCorpus

struct CorpusLoaderTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-loader-\(UUID().uuidString)").path

    init() throws { try FileManager.default.createDirectory(atPath: folder + "/0001", withIntermediateDirectories: true) }

    @Test func readsJSONLinesPlainAndGzippedAsTitleNewlineText() throws {
        let lines = #"{"id":"a","title":"Hà Nội","text":"Mưa lớn.","source":"x"}"# + "\n"
            + #"{"id":"b","title":"Thuỷ điện","text":"","source":"x"}"# + "\n"
        try lines.write(toFile: folder + "/c.jsonl", atomically: true, encoding: .utf8)
        let expected = [Array("Hà Nội\nMưa lớn.".utf8), Array("Thuỷ điện\n".utf8)]
        #expect(try CorpusLoader.load(path: folder + "/c.jsonl") == expected)

        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", folder + "/c.jsonl"]
        try gzip.run()
        gzip.waitUntilExit()
        #expect(try CorpusLoader.load(path: folder + "/c.jsonl.gz") == expected)
    }

    @Test func readsTextFilesInPathOrder() throws {
        try "B\n\nhai".write(toFile: folder + "/0001/b.txt", atomically: true, encoding: .utf8)
        try "A\n\nmột".write(toFile: folder + "/0001/a.txt", atomically: true, encoding: .utf8)
        try "ignored".write(toFile: folder + "/0001/c.json", atomically: true, encoding: .utf8)
        #expect(try CorpusLoader.load(path: folder) == [Array("A\n\nmột".utf8), Array("B\n\nhai".utf8)])
    }

    @Test func errorsNameThePath() throws {
        #expect(throws: CorpusError.self) { try CorpusLoader.load(path: folder + "/missing.jsonl.gz") }
        try "{not json".write(toFile: folder + "/bad.jsonl", atomically: true, encoding: .utf8)
        do {
            _ = try CorpusLoader.load(path: folder + "/bad.jsonl")
            Issue.record("bad JSON was accepted")
        } catch {
            #expect(error.description.hasPrefix(folder + "/bad.jsonl, line 1:"))
        }
    }
}
