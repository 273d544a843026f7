import Foundation
import Testing
import VietSearch
import VietnameseText

/// Abbreviations in searches: one side finds the other, the literal form ranks first, the
/// definitions documents make are learned and follow the documents, a user dictionary adds its
/// own.
@Suite struct AbbreviationSearchTests {
    /// Texts written for these tests. The first two have as many words, so that length does not
    /// decide which ranks first.
    static let documents: [(String, String)] = [
        ("abbreviation", "Chủ tịch UBND tỉnh Hà Giang hôm qua ký quyết định."),
        ("expansion", "Chủ tịch ủy ban nhân dân tỉnh đã ký quyết định."),
        ("both", "Ủy ban nhân dân (UBND) tỉnh họp."),
        ("party", "Các tổ chức cơ sở đảng (TCCSĐ) đã rà soát. Sau đó, TCCSĐ báo cáo lên trên."),
        ("party-long", "Mỗi tổ chức cơ sở đảng cần củng cố."),
        ("party-short", "Ba TCCSĐ được khen thưởng."),
        ("city", "Giá nhà ở TP.HCM tăng."),
        ("city-long", "Giá nhà ở Thành phố Hồ Chí Minh tăng."),
        ("city-joined", "Giá nhà ở TPHCM tăng."),
        ("police", "Công an tỉnh vào cuộc, ca trực đêm."),
        ("province", "Khách đến Bà Rịa - Vũng Tàu đông."),
        ("dna", "Phân tích DNA của virus."),
        ("asean", "Các nước Đông Nam Á hợp tác."),
        ("province-short", "Khách đến BR-VT đông."),
        ("other", "Thời tiết hôm nay đẹp."),
    ]

    static func paths(_ results: SearchResults) -> Set<String> { Set(RankingTests.names(results)) }

    static func search(_ index: SearchIndex, _ query: String, options: SearchOptions = SearchOptions()) throws -> SearchResults {
        try index.search(query, options: options)
    }

    static func found(_ index: SearchIndex, _ query: String, options: SearchOptions = SearchOptions()) throws -> Set<String> {
        paths(try index.search(query, options: options))
    }

    @Test func eitherSideFindsTheOther() throws {
        try RankingTests.withIndex(Self.documents) { index in
            let abbreviation = try index.search("UBND")
            #expect(Self.paths(abbreviation) == ["abbreviation", "expansion", "both"])
            #expect(abbreviation.searchedAs == "UBND OR \"ủy ban nhân dân\"")
            #expect(abbreviation.rewrites == [QueryRewrite(kind: .abbreviation, from: "UBND", to: "UBND OR \"ủy ban nhân dân\"")])
            // Typed in lowercase or without marks, too.
            #expect(try Self.found(index, "ubnd") == ["abbreviation", "expansion", "both"])
            let expansion = try index.search("ủy ban nhân dân")
            #expect(Self.paths(expansion) == ["abbreviation", "expansion", "both"])
            #expect(expansion.searchedAs == "\"ủy ban nhân dân\" OR UBND")
            #expect(try Self.found(index, "uy ban nhan dan") == ["abbreviation", "expansion", "both"])
        }
    }

    @Test func theLiteralFormRanksFirst() throws {
        try RankingTests.withIndex(Self.documents) { index in
            let abbreviation = RankingTests.names(try index.search("UBND"))
            #expect(abbreviation.prefix(2).contains("abbreviation"))
            #expect(abbreviation.last == "expansion")
            let expansion = RankingTests.names(try index.search("ủy ban nhân dân"))
            #expect(expansion.last == "abbreviation")
        }
    }

    @Test func spellingsOfOneAbbreviation() throws {
        try RankingTests.withIndex(Self.documents) { index in
            for query in ["TP.HCM", "TPHCM", "TP HCM", "tp hcm", "Thành phố Hồ Chí Minh"] {
                let found = try Self.found(index, query)
                #expect(found == ["city", "city-long", "city-joined"], "\(query)")
            }
            // A dash typed between the words of an expansion is part of it.
            for query in ["Bà Rịa - Vũng Tàu", "BR-VT", "BR VT"] {
                let found = try Self.found(index, query)
                #expect(found == ["province", "province-short"], "\(query)")
            }
        }
    }

    /// Punctuation around an abbreviation (`TP HCM?` ending a question) is not part of what is
    /// shown as searched; the documents found are the same.
    @Test func punctuationAroundAnAbbreviationIsLeftOut() throws {
        try RankingTests.withIndex(Self.documents) { index in
            let question = try Self.search(index, "Giá nhà ở TP HCM?")
            #expect(question.searchedAs?.hasPrefix("Giá nhà ở \"TP HCM\" OR ") == true, "\(question.searchedAs ?? "")")
            #expect(question.searchedAs?.contains("?") == false)
            #expect(question.rewrites.map(\.from) == ["TP HCM"])
            let single = try Self.search(index, "(UBND)")
            #expect(single.searchedAs?.hasPrefix("UBND OR ") == true, "\(single.searchedAs ?? "")")
            #expect(try Self.found(index, "Giá nhà ở TP HCM?") == Self.found(index, "Giá nhà ở TP HCM"))
        }
    }

    /// `CA` is công an, but `ca` (a shift, to sing) is a word: only capitals expand.
    @Test func anAbbreviationThatIsASyllableNeedsCapitals() throws {
        try RankingTests.withIndex(Self.documents) { index in
            let lower = try Self.search(index, "ca")
            let upper = try Self.search(index, "CA")
            #expect(lower.searchedAs == nil)
            #expect(upper.searchedAs == "CA OR \"công an\"")
        }
    }

    /// `ĐNA` is Đông Nam Á; `DNA`, which the index has as typed, is its own word.
    @Test func marksOfAnAbbreviation() throws {
        try RankingTests.withIndex(Self.documents) { index in
            let plain = try Self.search(index, "DNA")
            let marked = try Self.search(index, "ĐNA")
            #expect(plain.searchedAs == nil)
            #expect(Self.paths(plain) == ["dna"])
            #expect(marked.searchedAs == "ĐNA OR \"Đông Nam Á\"")
            // The literal ĐNA, which no document has, still matches DNA's form (accents typed that
            // the index lacks say nothing): the expansion ranks first.
            #expect(RankingTests.names(marked).first == "asean")
        }
    }

    @Test func definitionsAreLearnedAndWorkBothWays() throws {
        try RankingTests.withIndex(Self.documents) { index in
            let learned = try index.learnedAbbreviations()
            #expect(learned.contains(LearnedAbbreviation(abbreviation: "TCCSĐ", expansion: "tổ chức cơ sở đảng", documents: 1)))
            // Without any dictionary: only the definition the document makes.
            index.abbreviations = AbbreviationDictionary()
            #expect(try Self.found(index, "TCCSĐ") == ["party", "party-long", "party-short"])
            #expect(try Self.found(index, "tổ chức cơ sở đảng") == ["party", "party-long", "party-short"])
        }
    }

    @Test func learnedDefinitionsFollowTheDocuments() throws {
        try RankingTests.withIndex(Self.documents) { index in
            index.abbreviations = AbbreviationDictionary()
            // Searched once before the writes, so that what the index read then is not kept.
            #expect(try Self.search(index, "TCCSĐ").searchedAs != nil)
            try index.write { writer in
                try writer.upsert(
                    IndexedDocument(
                        path: "/docs/party", title: "Tin", body: "Các tổ chức đã rà soát.", size: 10, modificationTime: 1, hash: "x",
                        encoding: "utf-8", format: "txt"))
                try writer.refreshTermStatistics()
            }
            let learned = try index.learnedAbbreviations()
            #expect(learned.map(\.abbreviation) == ["UBND"])  // "both" still defines it
            #expect(try Self.search(index, "TCCSĐ").searchedAs == nil)
            try index.write { writer in
                try writer.remove(path: "/docs/both")
                try writer.refreshTermStatistics()
            }
            let left = try index.learnedAbbreviations()
            #expect(left.isEmpty)
        }
    }

    /// A reader sees the definitions another connection's commit adds or removes.
    @Test func aReaderSeesAnotherConnectionsDefinitions() throws {
        try RankingTests.withIndex(Self.documents) { writing in
            let reader = try SearchIndex(path: writing.path, mode: .readOnly)
            reader.abbreviations = AbbreviationDictionary()
            #expect(Self.paths(try Self.search(reader, "UBND")) == ["abbreviation", "both", "expansion"])
            try writing.write { writer in
                try writer.remove(path: "/docs/both")
                try writer.refreshTermStatistics()
            }
            #expect(Self.paths(try Self.search(reader, "UBND")) == ["abbreviation"])
            try writing.write { writer in
                try writer.upsert(
                    IndexedDocument(
                        path: "/docs/again", title: "Tin", body: "Trụ sở Ủy ban nhân dân (UBND) xã.", size: 10, modificationTime: 1,
                        hash: "y", encoding: "utf-8", format: "txt"))
                try writer.refreshTermStatistics()
            }
            #expect(Self.paths(try Self.search(reader, "UBND")) == ["abbreviation", "again", "expansion"])
        }
    }

    @Test func aUserDictionaryAddsPairs() throws {
        try RankingTests.withIndex(Self.documents) { index in
            #expect(try Self.search(index, "TTĐH").searchedAs == nil)
            index.abbreviations = AbbreviationDictionary.builtin.merging(try AbbreviationDictionary(parsing: "TTĐH = thời tiết hôm nay"))
            let results = try index.search("TTĐH")
            #expect(results.searchedAs == "TTĐH OR \"thời tiết hôm nay\"")
            #expect(Self.paths(results) == ["other"])
        }
    }

    @Test func literalSearchesAsTyped() throws {
        try RankingTests.withIndex(Self.documents) { index in
            let results = try index.search("UBND", options: SearchOptions(literal: true))
            #expect(results.searchedAs == nil)
            #expect(Self.paths(results) == ["abbreviation", "both"])
        }
    }
}
