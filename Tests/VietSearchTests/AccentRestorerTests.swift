import Foundation
import Testing
import VietSearch
import VietSearchSQLite

/// Questions typed without accents are searched with the accents the index's own statistics
/// make most likely (`SearchOptions.restoreAccents`): the pair of words decides where the single
/// word's most frequent form would be wrong.
@Suite struct AccentRestorerTests {
    /// "nhỏ" is the most frequent form of "nho" here, but "vỏ nho" (grape skin) is a pair the
    /// index has; "chất bổ" likewise against "bộ", "bỏ" and "chặt". Pairs are counted at every
    /// second place, so the phrases that decide open a text.
    static let documents = [
        ("grapes", "Vỏ nho có tác dụng chống oxy hóa. Chất bổ trong vỏ nho có tác dụng tốt."),
        ("nutrients", "Chất bổ trong thức ăn có tác dụng gì với trẻ nhỏ?"),
        ("small-1", "Nhà nhỏ ở góc phố nhỏ, bộ bàn ghế nhỏ."),
        ("small-2", "Con chó nhỏ chạy quanh sân nhỏ, bỏ lại bộ đồ chơi."),
        ("small-3", "Cô bé nhỏ nhắn chặt cây bỏ đi, bộ trưởng nói."),
    ]

    static func search(_ index: SearchIndex, _ text: String, restore: Bool = true) throws -> SearchResults {
        try index.search(text, options: SearchOptions(restoreAccents: restore))
    }

    @Test(arguments: [
        ("chat bo trong vo nho co tac dung gi", "chất bổ trong vỏ nho có tác dụng gì"),
        // Punctuation and capitals as typed do not matter; a word the index lacks stays as is.
        ("Vo nho co tac dung gi, xyzzy?", "vỏ nho có tác dụng gì xyzzy"),
        // A quoted phrase breaks the chain and is left alone.
        ("chat bo \"vo nho\" co tac dung gi", "chất bổ \"vo nho\" có tác dụng gì"),
    ])
    func questionsWithoutAccentsAreRestored(typed: String, restored: String) throws {
        try RankingTests.withIndex(Self.documents) { index in
            let searched = try Self.search(index, typed).searchedAs
            #expect(searched == restored)
        }
    }

    /// A syllable typed twice may be two words: each occurrence is restored in its own context,
    /// and neither is dropped as a repeat before that.
    @Test func aRepeatedSyllableIsRestoredInEachPlace() throws {
        try RankingTests.withIndex(Self.documents + [("children", "Trẻ nhỏ ăn gì cũng lớn nhanh.")]) { index in
            let searched = try Self.search(index, "tre nho an vo nho co tac dung gi").searchedAs
            #expect(searched == "trẻ nhỏ ăn vỏ nho có tác dụng gì")
        }
    }

    @Test func otherQueriesAreSearchedAsTyped() throws {
        try RankingTests.withIndex(Self.documents) { index in
            let question = "chat bo trong vo nho co tac dung gi"
            let searched = [
                // Accents anywhere: the person typed what they meant.
                try Self.search(index, "chat bo trong vỏ nho co tac dung gi"),
                // Keyword queries (up to four words) keep matching every form alike.
                try Self.search(index, "vo nho tac dung"),
                // Turned off, or exact accents asked for.
                try Self.search(index, question, restore: false),
                try index.search(question, options: SearchOptions(exact: true)),
            ]
            #expect(searched.map(\.searchedAs) == [nil, nil, nil, nil])
        }
    }

    @Test func restoredQuestionsFindTheirAnswerFirst() throws {
        try RankingTests.withIndex(Self.documents) { index in
            let restored = try Self.search(index, "vo nho co tac dung gi")
            let asTyped = try Self.search(index, "vo nho co tac dung gi", restore: false)
            #expect(restored.searchedAs == "vỏ nho có tác dụng gì")
            // Restored, the answer comes first; the other document with distinctive words of the
            // question ("tác dụng") follows, and the ones with only "nhỏ" (another form of a
            // restored word) do not match: a restored word brings rows in its restored form, as
            // a typed accent does.
            #expect(restored.results.map(\.path) == ["/docs/grapes", "/docs/nutrients"])
            // Searched as typed, "nho" is every form: "nhỏ" in a document about children too.
            #expect(asTyped.results.map(\.path).prefix(2) == ["/docs/grapes", "/docs/nutrients"])
        }
    }

    /// An index made before pair counts existed has none: questions are searched as typed.
    @Test func indexesWithoutPairCountsSearchAsTyped() throws {
        try RankingTests.withIndex(Self.documents) { index in
            let before = try Self.search(index, "chat bo trong vo nho co tac dung gi").searchedAs
            // Another connection's commit: the cached counts are read again.
            try SQLiteConnection(path: index.path, mode: .readWriteCreate).execute(
                "DELETE FROM term_pairs; DELETE FROM term_pair_blocks; DELETE FROM vietsearch_meta WHERE key = 'term_document_count'")
            let after = try Self.search(index, "chat bo trong vo nho co tac dung gi").searchedAs
            #expect(before != nil)
            #expect(after == nil)
        }
    }
}
