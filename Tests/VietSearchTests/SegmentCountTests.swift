import Foundation
import Testing
import VietSearchSQLite

@testable import VietSearch

/// `SearchIndex.segmentCount()` reads FTS5's structure record: a 4-byte cookie (newer SQLite
/// follows it with FF FF FF FF), then SQLite varints: levels, segments.
@Suite struct SegmentCountTests {
    static func withIndex(_ body: (SearchIndex) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vietsearch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let index = try SearchIndex(path: folder.appendingPathComponent("index.db").path, mode: .readWrite)
        try index.write { writer in
            try writer.upsert(
                IndexedDocument(
                    path: "/a.txt", title: "Xây dựng", body: "Xây dựng Đảng", size: 1, modificationTime: 0, hash: "a",
                    encoding: "utf-8", format: "txt"))
        }
        try body(index)
    }

    @Test func oneTransactionWritesOneSegment() throws {
        try Self.withIndex { (index: SearchIndex) throws in #expect(try index.segmentCount() == 1) }
    }

    /// The segment count as FTS5 would write it (SQLite's varint: big-endian 7-bit groups, the
    /// high bit on every byte but the last; a ninth byte carries 8 bits).
    @Test(arguments: [
        ([0x03], 3),
        ([0x81, 0x00], 128),
        ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], (1 << 56) - 1),  // the most eight bytes hold
        ([0x80, 0xC0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x03], (1 << 56) + 3),  // nine bytes
        ([0xBF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], Int.max),
    ] as [([UInt8], Int)])
    func segmentsAfterTheLevels(varint: [UInt8], segments: Int) throws {
        try Self.withIndex { (index: SearchIndex) throws in
            for marker in [[], [0xFF, 0xFF, 0xFF, 0xFF]] as [[UInt8]] {
                let record = [0, 0, 0, 7] + marker + [0x01] + varint + [0x00]
                let update = try index.connection.prepare("UPDATE documents_fts_data SET block = ?1 WHERE id = 10")
                try update.bind([.blob(record)])
                _ = try update.step()
                #expect(try index.segmentCount() == segments, "marker: \(marker)")
            }
        }
    }

    @Test func truncatedRecordCountsNoSegments() throws {
        try Self.withIndex { (index: SearchIndex) throws in
            try index.connection.execute("UPDATE documents_fts_data SET block = X'0000000701FF' WHERE id = 10")
            #expect(try index.segmentCount() == 0)
        }
    }
}
