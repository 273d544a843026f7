import Foundation
import TestSupport
import Testing

@testable import VietSearch

/// The `Checkpointer` copies committed pages from the WAL into the database file on its own
/// thread while the writer's connection stays open, and `finish` returns only once its
/// connection is closed.
@Suite struct CheckpointerTests {
    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? -1
    }

    /// An index with 300 documents committed to its WAL (automatic checkpoints off, as the
    /// indexer sets them), the database file itself still small (its schema only).
    static func withWrittenIndex(_ body: (SearchIndex) throws -> Void) throws {
        try withTemporaryFolder("vietsearch-checkpoint") { folder throws in
            let index = try SearchIndex(path: folder.appendingPathComponent("index.db").path, mode: .readWrite)
            try index.connection.execute("PRAGMA wal_autocheckpoint=0")
            try index.write { writer in
                for number in 0..<300 {
                    let body = String(repeating: "Nhà máy thuỷ điện số \(number) tích nước sớm hơn dự kiến. ", count: 20)
                    try writer.upsert(
                        IndexedDocument(
                            path: "/docs/\(number).txt", title: "Tin \(number)", body: body, size: 1, modificationTime: 0,
                            hash: "\(number)", encoding: "utf-8", format: "txt"))
                }
            }
            try body(index)
        }
    }

    @Test func aRequestCopiesTheWALIntoTheDatabaseFile() throws {
        try Self.withWrittenIndex { index throws in
            let before = Self.size(index.path)
            #expect(Self.size(index.path + "-wal") > 500_000)
            let checkpointer = Checkpointer(path: index.path)
            checkpointer.request()
            let deadline = Date() + 10
            // The documents' text alone is ~360 KB: the copied pages grow the file by at least that
            // much beyond the schema's pages.
            let grown = before + 300_000
            while Self.size(index.path) < grown, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            checkpointer.finish()
            #expect(before > 0 && before <= 16 * 65_536)  // the new index's schema: at most sixteen pages
            #expect(Self.size(index.path) >= grown, "the database file did not grow")
            // The writer goes on as before.
            #expect(try index.search("thuy dien").total == 300)
        }
    }

    /// The last connection to close removes the WAL: the writer's, if the checkpointer's is
    /// closed by the time `finish` returns.
    @Test func finishClosesItsConnection() throws {
        try withTemporaryFolder("vietsearch-checkpoint") { folder throws in
            let database = folder.appendingPathComponent("index.db").path
            do {
                let index = try SearchIndex(path: database, mode: .readWrite)
                try index.write { writer in
                    try writer.upsert(
                        IndexedDocument(
                            path: "/a.txt", title: "Tin", body: "Thuỷ điện", size: 1, modificationTime: 0, hash: "a", encoding: "utf-8",
                            format: "txt"))
                }
                let checkpointer = Checkpointer(path: database)
                checkpointer.request()
                checkpointer.finish()
                #expect(FileManager.default.fileExists(atPath: database + "-wal"))
            }
            #expect(!FileManager.default.fileExists(atPath: database + "-wal"), "a connection was still open when the writer closed")
        }
    }
}
