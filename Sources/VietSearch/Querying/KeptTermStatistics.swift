/// The `term_stats` rows earlier searches read, for one state of the index: the words of
/// questions recur (`là`, `của`, `người`, and every word of a question asked again, or asked
/// without its accents), and each row read is a lookup and its variants parsed. A
/// `TermStatisticsReader` takes rows from here before it reads them, and leaves here what it
/// reads.
final class KeptTermStatistics {
    /// The `data_version` the rows were read at: another connection's commit makes them old.
    let version: Int64
    /// The document count and staleness the statistics had then (`vietsearch_meta`).
    let documentCount: Int?
    private(set) var entries: [String: TermStatistics.Entry] = [:]
    /// Folded syllables the index lacks.
    private(set) var missing: Set<String> = []
    /// Rows kept at most (then the next search starts again): a server's questions use a few
    /// thousand distinct syllables.
    static let mostKept = 16_384

    init(version: Int64, documentCount: Int?) {
        self.version = version
        self.documentCount = documentCount
    }

    var isFull: Bool { entries.count + missing.count >= Self.mostKept }

    func keep(_ entry: TermStatistics.Entry?, for folded: String) {
        if let entry { entries[folded] = entry } else { missing.insert(folded) }
    }
}
