/// The best `k` rows seen, by score then rowid; with sections (`files`), the best `k` files,
/// one row each.
///
/// A file stored in sections scores as its best section (ties: its lowest rowid among them),
/// as the exhaustive ranking orders rows and keeps each file's first (`SectionMap`). The k-th
/// score kept is then the k-th best score among k different files, each one a score its file
/// reaches at least: a row whose bound is below it cannot bring a file onto the page, so pruning
/// with it stays safe.
struct TopRows {
    let k: Int
    /// Per row of a file stored in sections, the file's row id (empty: no file is).
    let files: [Int64: Int64]
    private(set) var rows: [(id: Int64, score: Double)] = []
    /// Index of the worst row kept (when full).
    private var worst = 0
    /// Per sectioned file kept, the index of its row in `rows`.
    private var keptFiles: [Int64: Int] = [:]

    init(k: Int, files: [Int64: Int64] = [:]) {
        self.k = k
        self.files = files
    }

    /// The k-th best score once k rows are kept; -∞ before.
    var threshold: Double { rows.count < k ? -.infinity : rows[worst].score }

    /// Keeps the row if it is among the best k so far (for a section: if its file is, and the
    /// row is its best section so far); true when it was kept.
    mutating func insert(_ id: Int64, _ score: Double) -> Bool {
        let file = files.isEmpty ? nil : files[id]
        if let file, let index = keptFiles[file] {
            guard Self.before((id, score), rows[index]) else { return false }
            rows[index] = (id, score)
            if rows.count == k { findWorst() }
            return true
        }
        if rows.count < k {
            if let file { keptFiles[file] = rows.count }
            rows.append((id, score))
            if rows.count == k { findWorst() }
            return true
        }
        guard Self.before((id, score), rows[worst]) else { return false }
        if !keptFiles.isEmpty, let evicted = files[rows[worst].id] { keptFiles[evicted] = nil }
        if let file { keptFiles[file] = worst }
        rows[worst] = (id, score)
        findWorst()
        return true
    }

    private mutating func findWorst() {
        worst = 0
        for index in rows.indices.dropFirst() where Self.before(rows[worst], rows[index]) { worst = index }
    }

    /// `a` ranks before `b`: higher score, or equal score and lower rowid.
    static func before(_ a: (id: Int64, score: Double), _ b: (id: Int64, score: Double)) -> Bool {
        a.score != b.score ? a.score > b.score : a.id < b.id
    }

    var sorted: [(id: Int64, score: Double)] { rows.sorted(by: Self.before) }
}
