import Testing
import VietSearchSQLite

@testable import VietSearch

/// Counted while documents are read, document frequencies are what FTS5's vocabulary reports
/// once they are indexed (`fts5vocab … 'row'`).
@Suite struct DocumentFrequencyVocabularyTests {
    static let texts = [
        "Xây dựng Đảng trong sạch, vững mạnh.",
        "Đa\u{0309}ng viên (NFD) và hoà bình, thuỷ điện Hòa Bình!",
        "Theo Nghị quyết 37-NQ/TW ngày 31/8/2016, tỷ lệ đạt 85,94%.",
        "Kĩ thuật, kỹ sư, lý do — ASCII only words here",
        "",
        "   ,,, !!!",
    ]

    @Test func documentFrequenciesMatchTheVocabulary() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.registerVietnameseTokenizer()
        try db.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='vietnamese accent 2')")
        try db.execute("CREATE VIRTUAL TABLE temp.t_rows USING fts5vocab(main, 't', 'row')")
        let pretokenizer = VietnamesePretokenizer(options: VietnameseTokenizerOptions(accent: .keyed))
        var counter = DocumentFrequencyCounter()
        let insert = try db.prepare("INSERT INTO t(title, body) VALUES (?1, ?2)")
        // Enough distinct terms (numbers) to make the counter's table grow several times.
        for document in 0..<300 {
            let title = "Tài liệu \(document) \(Self.texts[document % Self.texts.count])"
            // Keys longer than the 16 bytes a bucket keeps, equal up to there and beyond, or not.
            let long = "supercalifragilistic\(document % 37) nghiêngnghiêngnghiêng\(document % 5) supercalifragilistic"
            let body = (0..<40).map { "từ\(document * 40 + $0) chung\(($0 + document) % 50) Đảng đang" }.joined(separator: " ") + " " + long
            counter.addDocument([pretokenizer.record(title), pretokenizer.record(body)])
            insert.reset()
            try insert.bind([.text(title), .text(body)])
            try insert.step()
        }
        var vocabulary: [String: Int] = [:]
        let rows = try db.prepare("SELECT term, doc FROM temp.t_rows")
        while try rows.step() { vocabulary[rows.text(at: 0)] = Int(rows.int64(at: 1)) }
        let counted = Dictionary(
            uniqueKeysWithValues: counter.sortedTerms().map { (String(decoding: $0.key, as: UTF8.self), $0.documents) })
        #expect(vocabulary.count > 12_000)
        #expect(counted == vocabulary)
        #expect(counter.documentCount == 300)
        #expect(counted["dang:đảng"] == 300)
        #expect(counted["supercalifragilistic:"] == 300)
        #expect(counted["supercalifragilistic3:"] == 9)
    }
}
