import Foundation
import Testing
import VietSearchSQLite

@testable import VietSearch

/// `vietsearch_rank` on a bare connection: it counts the rows it scores (the search's totals
/// rely on it), and it refuses a plan that does not describe the MATCH expression.
@Suite struct RankingSessionTests {
    static func makeTable(_ db: SQLiteConnection) throws {
        try db.registerVietnameseTokenizer()
        try db.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='vietnamese')")
        let insert = try db.prepare("INSERT INTO t(rowid, title, body) VALUES (?1, 'Tin', ?2)")
        for (index, body) in ["Đảng viên", "đang học", "Hoa nở", "đáng yêu", "dang dở", "hoa đào"].enumerated() {
            insert.reset()
            try insert.bind([.integer(Int64(index + 1)), .text(body)])
            _ = try insert.step()
        }
    }

    /// A plan scoring every phrase of `expression` as one word.
    static func plan(phrases: Int) -> String {
        var plan = VietnameseRankingPlan()
        plan.words = [.init(anyWeight: 1, exactWeight: 0, pairWeight: 0, isRequired: true, isAccented: false, length: 1)]
        plan.phrases = Array(repeating: .init(word: 0, countsAsAny: true, countsAsExact: false), count: phrases)
        return plan.encoded
    }

    @Test(arguments: [("\"dang\"*", 4), ("\"hoa\"* OR \"dang\"*", 6), ("\"zzz\"", 0)])
    func rowsScoredAreTheRowsMatched(expression: String, matches: Int) throws {
        let db = try SQLiteConnection(path: ":memory:")
        try Self.makeTable(db)
        let session = RankingSession()
        try db.registerVietnameseRanking(session: session)
        let phrases = expression.components(separatedBy: " OR ").count
        let top = try db.prepare("SELECT rowid, vietsearch_rank(t, ?2) AS score FROM t WHERE t MATCH ?1 ORDER BY score DESC LIMIT 1")
        try top.bind([.text(expression), .text(Self.plan(phrases: phrases))])
        session.resetCount()
        var rows = 0
        while try top.step() { rows += 1 }
        #expect(rows == min(matches, 1))
        #expect(session.rowsScored == matches)
        #expect(try db.scalarInt("SELECT count(*) FROM t WHERE t MATCH ?1", [.text(expression)]) == Int64(matches))
    }

    @Test func planWithMorePhrasesThanTheExpressionIsAnError() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try Self.makeTable(db)
        try db.registerVietnameseRanking()
        let statement = try db.prepare("SELECT vietsearch_rank(t, ?2) FROM t WHERE t MATCH ?1")
        try statement.bind([.text("\"dang\"*"), .text(Self.plan(phrases: 3))])
        let error = #expect(throws: SQLiteError.self) { _ = try statement.step() }
        #expect(error?.message.contains("3 phrases") == true)
    }
}
