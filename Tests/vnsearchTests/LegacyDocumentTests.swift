import Foundation
import Testing

/// Issue #6 end to end: the real TCVN3 and VNI `.rtf` and `.doc` files of the shared corpus
/// (`../shared/corpus/legacy`, read by path, never copied into the repository) are indexed
/// and found by words of their Unicode transcripts. Needs the real legacy decoders behind
/// `LegacyEncoding`; with the stub the searches find nothing.
@Suite(.serialized) struct LegacyDocumentTests {
    static var corpus: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/legacy")
    }

    /// (folder, file name) of every original document.
    static var originals: [(folder: String, name: String)] {
        ["tcvn3", "vni"].flatMap { folder in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent(folder).path)) ?? []
            return names.filter { $0.hasSuffix(".rtf") || $0.hasSuffix(".doc") }.sorted().map { (folder, $0) }
        }
    }

    /// Four consecutive words from the middle of a transcript, each of letters only: a query
    /// that finds the document only if its text was decoded.
    static func phrase(fromTranscript text: String) -> String? {
        let words = text.split(whereSeparator: \.isWhitespace).map {
            $0.trimmingCharacters(in: CharacterSet.punctuationCharacters)
        }
        let usable = words.map { word in word.count >= 2 && word.allSatisfy(\.isLetter) }
        var start = words.count / 2
        while start + 4 <= words.count {
            if usable[start..<start + 4].allSatisfy({ $0 }) { return words[start..<start + 4].joined(separator: " ") }
            start += 1
        }
        return nil
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: corpus.path)))
    func legacyDocumentsAreFoundByTheirTranscriptsWords() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        for original in Self.originals {
            let bytes = try Data(contentsOf: Self.corpus.appendingPathComponent("\(original.folder)/\(original.name)"))
            try tool.write("legacy/\(original.folder)/\(original.name)", Array(bytes))
        }
        #expect(Self.originals.count == 18)

        let output = try tool.run(["index", tool.path("legacy"), "--db", tool.database])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(IndexCommandTests.counts(output.stdout)["added"] == Self.originals.count, "\(output.stdout)\(output.stderr)")

        for original in Self.originals {
            let stem = (original.name as NSString).deletingPathExtension
            let transcript = try String(
                contentsOf: Self.corpus.appendingPathComponent("\(original.folder)/\(stem).utf8.txt"), encoding: .utf8)
            let query = try #require(Self.phrase(fromTranscript: transcript))
            let found = try tool.search(query).paths
            #expect(found.contains("legacy/\(original.folder)/\(original.name)"), "\(original.name): \"\(query)\" found \(found)")
        }

        let stats = try tool.run(["stats", "--db", tool.database, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
        let encodings = object?["encodings"] as? [String: Int] ?? [:]
        #expect(encodings == ["rtf/tcvn3": 8, "doc/tcvn3": 6, "doc/vni": 4], "\(stats.stdout)")
    }

    @Test func documentFormatsAreIndexed() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        try tool.write("docs/unicode.rtf", "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\f0 Ph\\u242?ng ch\\u7889?ng d\\u7883?ch b\\u7879?nh\\par}")
        try tool.write("docs/broken.doc", "{\\rtf1 x")  // an RTF under a .doc name is read as RTF
        try tool.write("docs/junk.docx", "not a zip at all")
        try tool.write("docs/junk.pdf", "%PDF-1.4 nothing")
        let output = try tool.run(["index", tool.path("docs"), "--db", tool.database])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("junk.docx: docx: not a ZIP archive"), "\(output.stderr)")
        #expect(output.stderr.contains("junk.pdf: pdf:"), "\(output.stderr)")
        #expect(try tool.search("phong chong dich benh").paths == ["docs/unicode.rtf"])
        #expect(try tool.search("x").paths == ["docs/broken.doc"])
    }
}
