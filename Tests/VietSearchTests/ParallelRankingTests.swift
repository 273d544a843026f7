import Foundation
import Testing

@testable import VietSearch

/// A read-only index ranks the two halves of its rows on two threads (`rankInParallel`), and
/// makes the two halves of a page's results so: the results must be those of one thread,
/// whatever the query and the page.
@Suite struct ParallelRankingTests {
    static let sentences = [
        "Hội nghị bàn về công tác xây dựng Đảng trong sạch, vững mạnh.",
        "Các đại biểu đang thảo luận về kế hoạch phát triển kinh tế.",
        "Nhà máy thuỷ điện Hoà Bình tích nước sớm hơn dự kiến.",
        "Kĩ thuật trồng lúa mới giúp nông dân tiết kiệm nước.",
        "Vỏ nho có tác dụng chống oxy hóa, chất bổ trong vỏ nho rất tốt.",
        "Đội tuyển bóng đá giành chiến thắng trong trận giao hữu.",
        "Bác sĩ khuyên nên uống đủ nước vào mùa hè.",
    ]

    /// An index of 1,500 rows (more than `rowsToSplit`) in a new folder, removed after `body`.
    static func withIndex(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vietsearch-parallel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("index.db").path
        let writable = try SearchIndex(path: path, mode: .readWrite)
        try writable.write { writer in
            // More rows than `rowsToSplit`, of different lengths and mixes, so scores differ.
            for number in 0..<1_500 {
                let text = (0..<(1 + number % 5)).map { Self.sentences[(number * 3 + $0 * (number % 4 + 1)) % Self.sentences.count] }
                    .joined(separator: " ") + " Số \(number)."
                try writer.upsert(
                    IndexedDocument(
                        path: "/docs/\(number).txt", title: "Tin \(number % 13)", body: text, size: Int64(text.utf8.count),
                        modificationTime: 0, hash: "\(number)", encoding: "utf-8", format: "txt"))
            }
            try writer.refreshTermStatistics()
        }
        try body(path)
    }

    @Test func twoThreadsRankAsOne() throws {
        try Self.withIndex { path in try Self.compareWithOneThread(path) }
    }

    static func compareWithOneThread(_ path: String) throws {
        let parallel = try SearchIndex(path: path, mode: .readOnly)
        let serial = try SearchIndex(path: path, mode: .readOnly)
        serial.rankInParallel = false
        for query in [
            "đảng", "xay dung dang", "nước", "vo nho co tac dung gi", "chất bổ trong vỏ nho có tác dụng gì",
            "bong da -giao", "\"thuỷ điện\" OR lúa", "ky thuat trong lua tiet kiem nuoc ra sao",
        ] {
            for options in [SearchOptions(limit: 10), SearchOptions(limit: 7, offset: 5), SearchOptions(limit: 10, exact: true)] {
                let one = try serial.search(query, options: options)
                let (splits, pages) = (parallel.partnerRankings, parallel.partnerPages)
                let two = try parallel.search(query, options: options)
                // Every search ranks at least one tier, and each tier is split; so is each page.
                #expect(parallel.partnerRankings > splits, "\(query): not split")
                let split = two.results.count >= SearchIndex.resultsToSplit
                #expect(parallel.partnerPages == pages + (split ? 1 : 0), "\(query): page split \(!split)")
                #expect(two.total == one.total, "\(query)")
                #expect(two.searchedAs == one.searchedAs)
                #expect(two.results.map(\.score) == one.results.map(\.score), "\(query)")
                // Rows tied at the page's lowest score may be either; all above it are the same.
                let lowest = one.results.last?.score ?? 0
                #expect(Set(two.results.filter { $0.score > lowest }.map(\.path)) == Set(one.results.filter { $0.score > lowest }.map(\.path)))
                // Each file's result, whichever connection made it, is the same.
                let made = Dictionary(one.results.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
                for result in two.results {
                    guard let expected = made[result.path] else { continue }
                    #expect(result.snippet == expected.snippet, "\(query) \(result.path)")
                    #expect(result.title == expected.title && result.matchesAllWords == expected.matchesAllWords)
                    #expect(result.titleHighlights == expected.titleHighlights && result.id == expected.id)
                }
                #expect(two.results.count == one.results.count)
            }
        }
        #expect(try parallel.search("nước").total > 500)
        #expect(serial.partnerRankings == 0 && serial.partnerPages == 0)
        #expect(parallel.partnerPages >= 15, "most pages have enough results to split")
    }

    /// One thread ranks the partner's half of every split search (none is started per search),
    /// and it ends with its index.
    @Test func thePartnersThreadIsKeptAndEndsWithItsIndex() throws {
        try Self.withIndex { path in
            var thread: PartnerThread?
            do {
                let index = try SearchIndex(path: path, mode: .readOnly)
                for query in ["đảng", "nước", "xay dung dang", "bong da -giao"] {
                    _ = try index.search(query, options: SearchOptions(limit: 10))
                    if thread == nil { thread = index.partnerThread }
                    #expect(index.partnerThread != nil && index.partnerThread === thread, "\(query)")
                }
                #expect(index.partnerRankings >= 4)
                #expect(thread?.hasEnded == false)
            }
            let deadline = Date().addingTimeInterval(10)
            while thread?.hasEnded == false && Date() < deadline { usleep(1_000) }
            #expect(thread?.hasEnded == true)
        }
    }
}
