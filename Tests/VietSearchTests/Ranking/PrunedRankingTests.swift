import Foundation
import TestSupport
import Testing
import VietSearchSQLite
import VietnameseText

@testable import VietSearch

/// The pruned ranking (`PrunedRanker`) returns what scoring every match returns (the same
/// rows, scores and order, ties by rowid), whatever the query: property tests on indexes
/// generated from a vocabulary where words have several accent forms, some words are in most
/// documents and most in few; written in several transactions with updates and deletions, with
/// small FTS5 pages so that doclists span many pages (doclist indexes, position lists across
/// pages), before and after `optimize`; with filters too (only some rows allowed); and with
/// files stored in sections (a file is one result, ranked by its best section), rewritten so
/// that a file's sections are scattered over the rowids and straddle the halves ranked apart;
/// and with what the search rewrites (abbreviations expanded and scored below the typed form,
/// words typed in Telex or VNI, typos), since the rewritten query is what both rank.
@Suite struct PrunedRankingTests {

    /// Common words first (drawn most often), then words with several accent forms, then rare ones.
    static let vocabulary = [
        "là", "có", "của", "và", "người", "được", "trong", "cho", "gì", "ai", "nào",
        "đang", "đảng", "đáng", "dang", "xây", "dựng", "dùng", "dụng", "nước", "nuốc", "hoà", "hòa", "hoa", "hóa", "bình",
        "nho", "nhỏ", "nhớ", "vỏ", "vo", "võ", "thủy", "thuỷ", "thuyền", "điện", "kinh", "tế", "tễ", "chất", "bổ", "bộ", "bỏ",
        "tác", "thực", "hành", "việt", "nam", "bệnh", "viện", "lúa", "gạo", "bóng", "đá", "đà", "sông", "trường", "học",
        "luật", "dân", "sự", "tội", "phạm", "hiến", "pháp", "thuốc", "kháng", "sinh", "virus", "resveratrol", "covid", "19",
        // Abbreviations of the built-in dictionary and their expansions, in documents as one
        // draw each: a query for either side also searches the other (`isExpansion`).
        "UBND", "ủy ban nhân dân", "THPT", "trung học phổ thông", "BHXH", "bảo hiểm xã hội",
    ]

    static func word(_ numbers: inout SeededRandom) -> String {
        // Skewed: the first words are drawn far more often.
        let pick = Int(Double(vocabulary.count) * pow(Double.random(in: 0..<1, using: &numbers), 2.5))
        return vocabulary[min(pick, vocabulary.count - 1)]
    }

    static func text(_ numbers: inout SeededRandom, words: Int) -> String {
        (0..<words).map { _ in word(&numbers) }.joined(separator: " ")
    }

    /// An index of `count` documents written in batches (updates and deletions in between),
    /// FTS5 pages of `pageSize` bytes; with `sectioned`, every sixth document is a file of 2–5
    /// sections; with `optimize`, merged and its pair postings stored (`PairPostingsBuilder`);
    /// then written to again (`after`).
    static func withIndex(
        count: Int, pageSize: Int, seed: UInt64, optimize: Bool, sectioned: Bool = false, after: WritesAfterOptimize = .none,
        _ body: (SearchIndex) throws -> Void
    ) throws {
        try withTemporaryFolder("vietsearch-pruned") { folder throws in
            let path = folder.appendingPathComponent("index.db").path
            let writable = try SearchIndex(path: path, mode: .readWrite)
            try writable.connection.execute("INSERT INTO documents_fts(documents_fts, rank) VALUES('pgsz', \(pageSize))")
            var numbers = SeededRandom(seed: seed)
            for batch in 0..<4 {
                try writable.write { writer in
                    for number in 0..<(count / 4) {
                        // Later batches rewrite some earlier documents (same paths).
                        let id = batch > 0 && number % 5 == 0 ? Int.random(in: 0..<(batch * count / 4), using: &numbers) : batch * count / 4 + number
                        let body = text(&numbers, words: Int.random(in: 3...160, using: &numbers))
                        let document = IndexedDocument(
                            path: "/d/\(id).txt", title: text(&numbers, words: Int.random(in: 1...4, using: &numbers)), body: body,
                            size: Int64(body.utf8.count), modificationTime: Int64(batch), hash: "\(id)-\(batch)-\(number)",
                            encoding: "utf-8", format: "txt")
                        if sectioned, id % 6 == 0 {
                            try writeSections(document, count: Int.random(in: 2...5, using: &numbers), writer, &numbers)
                        } else {
                            try writer.upsert(document)
                        }
                    }
                    if batch == 2 {
                        for id in stride(from: 3, to: count / 2, by: 17) { try writer.remove(path: "/d/\(id).txt") }
                    }
                    try writer.refreshTermStatistics()
                }
            }
            if optimize {
                _ = try writable.optimize()
                if pageSize < 1_000 {
                    // Pairs in chunks of a few rows, as small pages split doclists: reads of a range start mid-list.
                    let lengths = DocumentLengths()
                    try lengths.load(from: writable.connection, table: "documents_fts")
                    _ = try writable.connection.transaction {
                        try PairPostingsBuilder(connection: writable.connection, chunkBytes: 4).rebuild(lengths: lengths.lengths)
                    }
                    // Block maxima of 4 rows: many blocks, each bounded tightly, so that blocks are skipped often.
                    _ = try writable.connection.transaction {
                        try BlockMaximaBuilder(connection: writable.connection, blockShift: 2)
                            .rebuild(syllables: try BlockMaximaTests.coveredSyllables(writable.connection), lengths: lengths.lengths)
                    }
                }
                #expect(try PairPostings.areCurrent(writable.connection))
                #expect(try BlockMaxima.areCurrent(writable.connection))
            }
            switch after {
            case .none: break
            case .writer:
                // Rewritten rows and new ones, through the writer: the pairs are kept current.
                for batch in 0..<2 {
                    try writable.write { writer in
                        for number in 0..<(count / 40) {
                            let id = number % 2 == 0 ? number * 7 + batch : count + batch * count + number
                            let body = text(&numbers, words: Int.random(in: 3...160, using: &numbers))
                            try writer.upsert(
                                IndexedDocument(
                                    path: "/d/\(id).txt", title: text(&numbers, words: 2), body: body, size: Int64(body.utf8.count),
                                    modificationTime: 4, hash: "\(id)-after", encoding: "utf-8", format: "txt"))
                        }
                        try writer.remove(path: "/d/\(11 + batch).txt")
                    }
                }
                #expect(try PairPostings.areCurrent(writable.connection))
                #expect(try BlockMaxima.areCurrent(writable.connection))
                #expect(try writable.connection.scalarInt("SELECT count(*) FROM pair_postings_added") ?? 0 > 0)
            case .sql:
                // Texts replaced in FTS5 by plain SQL: the pairs no longer describe them and must go unread.
                let rows = try writable.connection.prepare("SELECT id, title, body FROM documents WHERE id % 9 = 4")
                var old: [(Int64, String, String)] = []
                while try rows.step() { old.append((rows.int64(at: 0), rows.text(at: 1), rows.text(at: 2))) }
                func run(_ sql: String, _ values: [SQLiteValue]) throws {
                    let statement = try writable.connection.prepare(sql)
                    try statement.bind(values)
                    _ = try statement.step()
                }
                try writable.connection.transaction {
                    for (id, title, body) in old {
                        let new = text(&numbers, words: Int.random(in: 3...160, using: &numbers))
                        try run("INSERT INTO documents_fts(documents_fts, rowid, title, body) VALUES ('delete', ?1, ?2, ?3)", [.integer(id), .text(title), .text(body)])
                        try run("UPDATE documents SET body = ?2 WHERE id = ?1", [.integer(id), .text(new)])
                        try run("INSERT INTO documents_fts(rowid, title, body) VALUES (?1, ?2, ?3)", [.integer(id), .text(title), .text(new)])
                    }
                }
                #expect(try !PairPostings.areCurrent(writable.connection))
                #expect(try !BlockMaxima.areCurrent(writable.connection))
            }
            try body(try SearchIndex(path: path, mode: .readOnly))
        }
    }

    /// Writes `document` as a file of `count` sections, as an indexing run writes a long file:
    /// its body the first section, random texts the others.
    static func writeSections(_ document: IndexedDocument, count: Int, _ writer: IndexWriter, _ numbers: inout SeededRandom) throws {
        let id = try writer.upsert(document, mayExist: true, complete: false)
        let file = IndexWriter.SectionedFile(
            id: id, path: document.path, encoding: document.encoding, format: document.format, modificationTime: document.modificationTime)
        for number in 1..<count {
            try writer.appendSection(text(&numbers, words: Int.random(in: 3...160, using: &numbers)), number: number, of: file)
        }
        try writer.complete(file, size: document.size, modificationTime: document.modificationTime, hash: document.hash)
    }

    /// A random query: 1–6 words, accented or not, with prefixes, exclusions, phrases, OR,
    /// abbreviations, words typed in Telex or VNI, typos, and hyphenated compounds (one word
    /// whose phrase has several tokens).
    static func query(_ numbers: inout SeededRandom) -> String {
        let stripped = Bool.random(using: &numbers)
        var parts: [String] = []
        for _ in 0..<Int.random(in: 1...6, using: &numbers) {
            var word = Self.word(&numbers)
            if stripped { word = QuestionFolding.strip(word) }
            switch Int.random(in: 0..<28, using: &numbers) {
            case 20: parts.append(["UBND", "THPT", "BHXH"][Int.random(in: 0..<3, using: &numbers)])
            case 21: parts.append(KeystrokeEncoder.encode(Self.word(&numbers), method: .telex, tone: .endOfWord))
            case 22: parts.append(KeystrokeEncoder.encode(Self.word(&numbers), method: .vni, tone: .afterVowel))
            case 23 where word.count > 2:
                // A typo: one letter dropped.
                var letters = Array(word)
                letters.remove(at: Int.random(in: 1..<letters.count, using: &numbers))
                parts.append(String(letters))
            case 24, 25: parts.append("\(word)-\(Self.word(&numbers))")
            case 0: parts.append(String(word.prefix(max(1, word.count - 2))) + "*")
            case 1: parts.append("-" + Self.word(&numbers))
            case 2: parts.append("\"\(word) \(Self.word(&numbers))\"")
            case 3: parts.append("\(word) OR \(Self.word(&numbers))")
            default: parts.append(word)
            }
        }
        return parts.joined(separator: " ")
    }

    /// Searches pruned and exhaustive, and compares pages.
    /// Every random query is compared, short prefixes too: the property is about ranking, and
    /// `QueryLimits` has tests of its own (`HostileQueryTests`).
    @discardableResult
    static func compare(_ index: SearchIndex, _ query: String, _ options: SearchOptions) throws -> SearchResults {
        var options = options
        options.limits = QueryLimits(maxCharacters: .max, maxWords: .max, maxPrefixes: .max, minimumPrefixLength: 1)
        var exhaustive = options
        exhaustive.exhaustive = true
        // The pruned ranker for every query, phrases too (which searches rank through FTS5, block
        // by block when they can: compared too).
        let routing = index.phrasesThroughFTS5
        index.phrasesThroughFTS5 = false
        defer { index.phrasesThroughFTS5 = routing }
        let pruned = try index.search(query, options: options)
        let reference = try index.search(query, options: exhaustive)
        index.phrasesThroughFTS5 = true
        let scanLimit = index.phraseScanLimit
        index.phraseScanLimit = 0
        defer { index.phraseScanLimit = scanLimit }
        let throughPhrases = try index.search(query, options: options)
        #expect(throughPhrases.results.map(\.path) == reference.results.map(\.path), "phrases: \(query) \(options.limit)+\(options.offset)")
        #expect(throughPhrases.results.map(\.score) == reference.results.map(\.score), "phrases: \(query)")
        // As a search routes it: a phrase query of common syllables through the stored pairs.
        index.phraseScanLimit = scanLimit
        let routed = try index.search(query, options: options)
        #expect(routed.results.map(\.path) == reference.results.map(\.path), "routed: \(query) \(options.limit)+\(options.offset)")
        #expect(routed.results.map(\.score) == reference.results.map(\.score), "routed: \(query)")
        if !routed.totalIsEstimate { #expect(routed.total == reference.total, "routed: \(query)") }
        #expect(pruned.results.map(\.path) == reference.results.map(\.path), "\(query) \(options.limit)+\(options.offset)")
        #expect(Set(pruned.results.map(\.path)).count == pruned.results.count, "a file twice: \(query)")
        #expect(Set(reference.results.map(\.path)).count == reference.results.count, "a file twice: \(query)")
        #expect(pruned.results.map(\.score) == reference.results.map(\.score), "\(query)")
        #expect(pruned.searchedAs == reference.searchedAs)
        #expect(pruned.rewrites == reference.rewrites)
        if !pruned.totalIsEstimate { #expect(pruned.total == reference.total, "\(query)") }
        return pruned
    }

    /// What is written after `optimize` (which stores the pair postings).
    enum WritesAfterOptimize {
        case none
        /// Through `IndexWriter`, which keeps the pairs current.
        case writer
        /// Plain SQL on FTS5, after which the pairs must go unread.
        case sql
    }

    /// With pair postings stored (after `optimize`), kept through writes, and stale.
    @Test(arguments: [
        (1_600, 96, false, false, WritesAfterOptimize.none), (1_600, 4050, true, false, .none), (1_600, 96, false, true, .none),
        (1_600, 4050, true, true, .none), (1_600, 96, true, false, .none), (1_600, 4050, true, false, .writer), (1_600, 4050, true, false, .sql),
    ])
    func prunedEqualsExhaustive(count: Int, pageSize: Int, optimize: Bool, sectioned: Bool, after: WritesAfterOptimize) throws {
        try Self.withIndex(
            count: count, pageSize: pageSize, seed: UInt64(pageSize), optimize: optimize, sectioned: sectioned, after: after
        ) { index in
            if sectioned {
                // Files in sections, some of them with sections on both sides of the halves' split.
                let split = try #require(try index.connection.scalarInt("SELECT max(id) FROM documents")) / 2
                #expect(try index.connection.scalarInt("SELECT count(*) FROM documents WHERE file IS NOT NULL") ?? 0 > 100)
                #expect(try index.connection.scalarInt("SELECT count(*) FROM documents WHERE file < ?1 AND id >= ?1", [.integer(split)]) ?? 0 > 0)
            }
            var numbers = SeededRandom(seed: 7)
            // The kinds of rewrite the compared searches made: every kind must be covered.
            var kinds = Set<QueryRewrite.Kind>()
            for round in 0..<80 {
                let query = Self.query(&numbers)
                let limit = [1, 10, 10, 30][round % 4]
                let results = try Self.compare(index, query, SearchOptions(limit: limit, offset: round % 7 == 0 ? 5 : 0, snippetWords: 1))
                kinds.formUnion(results.rewrites.map(\.kind))
                if round % 4 == 1 {
                    // Filtered: documents of the middle two batches, or of the last one.
                    let filter = round % 8 == 1 ? DocumentFilter(modifiedFrom: 1, modifiedBefore: 3) : DocumentFilter(modifiedFrom: 3)
                    try Self.compare(index, query, SearchOptions(limit: limit, snippetWords: 1, filter: filter))
                }
            }
            // Abbreviations beside the words they follow or precede, either side typed.
            for text in [
                "UBND xây dựng", "ủy ban nhân dân xây dựng", "xây dựng UBND", "THPT luật", "trường THPT", "bảo hiểm xã hội BHXH",
                "UBND THPT", "ubnd", "\"ủy ban nhân dân\" bóng đá",
            ] {
                kinds.formUnion(try Self.compare(index, text, SearchOptions(limit: 10, snippetWords: 1)).rewrites.map(\.kind))
                try Self.compare(index, text, SearchOptions(limit: 3, snippetWords: 1))
            }
            // Questions (more than four words), typed with accents and without.
            for text in [
                "người thực hành là ai trong luật dân sự", "nguoi thuc hanh la ai trong luat dan su", "chất bổ trong vỏ nho có tác dụng gì",
                "thuốc kháng sinh có tác dụng gì với virus covid 19", "bóng đá việt nam có gì mới",
                "nguwowif thuwcj hanhf laf ai trong luaatj daan suwj", "cha6t1 bo63 trong vo3 nho co1 ta1c du5ng gi2",
                "bóng đá viêt nam có gì mói", "UBND có xây dựng trường THPT",
                // A rare compound among common words: its bound must fall where it is absent.
                "thuốc kháng-sinh có tác dụng gì với covid-19 là gì", "thuoc khang-sinh co tac dung gi voi covid-19 la gi",
            ] {
                kinds.formUnion(try Self.compare(index, text, SearchOptions(limit: 10, snippetWords: 1)).rewrites.map(\.kind))
                try Self.compare(index, text, SearchOptions(limit: 10, snippetWords: 1, restoreAccents: false))
            }
            #expect(kinds.isSuperset(of: [.abbreviation, .telex, .vni, .typo, .accents]), "\(kinds)")
        }
    }
}

/// Diacritics removed and đ → d, as people type without them.
enum QuestionFolding {
    static func strip(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
                    .decomposedStringWithCanonicalMapping.unicodeScalars.filter { !$0.properties.isDiacritic && $0.properties.generalCategory != .nonspacingMark }))
    }
}
