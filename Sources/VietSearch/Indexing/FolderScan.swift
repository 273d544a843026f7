import VietSearchSQLite

/// What an indexing run has to do, found by walking the folders (`FolderWalker`) alongside the
/// files the index knows under them, both in path order (the covering index `documents_files`):
/// the files to read (new, or changed size or time), the indexed files gone from disk, and how
/// many are unchanged. Neither side is held whole: one listing per folder level on the walk's
/// side, one row at a time on the index's; only the files to read are kept, compactly
/// (`WorkList`), so a run with nothing to do holds almost nothing, however large the folder.
struct FolderScan {
    var work = WorkList()
    /// Row ids of indexed files that are gone from disk.
    var gone: [Int64] = []
    var unchanged = 0
    /// The size of the unchanged files.
    var unchangedBytes: Int64 = 0
    var ignored = 0
    /// Paths not indexed, with the reason (see `FolderWalker.Walk.skipped`).
    var skipped: [(path: String, reason: String)] = []
    /// Files indexed with a caveat (a name that is not UTF-8).
    var warnings: [(path: String, message: String)] = []

    /// Scans `folders` against the index on `connection`; `followLinks` as for `FolderWalker`.
    static func scan(_ folders: [String], connection: SQLiteConnection, followLinks: Bool = false) throws -> FolderScan {
        var scan = FolderScan()
        let known = try connection.prepare(
            """
            SELECT id, path, size, mtime_ns FROM documents INDEXED BY documents_files
            WHERE file IS NULL AND path >= ?1 AND path < ?2 ORDER BY path
            """)
        // Only for files whose size or time changed: the hash is in the table's row, not in the
        // covering index (16 bytes a file it would not need for the rest).
        let hash = try connection.prepare("SELECT hash FROM documents WHERE id = ?1")
        let realRoots = FolderWalker.realRoots(folders)
        for root in FolderWalker.roots(folders) {
            var walker = FolderWalker(root: root, realRoots: realRoots, followLinks: followLinks)
            // Every path under the root, and nothing else: "root/" up to "root0" ("0" follows "/").
            let prefix = root.hasSuffix("/") ? root : root + "/"
            known.reset()
            try known.bind([.text(prefix), .text(String(prefix.dropLast()) + "0")])
            try scan.merge(&walker, known, hash: hash)
            known.reset()
            scan.ignored += walker.ignored
            scan.skipped += walker.skipped
            scan.warnings += walker.warnings
        }
        scan.work.compact()
        return scan
    }

    /// Walks one root alongside the index's rows under it (`known`, in path order).
    private mutating func merge(_ walker: inout FolderWalker, _ known: SQLiteStatement, hash: SQLiteStatement) throws {
        var file = walker.next()
        var row = try Self.row(known)
        while file != nil || row != nil {
            if let current = file, row == nil || current.path.utf8.lexicographicallyPrecedes(row!.path.utf8) {
                work.append(current, known: nil)
                file = walker.next()
            } else if let indexed = row, file == nil || indexed.path.utf8.lexicographicallyPrecedes(file!.path.utf8) {
                // Unreadable is not gone: the walk has already met any folder above this path
                // (it comes before the path in the walk's order), so its failure is recorded.
                if !Self.isUnreadable(indexed.path, walker.unreadable) { gone.append(indexed.id) }
                row = try Self.row(known)
            } else if let current = file, let indexed = row {
                if indexed.size == current.size && indexed.modificationTime == current.modificationTime {
                    unchanged += 1
                    unchangedBytes += current.size
                } else {
                    hash.reset()
                    try hash.bind([.integer(indexed.id)])
                    let stored = try hash.step() ? hash.text(at: 0) : ""
                    hash.reset()
                    work.append(current, known: (indexed.id, stored))
                }
                file = walker.next()
                row = try Self.row(known)
            }
        }
    }

    /// `path` is, or is under, one of the folders or files the walk could not read.
    private static func isUnreadable(_ path: String, _ unreadable: [String]) -> Bool {
        unreadable.contains { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }

    private static func row(_ statement: SQLiteStatement) throws -> (id: Int64, path: String, size: Int64, modificationTime: Int64)? {
        guard try statement.step() else { return nil }
        return (statement.int64(at: 0), statement.text(at: 1), statement.int64(at: 2), statement.int64(at: 3))
    }
}
