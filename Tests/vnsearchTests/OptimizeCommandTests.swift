import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `vnsearch optimize` with the real binary: it merges segments and stores the syllable pairs
/// without changing any answer, and it refuses to run beside an indexer or without an index.
@Suite struct OptimizeCommandTests {
    @Test func mergesSegmentsAndKeepsEveryAnswer() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        // Two indexing runs, two commits: two segments.
        try tool.write("docs/a.txt", "Xây dựng Đảng\n\nHội nghị bàn về công tác xây dựng Đảng và chính quyền.")
        #expect(try tool.run(["index", tool.path("docs"), "--db", tool.database, "--quiet"]).status == 0)
        try tool.write("docs/b.txt", "Đang họp\n\nCác đại biểu đang thảo luận về xây dựng.")
        #expect(try tool.run(["index", tool.path("docs"), "--db", tool.database, "--quiet"]).status == 0)
        let queries = ["đảng", "xay dung", "các đại biểu thảo luận về công tác xây dựng"]
        let before = try queries.map { try tool.run(["search", $0, "--db", tool.database, "--json"]).stdout }
        func pairs(_ key: String = "pair_postings") throws -> [String: Any] {
            let stats = try tool.run(["stats", "--db", tool.database, "--json"]).stdout
            let object = try JSONSerialization.jsonObject(with: Data(stats.utf8)) as? [String: Any]
            return try #require(object?[key] as? [String: Any])
        }
        #expect(try pairs()["status"] as? String == "none")
        #expect(try pairs("block_maxima")["status"] as? String == "none")
        // Every indexing run leaves the row lengths stored.
        #expect(try pairs("row_lengths")["status"] as? String == "current")

        let output = try tool.run(["optimize", "--db", tool.database])
        #expect(output.status == 0)
        #expect(output.stdout.contains("2 segments → 1"), "\(output.stdout)")
        // In two documents every syllable is common: the adjacent ones are stored as pairs.
        #expect(output.stdout.contains(" pairs of common syllables for ranking"), "\(output.stdout)")
        #expect(!output.stdout.contains("stored 0 pairs"), "\(output.stdout)")
        let after = try queries.map { try tool.run(["search", $0, "--db", tool.database, "--json"]).stdout }
        #expect(after == before)
        #expect(try pairs()["status"] as? String == "current")
        #expect(try pairs()["pairs"] as? Int ?? 0 > 5)
        #expect(try pairs("block_maxima")["status"] as? String == "current")
        #expect(output.stdout.contains("stored the block maxima of "), "\(output.stdout)")
        #expect(try tool.run(["stats", "--db", tool.database]).stdout.contains("stored, read by searches"))

        let again = try tool.run(["optimize", "--db", tool.database])
        #expect(again.status == 0)
        #expect(again.stdout.contains("already one segment"))
        // A later indexing run keeps them.
        try tool.write("docs/c.txt", "Xây dựng nông thôn mới.")
        let kept = try tool.run(["index", tool.path("docs"), "--db", tool.database])
        #expect(kept.status == 0)
        #expect(!kept.stderr.contains("syllable pairs"), "\(kept.stderr)")
        #expect(try pairs()["status"] as? String == "current")
        #expect(try pairs("block_maxima")["status"] as? String == "current")
        // New files, any number: kept.
        for number in 0..<70 { try tool.write("docs/more/\(number).txt", "Xây dựng số \(number).") }
        #expect(try tool.run(["index", tool.path("docs"), "--db", tool.database, "--quiet"]).status == 0)
        #expect(try pairs()["status"] as? String == "current")
        #expect(try pairs("block_maxima")["status"] as? String == "current")
        // More files changed than the upkeep follows (64 and a thirty-second of the index): unused, and said so.
        for number in 0..<70 { try tool.write("docs/more/\(number).txt", "Xây dựng lại số \(number).") }
        let many = try tool.run(["index", tool.path("docs"), "--db", tool.database])
        #expect(many.status == 0)
        #expect(many.stderr.contains("stored syllable pairs no longer cover the documents"), "\(many.stderr)")
        // The block maxima have no such limit: each changed row only raises its block.
        #expect(try pairs("block_maxima")["status"] as? String == "current")
        #expect(try pairs("row_lengths")["status"] as? String == "current")
        #expect(try pairs()["status"] as? String == "out_of_date")
        #expect(try tool.run(["stats", "--db", tool.database]).stdout.contains("out of date"))
    }

    @Test func refusesWhileAnIndexerRunsAndWithoutAnIndex() throws {
        let tool = try CommandLineTool()
        defer { tool.remove() }
        try tool.write("docs/a.txt", "Thủy điện Hòa Bình.")
        #expect(try tool.run(["index", tool.path("docs"), "--db", tool.database, "--quiet"]).status == 0)

        // Hold the indexer lock as a running `vnsearch index` does.
        let descriptor = open(tool.database + ".lock", O_RDWR | O_CREAT, 0o644)
        #expect(descriptor >= 0)
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        let busy = try tool.run(["optimize", "--db", tool.database])
        flock(descriptor, LOCK_UN)
        close(descriptor)
        #expect(busy.status != 0)
        #expect(busy.stderr.contains("another vnsearch process"), "\(busy.stderr)")

        let missing = try tool.run(["optimize", "--db", tool.path("none.db")])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no index at"))
        #expect(!FileManager.default.fileExists(atPath: tool.path("none.db")))
    }
}
