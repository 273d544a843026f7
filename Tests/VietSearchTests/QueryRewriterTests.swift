import Foundation
import Testing
import VietSearch

/// Queries as people type them: Telex and VNI without an input method, typos. Every decision
/// comes from the index's own statistics, so each test builds the index it needs.
@Suite struct QueryRewriterTests {
    /// Texts written for these tests: common words in several documents, so pairs and counts
    /// exist to decide with.
    static let documents: [(String, String)] = [
        ("tieng-viet", "Tiếng Việt có sáu thanh điệu. Người Việt nói tiếng Việt."),
        ("nguoi", "Người dân được hỗ trợ. Người lao động có việc làm."),
        ("cho", "Con chó nhà tôi rất khôn. Chó là bạn của con người."),
        ("chim", "Chim chò và chim chòe hót trong vườn. Chim chòe than có tiếng hót hay."),
        ("grapes", "Chất bổ trong vỏ nho có tác dụng tốt cho sức khỏe."),
        ("math", "In math, cos and sin are functions, as everyone knows."),
        ("typo-corpus", "Một văn bản gõ sai: naof, vif đây là lỗi gõ."),
        ("thuoc", "Hút thuốc lá có hại cho sức khỏe của người hút thuốc lá."),
        ("vi-sao", "Vì sao hút thuốc lá có hại? Thuốc lá là gì? Vì sao trẻ em cần ngủ?"),
        ("la-gi", "Tác dụng của vỏ nho là gì? Vì sao vỏ nho có chất bổ?"),
    ]

    static func search(_ index: SearchIndex, _ text: String, literal: Bool = false) throws -> SearchResults {
        try index.search(text, options: SearchOptions(literal: literal))
    }

    @Test(arguments: [
        // Telex: tone key at the end or after the vowel, one w for ươ, capitals kept.
        ("Tieengs Vieetj", "Tiếng Việt"),
        ("Tieesng Vieejt", "Tiếng Việt"),
        ("nguowif Vieetj", "người Việt"),
        ("nguwowif dduwowcj hoox trowj", "người được hỗ trợ"),
        // VNI digits.
        ("Tie61ng Vie65t", "Tiếng Việt"),
        ("ngu7o72i d9u7o7c5", "người được"),
        // Telex punctuation and plain words: plain words stay plain.
        ("Chaats boor trong vor nho cos tacs dungj gif?", "Chất bổ trong vỏ nho có tác dụng gì?"),
        // A stray spelling some document has (`naof`, `vif`) loses to the decoded word when
        // the query is typed in Telex.
        ("Hust thuoocs las cos haij vif sao?", "Hút thuốc lá có hại vì sao?"),
    ])
    func keysAreDecoded(typed: String, meant: String) throws {
        try RankingTests.withIndex(Self.documents) { index in
            let results = try Self.search(index, typed)
            #expect(results.searchedAs == meant)
            #expect(results.rewrites.allSatisfy { $0.kind == .telex || $0.kind == .vni })
        }
    }

    @Test func wordsTheIndexHasAreSearchedAsTyped() throws {
        try RankingTests.withIndex(Self.documents) { index in
            // English words and a Vietnamese query whose words all exist: no rewrite at all.
            for query in ["cos", "cos sin", "as everyone knows", "tiếng việt", "chó", "chò chòe", "con chó", "naof"] {
                let results = try Self.search(index, query)
                #expect(results.searchedAs == nil, "\(query)")
                #expect(results.rewrites.isEmpty, "\(query)")
            }
            #expect(try Self.search(index, "cos").results.map(\.path) == ["/docs/math"])
        }
    }

    @Test func typosAreCorrectedToKnownSyllables() throws {
        try RankingTests.withIndex(Self.documents) { index in
            // Two typos in one word: left alone.
            #expect(try Self.search(index, "nguờoi lao động").searchedAs == nil)
            let corrected = try Self.search(index, "ngườj lao động")
            #expect(corrected.searchedAs == "người lao động")
            #expect(corrected.rewrites == [QueryRewrite(kind: .typo, from: "ngườj", to: "người")])
            #expect(corrected.results.first?.path == "/docs/nguoi")
            // A mark alone may differ when the typed word is no syllable (`uơi` is none).
            #expect(try Self.search(index, "nguời lao động").searchedAs == "người lao động")
            // A capital and punctuation around the word stay.
            #expect(try Self.search(index, "Ngườj lao động?").searchedAs == "Người lao động?")
            // A valid syllable the index lacks may be a word this collection does not have.
            #expect(try Self.search(index, "ngườu lao động").searchedAs == nil)
        }
    }

    /// Other engines' fuzzy search makes chó (dog) match chò and chòe (birds). Here a mark is
    /// never corrected into another: an index without chó does not read chó as chò. (Without
    /// `--exact`, an accent form the index lacks still matches its other forms, ranked by the
    /// word: that is the accent-insensitive search, not a correction.)
    @Test func marksAreNeverCorrectedAcrossExistingForms() throws {
        let withoutDog = Self.documents.filter { $0.0 != "cho" && $0.0 != "tieng-viet" && $0.0 != "nguoi" }
        try RankingTests.withIndex(withoutDog) { index in
            for query in ["chó", "con chó", "chim chó"] {
                let results = try Self.search(index, query)
                #expect(!results.rewrites.contains { $0.to.contains("chò") }, "\(query)")
                #expect(!(results.searchedAs ?? "").contains("chò"), "\(query)")
            }
            #expect(try index.search("chó", options: SearchOptions(exact: true)).results.isEmpty)
        }
    }

    /// Typed without marks, a word that spells a syllable once marked (`nuoc`: nước) is a word
    /// the collection may lack, not a typo of one it has (`duoc`: được).
    @Test func plainSyllablesTheIndexLacksStay() throws {
        try RankingTests.withIndex([("bao", "Người dân được báo trước về lũ.")]) { index in
            for query in ["nuoc", "nuoc sach", "duoc nuoc"] {
                let results = try Self.search(index, query)
                #expect(results.searchedAs == nil, "\(query)")
                #expect(results.rewrites.isEmpty, "\(query)")
            }
            // A word that spells no syllable is still read as the one it misspells.
            #expect(try Self.search(index, "ngườj dân").searchedAs == "người dân")
        }
    }

    @Test func literalTurnsEveryRewriteOff() throws {
        try RankingTests.withIndex(Self.documents) { index in
            for query in ["Tieengs Vieetj", "ngườu lao động", "chat bo trong vo nho co tac dung gi"] {
                let results = try Self.search(index, query, literal: true)
                #expect(results.searchedAs == nil, "\(query)")
                #expect(results.rewrites.isEmpty, "\(query)")
            }
        }
    }
}
