import Foundation
import PropertyBased
import Testing
import VietSearch

/// Search over a real index file in a temporary folder.
@Suite struct SearchIndexTests {
    static let documents: [(String, String, String)] = [
        ("dang.txt", "Xây dựng Đảng", "Hội nghị bàn về công tác xây dựng Đảng trong sạch, vững mạnh."),
        ("dang-nfd.txt", "Tin ngắn", "Đa\u{309}ng viên trẻ đang học tập nghị quyết."),
        ("dang-dong.txt", "Đang diễn ra", "Cuộc họp đang diễn ra, các đại biểu đang thảo luận."),
        ("dang-gia.txt", "Đáng quý", "Tinh thần ấy thật đáng quý và đáng trân trọng."),
        ("hoa-binh.txt", "Hòa bình", "Thủ đô Hòa Bình, hòa bình cho mọi người."),
        ("hoa-binh-new.txt", "Hoà bình mới", "Nhà máy thuỷ điện Hoà Bình trên sông Đà."),
        ("hoa.txt", "Hoa đẹp", "Hoa mai nở rộ, hóa ra mùa xuân đã về."),
        ("ky-thuat.txt", "Kĩ thuật", "Kĩ thuật trồng lúa mới giúp nông dân Mỹ Tho."),
        ("ma-so.txt", "Nghị quyết", "Theo Nghị quyết 37-NQ/TW ngày 31/8/2016, tỷ lệ đạt 85,94%."),
        ("bong-da.txt", "Bóng đá", "Đội tuyển bóng đá thắng trận giao hữu."),
    ]

    /// A fresh index of `documents`; `statistics: false` leaves out the term statistics, so
    /// queries take the unplanned path (prefix queries) that an index without them uses.
    static func withIndex(statistics: Bool = true, _ body: (SearchIndex) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vietsearch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let index = try SearchIndex(path: folder.appendingPathComponent("index.db").path, mode: .readWrite)
        try index.write { writer in
            for (name, title, body) in documents {
                try writer.upsert(
                    IndexedDocument(
                        path: "/docs/\(name)", title: title, body: body, size: Int64(body.utf8.count), modificationTime: 0,
                        hash: name, encoding: "utf-8", format: "txt"))
            }
            if statistics { try writer.refreshTermStatistics() }
        }
        try body(index)
    }

    static func paths(_ results: SearchResults) -> [String] {
        results.results.map { String($0.path.dropFirst("/docs/".count).dropLast(4)) }
    }

    @Test func unaccentedQueryFindsEveryVariant() throws {
        try Self.withIndex { (index: SearchIndex) throws in
            let results = try index.search("dang")
            #expect(Set(Self.paths(results)) == ["dang", "dang-nfd", "dang-dong", "dang-gia"])
            #expect(results.total == 4)
        }
    }

    @Test func accentedQueryRanksExactAccentFirst() throws {
        try Self.withIndex { (index: SearchIndex) throws in
            let results = try index.search("đảng")
            #expect(Set(Self.paths(results).prefix(2)) == ["dang", "dang-nfd"])
            #expect(results.total == 4)
            #expect(try Self.paths(index.search("đang")).first == "dang-dong")
        }
    }

    @Test func exactReturnsOnlyTheAccentForm() throws {
        try Self.withIndex { (index: SearchIndex) throws in
            #expect(try Set(Self.paths(index.search("đảng", options: SearchOptions(exact: true)))) == ["dang", "dang-nfd"])
            // Tone placement and i/y spelling do not matter, even in exact mode.
            #expect(try Set(Self.paths(index.search("hoà bình", options: SearchOptions(exact: true)))) == ["hoa-binh", "hoa-binh-new"])
            #expect(try Self.paths(index.search("kỹ thuật", options: SearchOptions(exact: true))) == ["ky-thuat"])
            #expect(try Self.paths(index.search("hoa", options: SearchOptions(exact: true))) == ["hoa"])
        }
    }

    @Test func queryLanguage() throws {
        try Self.withIndex { (index: SearchIndex) throws in
            #expect(try Self.paths(index.search("\"xay dung dang\"")) == ["dang"])
            #expect(try Self.paths(index.search("\"dung dang xay\"")).isEmpty)
            #expect(try Self.paths(index.search("thuy*")) == ["hoa-binh-new"])
            #expect(try Set(Self.paths(index.search("dang -dien"))) == ["dang", "dang-nfd", "dang-gia"])
            #expect(try Set(Self.paths(index.search("bong OR mai"))) == ["bong-da", "hoa"])
            #expect(try Self.paths(index.search("\"31/8/2016\"")) == ["ma-so"])
            #expect(try Self.paths(index.search("37-NQ/TW")) == ["ma-so"])
            #expect(try Self.paths(index.search("85,94%")) == ["ma-so"])
        }
    }

    @Test(arguments: [true, false])
    func samePrecisionWithAndWithoutStatistics(statistics: Bool) throws {
        try Self.withIndex(statistics: statistics) { (index: SearchIndex) throws in
            #expect(try Set(Self.paths(index.search("dang"))) == ["dang", "dang-nfd", "dang-dong", "dang-gia"])
            #expect(try Set(Self.paths(index.search("đảng")).prefix(2)) == ["dang", "dang-nfd"])
            #expect(try Set(Self.paths(index.search("hoà bình", options: SearchOptions(exact: true)))) == ["hoa-binh", "hoa-binh-new"])
            #expect(try Self.paths(index.search("\"31/8/2016\"")) == ["ma-so"])
            #expect(try Set(Self.paths(index.search("dang -dien"))) == ["dang", "dang-nfd", "dang-gia"])
        }
    }

    @Test func staleStatisticsNeverHideANewAccentForm() throws {
        try Self.withIndex { (index: SearchIndex) throws in
            // A run that added a document but stopped before rebuilding the statistics.
            try index.write { writer in
                try writer.markStatisticsStale()
                try writer.upsert(
                    IndexedDocument(
                        path: "/docs/dang-new.txt", title: "Mới", body: "Đẳng cấp mới.", size: 1, modificationTime: 0,
                        hash: "x", encoding: "utf-8", format: "txt"))
            }
            #expect(try Self.paths(index.search("dang")).contains("dang-new"))
            try index.write { writer in try writer.refreshTermStatistics() }
            #expect(try Self.paths(index.search("dang")).contains("dang-new"))
        }
    }

    @Test func snippetsShowTheOriginalText() throws {
        try Self.withIndex { (index: SearchIndex) throws in
            let result = try #require(try index.search("xay dung dang").results.first)
            #expect(result.snippet.contains("[xây] [dựng] [Đảng]"))
            #expect(result.title == "Xây dựng Đảng")
            #expect(result.score > 0)
        }
    }

    @Test func allWordsFirstThenPartialMatches() throws {
        try Self.withIndex { (index: SearchIndex) throws in
            let results = try index.search("nông dân trồng lúa bóng đá")
            #expect(results.total > 0)
            #expect(results.results.first.map { Self.paths(SearchResults(query: "", total: 0, results: [$0])) } == ["ky-thuat"])
            #expect(results.results.contains { !$0.matchesAllWords })
        }
    }

    @Test(arguments: [
        "", "   ", "\"", "\"\"", "AND", "OR", "NOT", "a AND", "NEAR(a b)", "*", "**", "-", "-\"", "col:x", "body:dang", "^dang",
        "a\\b", "(", ")", "((a)", "{x}", "dang*  *", "\u{2}", "\u{0}", "'; DROP TABLE documents; --", "😀", "a OR OR b",
        "-a -b", "\"unclosed", "NEAR", "+", "a + b", "đảng\"*",
    ])
    func hostileQueriesNeverFail(query: String) throws {
        try Self.withIndex { (index: SearchIndex) throws in
            _ = try index.search(query)
            _ = try index.search(query, options: SearchOptions(exact: true))
        }
    }

    @Test func randomQueriesNeverFail() async throws {
        let pieces = ["a", "đảng", "\"", "*", "-", "OR", "AND", "NOT", "NEAR", "(", ")", ":", "^", "+", " ", "\\", "'", "\u{2}", "dang", "x"]
        let queries = Gen<String?>.element(of: pieces).compactMap { $0 }.array(of: 0...12).map { $0.joined() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vietsearch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let index = try SearchIndex(path: folder.appendingPathComponent("index.db").path, mode: .readWrite)
        // Every query is searched, or refused for a limit (`a*`: a one-letter prefix), never an error.
        func searchedOrRefused(_ query: String, _ options: SearchOptions) -> Bool {
            do {
                _ = try index.search(query, options: options)
                return true
            } catch {
                if case .queryRejected = error { return true }
                return false
            }
        }
        await propertyCheck(count: 400, input: queries) { query in
            #expect(searchedOrRefused(query, SearchOptions()), "query: \(query)")
            #expect(searchedOrRefused(query, SearchOptions(exact: true)), "query: \(query)")
        }
    }

    @Test func refusesForeignFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vietsearch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = folder.appendingPathComponent("notes.txt")
        try Data("không phải cơ sở dữ liệu".utf8).write(to: text)
        #expect(throws: VietSearchError.notAnIndex(path: text.path)) { try SearchIndex(path: text.path, mode: .readOnly) }
        let missing = folder.appendingPathComponent("missing.db").path
        #expect(throws: VietSearchError.indexNotFound(path: missing)) { try SearchIndex(path: missing, mode: .readOnly) }
    }
}
