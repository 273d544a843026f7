import Foundation
import TestSupport
import Testing

@testable import VietSearch

/// The work list gives back every file as appended, whatever its path shares with the one
/// before (front coding) and wherever it falls in a block of whole paths.
@Suite struct WorkListTests {
    /// Paths in byte order, as the walk gives them: shared prefixes of every length (none, all
    /// of the previous path, past 127 bytes, so two-byte lengths), names that are not ASCII.
    static func paths(count: Int, seed: UInt64) -> [String] {
        var random = SeededRandom(seed: seed)
        let parts = ["a", "ab", "tài liệu", "viwiki-0630", String(repeating: "d", count: 150), "é", "0042", "z"]
        var paths = Set<String>()
        while paths.count < count {
            let depth = random.int(1...4)
            paths.insert("/" + (0..<depth).map { _ in random.pick(parts) + (random.chance(0.5) ? "\(random.int(0...99))" : "") }.joined(separator: "/"))
        }
        return paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    @Test(arguments: [1, 15, 16, 17, 33, 500])
    func everyFileComesBackAsAppended(count: Int) {
        let paths = Self.paths(count: count, seed: UInt64(count))
        var list = WorkList()
        for (index, path) in paths.enumerated() {
            // Some known (hashes with leading zeros), some opened by other bytes than their path's.
            let source: [UInt8]? = index % 7 == 3 ? Array(path.utf8) + [0xFF] : nil
            let file = FolderWalker.File(path: path, size: Int64(index * 10), modificationTime: Int64(-index), format: index % 2 == 0 ? "txt" : "md", source: source)
            list.append(file, known: index % 3 == 0 ? (id: Int64(index), hash: String(format: "%016llx", UInt64(index) * 0x1_0001)) : nil)
        }
        list.compact()
        #expect(list.count == count)
        #expect(list.totalBytes == Int64((0..<count).reduce(0, +) * 10))
        for (index, path) in paths.enumerated() {
            let file = list[index]
            #expect(file.path == path)
            #expect(file.size == Int64(index * 10) && file.modificationTime == Int64(-index))
            #expect(file.format == (index % 2 == 0 ? "txt" : "md"))
            #expect(file.knownHash == (index % 3 == 0 ? String(format: "%016llx", UInt64(index) * 0x1_0001) : nil))
            #expect(file.source == Array(path.utf8) + (index % 7 == 3 ? [0xFF] : []))
            #expect(list.source(at: index) == file.source)
        }
    }
}
