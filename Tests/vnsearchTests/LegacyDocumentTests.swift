import Foundation
import TestSupport
import Testing

/// Issue #6 end to end: legacy TCVN3, VNI, VISCII and Windows-1258 documents (`.rtf`, `.doc`,
/// `.docx`, text layers) are indexed and found by words of their Unicode transcripts: the
/// repository's fixtures always, the shared corpus's real documents when it is there.
@Suite(.serialized) struct LegacyDocumentTests {
    /// Four consecutive words from the middle of a transcript (else from its start), each of
    /// letters only: a query that finds the document only if its text was decoded.
    static func phrase(fromTranscript text: String) -> String? {
        let words = text.split(whereSeparator: \.isWhitespace).map {
            $0.trimmingCharacters(in: CharacterSet.punctuationCharacters)
        }
        let usable = words.map { word in word.count >= 2 && word.allSatisfy(\.isLetter) }
        let middle = words.count / 2
        for start in Array(middle..<words.count) + Array(0..<middle)
        where start + 4 <= words.count && usable[start..<start + 4].allSatisfy({ $0 }) {
            return words[start..<start + 4].joined(separator: " ")
        }
        return nil
    }

    /// Copies `files` (paths relative to `collection`, each with its transcript's) into the
    /// workspace's `legacy/`, indexes it, and checks that each one is found by a phrase of its
    /// transcript, as typed (and `withoutAccents` too); returns the index's encodings.
    static func indexAndFind(
        _ files: [(path: String, transcript: String)], of collection: LegacyCollection, in tool: CommandLineTool,
        withoutAccents: Bool, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String: Int] {
        for (file, _) in files {
            try tool.write("legacy/\(file)", Array(try Data(contentsOf: collection.root.appendingPathComponent(file))))
        }
        let output = try tool.run(["index", tool.path("legacy"), "--db", tool.database])
        #expect(output.status == 0, "\(output.stderr)", sourceLocation: sourceLocation)
        #expect(IndexCommandTests.counts(output.stdout)["added"] == files.count, "\(output.stdout)\(output.stderr)", sourceLocation: sourceLocation)

        for (file, transcriptPath) in files {
            let transcript = try String(contentsOf: collection.root.appendingPathComponent(transcriptPath), encoding: .utf8)
            let query = try #require(Self.phrase(fromTranscript: transcript), sourceLocation: sourceLocation)
            let plain = query.folding(options: .diacriticInsensitive, locale: nil).replacingOccurrences(of: "đ", with: "d")
                .replacingOccurrences(of: "Đ", with: "D")
            for typed in withoutAccents ? [query, plain] : [query] {
                let found = try tool.search(typed).paths
                #expect(found.contains("legacy/\(file)"), "\(file): \"\(typed)\" found \(found)", sourceLocation: sourceLocation)
            }
        }

        let stats = try tool.run(["stats", "--db", tool.database, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
        return object?["encodings"] as? [String: Int] ?? [:]
    }

    @Test func fixturesAreFoundByTheirTranscriptsWords() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        let collection = LegacyCollection.fixtures
        let files = collection.documents(withExtensions: ["rtf", "doc", "docx"]).map(\.files)
            + collection.textLayers.map { ($0.path, $0.transcriptPath) }
        #expect(files.count == 11)
        let encodings = try Self.indexAndFind(files, of: collection, in: tool, withoutAccents: true)
        #expect(
            encodings == [
                "rtf/tcvn3": 1, "doc/tcvn3": 1, "docx/tcvn3": 1, "rtf/vni": 1, "doc/vni": 1, "docx/vni": 1, "tcvn3": 1, "vni": 1,
                "tcvn3+vni": 1, "windows-1258": 1, "viscii": 1,
            ])
    }

    @Test(.sharedCorpus) func legacyDocumentsAreFoundByTheirTranscriptsWords() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        let originals = LegacyCollection.corpus.documents(withExtensions: ["rtf", "doc"])
        try #require(originals.count == 18, "\(SharedCorpus.missingMessage)")
        let encodings = try Self.indexAndFind(originals.map(\.files), of: LegacyCollection.corpus, in: tool, withoutAccents: false)
        #expect(encodings == ["rtf/tcvn3": 8, "doc/tcvn3": 6, "doc/vni": 4])
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

extension LegacyCollection.Document {
    /// The document's and its transcript's paths, relative to the collection.
    var files: (path: String, transcript: String) {
        (testDescription, "\(encoding)/\(url.deletingPathExtension().lastPathComponent).utf8.txt")
    }
}
