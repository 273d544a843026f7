import Foundation
import Testing

@testable import VietSearch

/// A search's cost does not depend on the size of the documents it finds: snippets read at most
/// `SnippetBuilder.scanLimit` bytes of a stored text (a 30 MB document cost 0.7 s and 690 MB per
/// search when its whole text was loaded and analysed), and still say rightly whether a document
/// has every word.
@Suite struct LargeDocumentSearchTests {
    /// `Hòa Bình` at the start, `thủy điện` only past the part a snippet reads.
    static func largeBody(bytes: Int) -> String {
        let filler = "Văn bản dài về nông nghiệp, giáo dục và y tế của tỉnh. "
        let repeats = bytes / filler.utf8.count
        return "Hòa Bình mở đầu. " + String(repeating: filler, count: repeats) + "Nhà máy thủy điện ở cuối."
    }

    static func withIndex(_ documents: [(String, String)], _ body: (SearchIndex) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vietsearch-large-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("index.db").path
        let writable = try SearchIndex(path: path, mode: .readWrite)
        try writable.write { writer in
            for (name, text) in documents {
                try writer.upsert(
                    IndexedDocument(
                        path: "/docs/\(name)", title: name, body: text, size: Int64(text.utf8.count), modificationTime: 0,
                        hash: name, encoding: "utf-8", format: "txt"))
            }
            try writer.refreshTermStatistics()
        }
        try body(try SearchIndex(path: path, mode: .readOnly))
    }

    /// With the limit lowered to 4 KB (a debug build analyses slowly): documents of 40 and 160 KB.
    @Test(arguments: [40 << 10, 160 << 10])
    func snippetsReadABoundedWindow(size: Int) throws {
        // Other documents, so that the query's words are not in every document (a word in all of
        // them brings none: it does not route, see `QueryPlanner`).
        let others = (0..<8).map { ("other\($0).txt", "Bóng đá và thể thao, tin số \($0).") }
        let documents = [("large.txt", Self.largeBody(bytes: size)), ("small.txt", "Hòa Bình và thủy điện.")] + others
        try Self.withIndex(documents) { index in
            index.snippetScanLimit = 4 << 10
            let results = try index.search("hoa binh thuy dien")
            #expect(results.results.count == 2)
            #expect(index.bodyBytesRead <= index.snippetScanLimit + 100)
            let large = try #require(results.results.first { $0.path.hasSuffix("large.txt") })
            // The window read has "Hòa Bình"; the FTS5 index says the rest has "thủy điện".
            #expect(large.snippet.hasPrefix("[Hòa] [Bình] mở đầu."))
            #expect(large.snippet.hasSuffix("…"))
            #expect(large.matchesAllWords)
            #expect(results.results.allSatisfy { $0.matchesAllWords })

            let exact = try index.search("thủy điện hòa bình", options: SearchOptions(exact: true))
            #expect(exact.results.count == 2)
            #expect(exact.results.allSatisfy { $0.matchesAllWords })
            let prefix = try index.search("hoa binh thu*")
            #expect(prefix.results.first { $0.path.hasSuffix("large.txt") }?.matchesAllWords == true)
            let missing = try index.search("hoa binh lua", options: SearchOptions(restoreAccents: false))
            #expect(missing.results.first { $0.path.hasSuffix("large.txt") }?.matchesAllWords == false)
        }
    }

    /// A document read for a preview holds its first part, cut at a character boundary, and
    /// counts the whole text.
    @Test func documentsReadForAPreviewHoldTheirFirstPart() throws {
        let body = Self.largeBody(bytes: 3 << 20)
        try Self.withIndex([("large.txt", body)]) { index in
            let id = try #require(try index.search("hoa binh").results.first?.id)
            let whole = try #require(try index.document(id: id))
            #expect(whole.text == body && whole.textLength == body.unicodeScalars.count)
            // "Hòa": the limit falls inside "ò" (2 bytes) and then right after it.
            for (limit, expected) in [(2, "H"), (3, "Hò"), (1 << 20, nil)] {
                let part = try #require(try index.document(id: id, maxTextBytes: limit))
                #expect(part.textLength == body.unicodeScalars.count)
                #expect(part.text.utf8.count <= limit && body.hasPrefix(part.text))
                if let expected { #expect(part.text == expected) } else { #expect(part.text.utf8.count > limit - 4) }
            }
        }
    }

    /// The window ends between tokens (at a space or line break), else at a character boundary.
    @Test func windowEndsBetweenTokens() {
        let text = Array("một hai ba".utf8)
        #expect(SnippetBuilder.window(of: text, total: text.count, limit: 100) == text.count)
        #expect(SnippetBuilder.window(of: text, total: 1_000, limit: 8) == 5)  // "một" (5 bytes)
        #expect(SnippetBuilder.window(of: text, total: 1_000, limit: 9) == 9)  // "một hai": a space right at the limit
        let word = Array("đđđđ".utf8)  // no space; 2 bytes a letter
        #expect(SnippetBuilder.window(of: word, total: 1_000, limit: 5) == 4)
    }
}
