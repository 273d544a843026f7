import Foundation
import Testing
import VietSearch
import VietSearchSQLite

/// What `vietsearch_rank` and the query planner promise, each on a small index built for it.
@Suite struct RankingTests {
    /// A fresh index of `documents` (name, body), term statistics computed.
    static func withIndex(_ documents: [(String, String)], _ body: (SearchIndex) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vietsearch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let index = try SearchIndex(path: folder.appendingPathComponent("index.db").path, mode: .readWrite)
        try index.write { writer in
            for (name, text) in documents {
                try writer.upsert(
                    IndexedDocument(
                        path: "/docs/\(name)", title: "Tin", body: text, size: Int64(text.utf8.count), modificationTime: 0,
                        hash: name, encoding: "utf-8", format: "txt"))
            }
            try writer.refreshTermStatistics()
        }
        try body(index)
    }

    static func names(_ results: SearchResults) -> [String] { results.results.map { String($0.path.dropFirst("/docs/".count)) } }

    /// Filler that makes "đang", "dựng" and "có" common (in more than half of the documents).
    static let filler = (0..<12).map { ("filler-\($0)", "Mọi người đang có mặt, ai cũng đứng dựng cờ lúc \($0) giờ.") }

    /// Scores use row lengths held in memory: after a write by the index itself or by another
    /// connection, they must equal those of an index opened afresh.
    @Test func scoresFollowRowLengthsAfterWrites() throws {
        let documents = [("short", "Thủy điện Hòa Bình trên sông Đà."), ("other", "Nhà máy thủy điện Hòa Bình trên sông Đà.")] + Self.filler
        try Self.withIndex(documents) { (index: SearchIndex) throws in
            func scores(_ index: SearchIndex) throws -> [String: Double] {
                Dictionary(uniqueKeysWithValues: try index.search("thủy điện hòa bình sông đà").results.map { ($0.path, $0.score) })
            }
            func lengthen(_ index: SearchIndex, _ name: String) throws {
                let body = "Thủy điện Hòa Bình trên sông Đà. " + String(repeating: "Mọi người đang có mặt. ", count: 40)
                try index.write { writer in
                    try writer.upsert(
                        IndexedDocument(
                            path: "/docs/\(name)", title: "Tin", body: body, size: Int64(body.utf8.count), modificationTime: 1,
                            hash: name + "-long", encoding: "utf-8", format: "txt"))
                }
            }
            let before = try scores(index)
            try lengthen(index, "short")
            let afterOwnWrite = try scores(index)
            #expect(afterOwnWrite["/docs/short"]! < before["/docs/short"]!)
            #expect(afterOwnWrite == (try scores(try SearchIndex(path: index.path, mode: .readOnly))))
            // Another connection lengthens the other document.
            try lengthen(try SearchIndex(path: index.path, mode: .readWrite), "other")
            let afterOtherWrite = try scores(index)
            #expect(afterOtherWrite["/docs/other"]! < afterOwnWrite["/docs/other"]!)
            #expect(afterOtherWrite == (try scores(try SearchIndex(path: index.path, mode: .readOnly))))
        }
    }

    @Test func adjacentWordsRankAboveScatteredOnes() throws {
        let documents = [
            ("scattered", "Xây nhà mới. Đảng viên họp. Cây dựng đứng."),
            ("together", "Bài viết về xây dựng Đảng ở cơ sở."),
        ] + Self.filler
        try Self.withIndex(documents) { (index: SearchIndex) throws in
            #expect(Self.names(try index.search("xay dung dang")).first == "together")
            #expect(Self.names(try index.search("xây dựng Đảng")).first == "together")
        }
    }

    @Test func commonWordsScoreButAreNotRequired() throws {
        let documents = [("only-rare", "Hội nghị xây trường học."), ("both", "Hội nghị xây dựng trường học.")] + Self.filler
        try Self.withIndex(documents) { (index: SearchIndex) throws in
            let results = try index.search("xây dựng trường")
            #expect(Self.names(results).prefix(2) == ["both", "only-rare"])
            // "dựng" is in most documents: not required, so both count as having every word.
            #expect(results.results.prefix(2).map(\.matchesAllWords) == [true, true])
        }
    }

    @Test func unaccentedWordInAnAccentedQueryMeansTheUnaccentedForm() throws {
        // Typed with accents elsewhere, "nho" is meant as typed (grapes), not "nhỏ" (small).
        let documents = [
            ("small", "Vỏ cây nhỏ và mỏng, chất lượng gỗ tốt."),
            ("grape", "Vỏ nho có nhiều chất chống oxy hóa."),
            ("small-2", "Một vỏ hộp nhỏ chứa chất bảo quản."),
        ] + Self.filler
        try Self.withIndex(documents) { (index: SearchIndex) throws in
            #expect(Self.names(try index.search("chất trong vỏ nho")).first == "grape")
            // Without accents anywhere, "nho" stands for every form: both kinds are found.
            #expect(Set(Self.names(try index.search("chat trong vo nho"))).isSuperset(of: ["grape", "small", "small-2"]))
        }
    }

    @Test func typedFormOutranksOtherFormsInQuestions() throws {
        // A question (more than four words): ranked by score alone, no all-words tier.
        let documents = [
            ("dang-form", "Báo cáo về công tác Đảng tại địa phương trong năm qua."),
            ("dang-other", "Báo cáo về công tác đang tại địa phương trong năm qua."),
        ] + Self.filler
        try Self.withIndex(documents) { (index: SearchIndex) throws in
            let results = try index.search("báo cáo công tác Đảng địa phương thế nào")
            #expect(Self.names(results).prefix(2) == ["dang-form", "dang-other"])
            #expect(results.results[0].score > results.results[1].score)
        }
    }

    @Test func keywordQueriesPutDocumentsWithEveryWordFirst() throws {
        // The long document has "thuỷ" many times but not "điện": it must follow the one with both.
        let documents = [
            ("many-one-word", String(repeating: "Thuỷ triều lên cao, thuỷ thủ ra khơi. ", count: 20)),
            ("both-words", "Nhà máy thủy điện mới khánh thành, ở đây ai cũng biết."),
        ] + Self.filler
        try Self.withIndex(documents) { (index: SearchIndex) throws in
            let results = try index.search("thuỷ điện")
            #expect(Self.names(results) == ["both-words", "many-one-word"])
            #expect(results.results.map(\.matchesAllWords) == [true, false])
            #expect(results.total == 1)  // documents with every word, when there are any
        }
    }

    @Test func snippetsShowOriginalTextWithQueryWordsMarked() throws {
        let text = "Mở đầu. " + String(repeating: "Câu chuyện khác không liên quan. ", count: 30)
            + "Ngành thủy điện Hoà Bình phát triển. " + String(repeating: "Chuyện khác nữa. ", count: 30)
        try Self.withIndex([("long", text)] + Self.filler) { (index: SearchIndex) throws in
            let results = try index.search("thuy dien hoa binh", options: SearchOptions(highlightStart: "<", highlightEnd: ">", snippetWords: 8))
            let snippet = try #require(results.results.first?.snippet)
            #expect(snippet.contains("<thủy> <điện> <Hoà> <Bình>"))
            #expect(snippet.hasPrefix("…") && snippet.hasSuffix("…"))
            #expect(!snippet.contains("Mở đầu"))
        }
    }

    @Test func phrasesAreHighlightedOnlyWhereTheirWordsFollowEachOther() throws {
        let documents = [("river", "Thuỷ điện Hoà Bình trên sông Đà, bóng đá chiều nay.")] + Self.filler
        try Self.withIndex(documents) { (index: SearchIndex) throws in
            let options = SearchOptions(highlightStart: "<", highlightEnd: ">")
            let snippet = try #require(try index.search("\"bong da\"", options: options).results.first?.snippet)
            #expect(snippet.contains("<bóng> <đá>"))
            #expect(snippet.contains("sông Đà"))  // "da" alone is not the phrase
        }
    }

    @Test func commonWordsAreHighlightedOnlyInARunWithARareOne() throws {
        let documents = [("camp", "Trời đang mưa. Hôm nay mọi người đang có mặt dựng lều trại.")] + Self.filler
        try Self.withIndex(documents) { (index: SearchIndex) throws in
            let options = SearchOptions(highlightStart: "<", highlightEnd: ">")
            let snippet = try #require(try index.search("người đang có mặt dựng lều", options: options).results.first?.snippet)
            #expect(snippet.contains("<người> <đang> <có> <mặt> <dựng> <lều>"))
            #expect(snippet.contains("Trời đang mưa"))  // common, and alone
        }
    }

    @Test func keywordTierKeepsOtherFormsOfRequiredWords() throws {
        // "đảng" typed and required, "xây" required, "dựng" common: a document with "xây" and "đang" (another
        // form of the typed word) and no common word still has every word in some form.
        let documents = [
            ("typed", "Công tác xây dựng Đảng ở cơ sở."),
            ("other-form", "Nhà xây xong, đang chờ nghiệm thu."),
        ] + Self.filler
        try Self.withIndex(documents) { (index: SearchIndex) throws in
            let results = try index.search("đảng xây dựng", options: SearchOptions(limit: 1))
            #expect(results.total == 2)
            #expect(Self.names(results) == ["typed"])
        }
    }

    @Test func exactFormsTierGivesWayToOtherFormsPastItsEnd() throws {
        // Two documents with "hòa" typed (in either tone placement), two with other forms: a page
        // inside the exact tier holds only the former; the next page the others; the total counts all.
        let documents = [
            ("typed-1", "Thủ tướng thăm tỉnh Hòa Bình."), ("typed-2", "Hoà Bình mùa nước lũ."),
            ("other-1", "Hoa nở khắp nơi."), ("other-2", "Hóa học là môn khó."),
        ] + Self.filler
        try Self.withIndex(documents) { (index: SearchIndex) throws in
            for query in ["hòa", "hoà"] {
                let first = try index.search(query, options: SearchOptions(limit: 2))
                #expect(Set(Self.names(first)) == ["typed-1", "typed-2"], "\(query)")
                #expect(first.total == 4)
                let next = try index.search(query, options: SearchOptions(limit: 2, offset: 2))
                #expect(Set(Self.names(next)) == ["other-1", "other-2"], "\(query)")
                #expect(next.total == 4)
            }
            let all = try index.search("hòa", options: SearchOptions(limit: 10))
            #expect(Set(Self.names(all).prefix(2)) == ["typed-1", "typed-2"])
            #expect(all.results.count == 4 && all.total == 4)
        }
    }

    @Test func wordsTheIndexLacksDoNotHideTheOthers() throws {
        // "trong" and "xyzzy" are in no document: they must not be what picks the candidates.
        let documents = [("grape", "Vỏ nho có nhiều chất chống oxy hóa.")] + Self.filler
        try Self.withIndex(documents) { (index: SearchIndex) throws in
            #expect(Self.names(try index.search("chất trong vỏ nho xyzzy")) == ["grape"])
            #expect(Self.names(try index.search("xyzzy trong")).isEmpty)
        }
    }

    @Test func rankingPlanRoundTripsThroughItsText() throws {
        var plan = VietnameseRankingPlan()
        plan.words = [
            .init(anyWeight: 1.5, exactWeight: 0.25, pairWeight: 0, isRequired: true, isAccented: true, length: 1),
            .init(anyWeight: 0.125, exactWeight: 0, pairWeight: 3, isRequired: false, isAccented: false, length: 2),
        ]
        plan.phrases = [.ignored, .init(word: 0, countsAsAny: true, countsAsExact: true), .init(word: 1, countsAsAny: true, countsAsExact: false)]
        plan.allWordsBonus = 1000
        #expect(VietnameseRankingPlan(decoding: plan.encoded) == plan)
        for bad in ["", "v2 0 0 1 1 1 0 0", "v1 1 0 1.2 0.75 4 0 0", "v1 0 1 1.2 0.75 4 0 0 5 1", "v1 1 0 1.2 0.75 4 0 0 1 1 1 1 1 0"] {
            #expect(VietnameseRankingPlan(decoding: bad) == nil, "\(bad)")
        }
    }
}
