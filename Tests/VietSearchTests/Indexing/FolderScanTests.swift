import Foundation

#if canImport(Glibc)
import Glibc
#endif
import TestSupport
import Testing
import VietSearchSQLite

@testable import VietSearch

/// The walk gives files in the byte order of their paths, the order of the index's covering
/// index, so that the two can be compared as they go (`FolderScan`).
@Suite struct FolderScanTests {
    static let names = [
        "a.txt", "a-b.txt", "a/x.txt", "a/b/c.txt", "a0.txt", "b.txt", "é.txt", "e.txt", "A.txt", "z/ä.md", "z.txt", "ab/.hidden.txt",
        "ab/c.md", "ab/note.bin",
    ]

    static func write(_ names: [String], in folder: URL) throws {
        for name in names {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "Nội dung \(name)".write(to: url, atomically: true, encoding: .utf8)
        }
    }

    @Test func walkIsInByteOrderOfPaths() throws {
        try withTemporaryFolder("vietsearch-walk") { folder in
            try Self.write(Self.names, in: folder)
            let walk = FolderWalker.walk([folder.path, folder.appendingPathComponent("a").path])  // "a" inside: walked once
            let paths = walk.files.map(\.path)
            #expect(paths.count == 12)  // not the hidden file, not .bin
            #expect(paths == paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            #expect(walk.ignored == 1)
        }
    }

    /// Names that are not UTF-8 sort by their stored form (U+FFFD for the bad bytes), as the
    /// index's rows do: a second scan finds every file unchanged, none gone and none new.
    @Test func namesThatAreNotUTF8SortAsStored() throws {
        try withTemporaryFolder("vietsearch-walk-bytes") { root in
            let folder = root.appendingPathComponent("docs")
            try Self.write(["a.txt", "z.txt", "\u{FFFE}.txt", "é.txt"], in: folder)
            // 0xFF sorts after every UTF-8 byte; stored as U+FFFD (EF BF BD) it sorts before "\u{FFFE}".
            let names: [[UInt8]] = [[0xFF, 0x2E, 0x74, 0x78, 0x74], [0x62, 0xE9, 0x2E, 0x74, 0x78, 0x74]]
            for name in names {
                let path: [UInt8] = Array(folder.path.utf8) + [UInt8(ascii: "/")] + name
                let descriptor = FolderWalker.withCPath(path) { open($0, O_WRONLY | O_CREAT, 0o644) }
                #expect(descriptor >= 0)
                _ = Glibc.write(descriptor, "Nội dung", 10)
                close(descriptor)
            }
            let walk = FolderWalker.walk([folder.path])
            let paths = walk.files.map(\.path)
            #expect(paths.count == 6)
            #expect(paths == paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            #expect(walk.warnings.count == 2)
            let index = try SearchIndex(path: root.appendingPathComponent("index.db").path, mode: .readWrite)
            #expect(try FolderIndexer(index: index).run(folders: [folder.path]).added == 6)
            let scan = try FolderScan.scan([folder.path], connection: index.connection)
            #expect(scan.work.count == 0 && scan.gone.isEmpty && scan.unchanged == 6)
        }
    }

    @Test func scanFindsNewChangedUnchangedAndGoneFiles() throws {
        try withTemporaryFolder("vietsearch-scan") { root in
            let folder = root.appendingPathComponent("docs")
            let other = root.appendingPathComponent("docs-other")
            try Self.write(Self.names, in: folder)
            try Self.write(["keep.txt"], in: other)
            let index = try SearchIndex(path: root.appendingPathComponent("index.db").path, mode: .readWrite)
            _ = try FolderIndexer(index: index).run(folders: [folder.path, other.path])

            try "đổi rồi, dài hơn trước".write(to: folder.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
            try FileManager.default.removeItem(at: folder.appendingPathComponent("a/b/c.txt"))
            try Self.write(["a/new.txt"], in: folder)
            let scan = try FolderScan.scan([folder.path], connection: index.connection)
            #expect((0..<scan.work.count).map { scan.work[$0].path } == [folder.appendingPathComponent("a/new.txt").path, folder.appendingPathComponent("b.txt").path])
            #expect(scan.work[0].knownHash == nil)
            #expect(scan.work[1].knownHash != nil)
            #expect(scan.gone.count == 1)  // c.txt; the other folder's file is not under the folders scanned
            #expect(scan.unchanged == 10)
        }
    }
}

/// The hash of a file read in pieces equals the hash of its bytes at once, wherever the cuts.
@Suite struct ContentHashStreamTests {
    @Test func piecesHashAsTheWhole() {
        let bytes = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        for cuts in [[0], [1], [7, 8, 9], [3, 500, 501, 999], [8, 16, 24]] {
            var stream = ContentHash.Stream(count: bytes.count)
            var start = 0
            for cut in cuts + [bytes.count] {
                bytes[start..<cut].withUnsafeBytes { stream.add($0) }
                start = cut
            }
            #expect(stream.hex == ContentHash.hex(bytes))
        }
    }
}

/// A bulk load (a run reading at least `bulkBytes`, and as much as it leaves unchanged) ends with
/// one FTS5 segment and FTS5's merge settings as they were; a small run leaves the segments to
/// FTS5's own merging.
@Suite struct BulkLoadTests {
    static func setting(_ index: SearchIndex, _ name: String) throws -> Int64? {
        try index.connection.scalarInt("SELECT v FROM documents_fts_config WHERE k = ?1", [.text(name)])
    }

    @Test func aBulkLoadEndsInOneSegment() throws {
        try TermStatisticsTests.withFolderAndIndex { folder, index in
            for number in 0..<30 { try TermStatisticsTests.write(number, to: folder) }
            let indexer = FolderIndexer(index: index)
            indexer.bulkBytes = 1 << 30
            _ = try indexer.run(folders: [folder.path])
            // More than is indexed, in a bulk load: its segment and the first are merged.
            for number in 30..<70 { try TermStatisticsTests.write(number, to: folder) }
            indexer.bulkBytes = 1
            var stages: [IndexingProgress.Stage] = []
            _ = try indexer.run(folders: [folder.path]) { stages.append($0.stage) }
            #expect(try index.segmentCount() == 1)
            #expect(try Self.setting(index, "automerge") == 4)
            #expect(try Self.setting(index, "crisismerge") == 16)
            // The progress says what the end of the run does, after the last file.
            #expect(stages.filter { $0 == .files }.count == 40)
            #expect(Array(stages.drop { $0 == .files }) == [.statistics, .merging])

            try TermStatisticsTests.write(70, to: folder)
            indexer.bulkBytes = 1 << 30  // a small run: no merge of its own
            stages = []
            _ = try indexer.run(folders: [folder.path]) { stages.append($0.stage) }
            #expect(try index.segmentCount() == 2)
            #expect(stages == [.files, .statistics])
            try IndexWriterTests.checkIntegrity(index)
        }
    }
}
