import Foundation
import TestSupport
import Testing
import VietSearchSQLite

@testable import VietSearch

/// Files longer than a section are read, indexed and stored in sections (here 4 KB, so that a
/// few hundred KB make dozens), and searches still find and name each file once.
@Suite struct SectionedFileTests {
    static let sectionBytes = 4_096

    /// Line `number` of a long text: the same news-like sentence with a number, so every
    /// section has the common words and only one line has each number.
    static func line(_ number: Int) -> String {
        "Dòng \(number): hội nghị bàn về công tác xây dựng Đảng và phát triển kinh tế địa phương năm nay.\n"
    }

    /// A long text of `lines` lines, with `marker` on the last one.
    static func longText(lines: Int, marker: String) -> String {
        "Báo cáo tổng hợp\n" + (0..<lines).map(line).joined() + "Kết luận: \(marker) cuối cùng.\n"
    }

    static func indexer(_ index: SearchIndex, readerPreparesAbove: Int = 24) -> FolderIndexer {
        let indexer = FolderIndexer(index: index)
        indexer.sectionBytes = sectionBytes
        indexer.readerPreparesAbove = readerPreparesAbove
        return indexer
    }

    /// A folder with one long file and one short one, and an index of it.
    static func withFolder(_ body: (URL, SearchIndex) throws -> Void) throws {
        try withTemporaryFolder("vietsearch-sections") { root in
            let folder = root.appendingPathComponent("docs")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try longText(lines: 2_000, marker: "hoàngyến").write(to: folder.appendingPathComponent("long.txt"), atomically: true, encoding: .utf8)
            try "Ghi chú ngắn\nHội nghị xây dựng Đảng họp hôm nay.\n".write(
                to: folder.appendingPathComponent("short.txt"), atomically: true, encoding: .utf8)
            try body(folder, try SearchIndex(path: root.appendingPathComponent("index.db").path, mode: .readWrite))
        }
    }

    static func rowCount(_ index: SearchIndex) throws -> Int64 {
        try index.connection.scalarInt("SELECT count(*) FROM documents") ?? -1
    }

    @Test func aLongFileIsStoredInSectionsAndFoundOnce() throws {
        try Self.withFolder { folder, index in
            let report = try Self.indexer(index).run(folders: [folder.path])
            #expect(report.added == 2)
            let rows = try Self.rowCount(index)
            #expect(rows > 40)  // ~200 KB in 4 KB sections, and the short file
            // Each section is at most a section long, and none but the first has a title.
            #expect(try index.connection.scalarInt("SELECT max(length(CAST(body AS BLOB))) FROM documents") ?? 0 <= Int64(Self.sectionBytes))
            #expect(try index.connection.scalarInt("SELECT count(*) FROM documents WHERE file IS NOT NULL AND title != ''") == 0)
            try IndexWriterTests.checkIntegrity(index)
            try TermStatisticsTests.checkAgainstRebuild(index)

            // A word of the last section only: the file, named and titled as the file.
            let last = try index.search("hoàngyến")
            #expect(last.total == 1)
            #expect(last.results.map(\.path) == [folder.appendingPathComponent("long.txt").path])
            #expect(last.results.first?.title == "Báo cáo tổng hợp")
            #expect(last.results.first?.snippet.contains("hoàngyến") == true)
            // A line in the middle: its section's snippet.
            let middle = try index.search("\"Dòng 1234\"")
            #expect(middle.results.count == 1)
            #expect(middle.results.first?.snippet.contains("1234") == true)
            // Words in every section: each file once, counted once.
            let everywhere = try index.search("xây dựng Đảng", options: SearchOptions(limit: 10))
            #expect(everywhere.total == 2)
            #expect(Set(everywhere.results.map(\.path)).count == 2)
            #expect(everywhere.results.count == 2)
            // A page after the first: still no file twice.
            let second = try index.search("hội nghị", options: SearchOptions(limit: 1, offset: 1))
            #expect(second.results.count == 1)
            #expect(try index.statistics().documents == 2)
        }
    }

    /// The pruned ranking (postings read directly) and the exhaustive one (every match scored
    /// through FTS5) both return a sectioned file once, with its best section's score and
    /// snippet, count it once, and pass its sections through a filter as they pass the file.
    @Test func aSectionedFileIsOneResultPrunedAndExhaustive() throws {
        try Self.withFolder { folder, index in
            _ = try Self.indexer(index).run(folders: [folder.path])
            let long = folder.appendingPathComponent("long.txt").path
            let readOnly = try SearchIndex(path: index.path, mode: .readOnly)
            // (An excluded word leaves out the sections that hold it, not the file: the last query
            // still finds the long file through its other sections.)
            let queries = ["xây dựng Đảng", "hoàngyến", "\"Dòng 1234\"", "hội nghị kinh tế", "phát triển -hoàngyến"]
            for query in queries {
                for limit in [1, 2, 10] {
                    var options = SearchOptions(limit: limit)
                    let pruned = try readOnly.search(query, options: options)
                    options.exhaustive = true
                    let exhaustive = try readOnly.search(query, options: options)
                    #expect(pruned.results.map(\.path) == exhaustive.results.map(\.path), "\(query)")
                    #expect(pruned.results.map(\.score) == exhaustive.results.map(\.score), "\(query)")
                    #expect(pruned.results.map(\.snippet) == exhaustive.results.map(\.snippet), "\(query)")
                    #expect(pruned.total == exhaustive.total, "\(query)")
                    #expect(pruned.results.filter { $0.path == long }.count == 1, "\(query)")
                    #expect(Set(pruned.results.map(\.id)).count == pruned.results.count)
                }
            }
            // Every section of the long file has these words: one result, its id the file's.
            let everywhere = try readOnly.search("phát triển kinh tế", options: SearchOptions(limit: 10))
            #expect(everywhere.total == 1)
            let fileID = try readOnly.connection.scalarInt("SELECT id FROM documents WHERE path = ?1", [.text(long)])
            #expect(everywhere.results.map(\.id) == [fileID])
            // Filters see the sections with the file's type, time and folder.
            for filter in [
                DocumentFilter(types: ["txt"]), DocumentFilter(folders: [folder.path]), DocumentFilter(modifiedFrom: 1),
            ] {
                for exhaustive in [false, true] {
                    let found = try readOnly.search("hoàngyến", options: SearchOptions(filter: filter, exhaustive: exhaustive))
                    #expect(found.results.map(\.path) == [long], "\(filter)")
                    #expect(found.total == 1)
                }
            }
            let excluded = try readOnly.search("hoàngyến", options: SearchOptions(filter: DocumentFilter(types: ["pdf"])))
            #expect(excluded.total == 0)
        }
    }

    /// The stored document of a sectioned file is the whole file: its sections joined in order,
    /// also when asked by a later section's id; up to a length when one is given.
    @Test func aSectionedFileIsOneStoredDocument() throws {
        try Self.withFolder { folder, index in
            _ = try Self.indexer(index).run(folders: [folder.path])
            let long = folder.appendingPathComponent("long.txt")
            let text = try String(contentsOf: long, encoding: .utf8)
            let fileID = try #require(try index.connection.scalarInt("SELECT id FROM documents WHERE path = ?1", [.text(long.path)]))
            let sectionID = try #require(try index.connection.scalarInt("SELECT max(id) FROM documents WHERE file = ?1", [.integer(fileID)]))
            for id in [fileID, sectionID] {
                let document = try #require(try index.document(id: id))
                #expect(document.id == fileID)
                #expect(document.path == long.path)
                #expect(document.text == text)
                #expect(document.textLength == text.unicodeScalars.count)
            }
            // Cut across sections at a character boundary, at most the bytes asked for.
            let cut = try #require(try index.document(id: sectionID, maxTextBytes: 10_000))
            #expect(cut.text.utf8.count <= 10_000 && cut.text.utf8.count > 10_000 - 4)
            #expect(text.hasPrefix(cut.text))
            #expect(cut.textLength == text.unicodeScalars.count)
            // Counted as one file wherever files are counted.
            #expect(try index.documentCount() == 2)
            #expect(try index.statistics().formats == ["txt": 2])
            #expect(try index.statistics().encodings == ["utf-8": 2])
            #expect(try index.folders(limit: 10).map(\.documents) == [2])
        }
    }

    @Test func aChangedLongFileReplacesEverySectionAndARemovedOneLeavesNone() throws {
        try Self.withFolder { folder, index in
            _ = try Self.indexer(index).run(folders: [folder.path])
            let again = try Self.indexer(index).run(folders: [folder.path])
            #expect(again.unchanged == 2)
            #expect(again.added + again.updated == 0)

            let long = folder.appendingPathComponent("long.txt")
            try Self.longText(lines: 1_000, marker: "thanhxuân").write(to: long, atomically: true, encoding: .utf8)
            let updated = try Self.indexer(index).run(folders: [folder.path])
            #expect(updated.updated == 1)
            #expect(try index.search("hoàngyến").total == 0)
            #expect(try index.search("thanhxuân").results.map(\.path) == [long.path])
            try IndexWriterTests.checkIntegrity(index)
            try TermStatisticsTests.checkAgainstRebuild(index)

            try FileManager.default.removeItem(at: long)
            let removed = try Self.indexer(index).run(folders: [folder.path])
            #expect(removed.removed == 1)
            #expect(try Self.rowCount(index) == 1)
            try IndexWriterTests.checkIntegrity(index)
            try TermStatisticsTests.checkAgainstRebuild(index, minimum: 3)
        }
    }

    /// The abbreviations a long file defines, in any section, are its own: counted once
    /// however many sections define them, and gone with the file; found by the reader (0:
    /// it prepares every text) or by the writer (`Int.max`).
    @Test(arguments: [0, Int.max])
    func aLongFilesAbbreviationsAreTheFilesOnce(readerPreparesAbove: Int) throws {
        try Self.withFolder { folder, index in
            let long = folder.appendingPathComponent("long.txt")
            let definition = "tổ chức cơ sở đảng (TCCSĐ)"
            try ("Mở đầu: \(definition) họp.\n" + Self.longText(lines: 2_000, marker: definition)).write(to: long, atomically: true, encoding: .utf8)
            _ = try Self.indexer(index, readerPreparesAbove: readerPreparesAbove).run(folders: [folder.path])
            #expect(try Self.rowCount(index) > 10)
            let expected = LearnedAbbreviation(abbreviation: "TCCSĐ", expansion: "tổ chức cơ sở đảng", documents: 1)
            #expect(try index.learnedAbbreviations() == [expected])

            try FileManager.default.removeItem(at: long)
            #expect(try Self.indexer(index).run(folders: [folder.path]).removed == 1)
            #expect(try index.learnedAbbreviations().isEmpty)
        }
    }

    /// A run stopped in the middle of a long file leaves it marked unfinished (no time, no
    /// hash): the next run writes it again, whole.
    @Test func aFileLeftUnfinishedIsWrittenAgain() throws {
        try Self.withFolder { folder, index in
            _ = try Self.indexer(index).run(folders: [folder.path])
            let long = folder.appendingPathComponent("long.txt").path
            // What a run stopped after the first sections leaves.
            try index.write { writer in
                let id = try writer.upsert(
                    IndexedDocument(
                        path: long, title: "Báo cáo tổng hợp", body: Self.line(1), size: 1, modificationTime: 1, hash: "x",
                        encoding: "utf-8", format: "txt"),
                    mayExist: true, complete: false)
                try writer.appendSection(Self.line(2), number: 1, of: IndexWriter.SectionedFile(id: id, path: long, encoding: "utf-8", format: "txt", modificationTime: 1))
            }
            #expect(try index.connection.scalarInt("SELECT mtime_ns FROM documents WHERE path = ?1", [.text(long)]) == -1)
            let report = try Self.indexer(index).run(folders: [folder.path])
            #expect(report.updated == 1)
            #expect(try index.search("hoàngyến").total == 1)
            try IndexWriterTests.checkIntegrity(index)
        }
    }

    /// Large files in other encodings are decoded piece by piece: UTF-16 with a byte-order mark,
    /// a legacy 8-bit encoding (Windows-1258 here), and UTF-8 with a few invalid bytes, which is
    /// damaged UTF-8 over all its pieces as over a whole file (not legacy).
    @Test(arguments: ["utf-16le", "windows-1258", TextDecoder.damagedUTF8])
    func largeFilesInOtherEncodings(encoding: String) throws {
        try withTemporaryFolder("vietsearch-sections-encoding") { root in
            let folder = root.appendingPathComponent("docs")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let text = Self.longText(lines: 400, marker: "hoàngyến")
            let bytes: [UInt8] =
                switch encoding {
                case "utf-16le": [0xFF, 0xFE] + text.utf16.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
                case "windows-1258": Self.windows1258(text)
                // An invalid byte before every 100th line break.
                default: Array(text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { number, line in
                    Array(line.utf8) + (number % 100 == 50 ? [0xFF] : [])
                }.joined(separator: [0x0A]))
                }
            try Data(bytes).write(to: folder.appendingPathComponent("long.txt"))
            let index = try SearchIndex(path: root.appendingPathComponent("index.db").path, mode: .readWrite)
            let report = try Self.indexer(index).run(folders: [folder.path])
            #expect(report.added == 1)
            #expect(report.encodings.keys.first?.hasPrefix(encoding) == true)
            #expect(try Self.rowCount(index) > 5)
            #expect(try index.search("hoàngyến").total == 1)
            #expect(try index.search("\"Dòng 399\"").total == 1)
            #expect(try index.search("\"Dòng 7\"").results.first?.snippet.contains("Dòng") == true)
        }
    }

    /// `text` in Windows-1258: base letters with their vowel marks precomposed where the code
    /// page has them, tones as combining bytes after the letter.
    static func windows1258(_ text: String) -> [UInt8] {
        let vowels: [String: UInt8] = [
            "â": 0xE2, "ê": 0xEA, "ô": 0xF4, "ă": 0xE3, "ơ": 0xF5, "ư": 0xFD, "đ": 0xF0,
            "Â": 0xC2, "Ê": 0xCA, "Ô": 0xD4, "Ă": 0xC3, "Ơ": 0xD5, "Ư": 0xDD, "Đ": 0xD0,
        ]
        let tones: [UInt32: UInt8] = [0x300: 0xCC, 0x301: 0xEC, 0x309: 0xD2, 0x303: 0xDE, 0x323: 0xF2]
        var bytes: [UInt8] = []
        for character in text {
            let all = Array(String(character).decomposedStringWithCanonicalMapping.unicodeScalars)
            let tone = all.lazy.compactMap { tones[$0.value] }.first
            let scalars = all.filter { tones[$0.value] == nil }
            let base = String(String.UnicodeScalarView(scalars)).precomposedStringWithCanonicalMapping
            if let byte = vowels[base] { bytes.append(byte) } else { bytes += base.utf8 }
            if let tone { bytes.append(tone) }
        }
        return bytes
    }

    /// A library user's long document is stored in sections too.
    @Test func upsertOfALongDocumentStoresSections() throws {
        try IndexWriterTests.withIndex { index in
            let body = Self.longText(lines: 4_000, marker: "hoàngyến")  // ~400 KB: two sections of 256 KB
            try index.write { writer in
                try writer.upsert(IndexWriterTests.document("/library/long.txt", body))
            }
            #expect(try Self.rowCount(index) == 2)
            #expect(try index.search("hoàngyến").results.map(\.path) == ["/library/long.txt"])
            try IndexWriterTests.checkIntegrity(index)
            try TermStatisticsTests.checkAgainstRebuild(index)
            try index.write { writer in try writer.remove(path: "/library/long.txt") }
            #expect(try Self.rowCount(index) == 0)
        }
    }
}

/// Text cut into sections: at a line break when there is one in the second half of the
/// section, else at a space, else at a character boundary; the pieces join back into the text.
@Suite struct TextSectionsTests {
    @Test(arguments: [
        ("aaaa bbbb\\ncccc dddd", 12, "aaaa bbbb\\n"),
        ("aaaa bbbb cccc dddd", 12, "aaaa bbbb "),
        ("aaaaaaaaaaaaaaaaaaaa", 12, "aaaaaaaaaaaa"),
        ("ăăăăăăăăăăăă", 7, "ăăă"),  // two bytes a letter: never half of one
        ("short", 12, "short"),
        ("a\\nbbbbbbbbbbbbbbbbbbb", 12, "a\\nbbbbbbbbbb"),  // a line break in the first half is too early
    ])
    func cut(text: String, limit: Int, first: String) {
        let text = text.replacingOccurrences(of: "\\n", with: "\n")
        let first = first.replacingOccurrences(of: "\\n", with: "\n")
        var copy = text
        let taken = copy.withUTF8 { TextSections.cut($0, limit: limit) }
        #expect(String(decoding: Array(text.utf8)[..<taken], as: UTF8.self) == first)
    }

    @Test func splitPiecesJoinBackAndFit() {
        let text = (0..<3_000).map { "Câu số \($0) nói về hoà bình,\($0 % 7 == 0 ? "\n" : " ")" }.joined()
        for limit in [64, 100, 1_000, 50_000] {
            let pieces = TextSections.split(text, limit: limit)
            #expect(pieces.joined() == text)
            #expect(pieces.allSatisfy { $0.utf8.count <= limit })
            #expect(pieces.count == (text.utf8.count <= limit ? 1 : pieces.count))
        }
    }
}
