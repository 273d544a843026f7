import Foundation

/// A fresh, empty folder for one test's database files.
///
/// A closure rather than an object removed in `deinit`: ARC may release an object right after its
/// last use, which could delete the folder while a connection still writes its journal there.
enum TemporaryDirectory {
    static func with<T>(_ body: (_ path: String) throws -> T) throws -> T {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("VietSearchSQLiteTests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }
}
