import Foundation
import Testing

@testable import VietSearch

/// Filters: how their values are read, and that a filtered search is exactly the unfiltered
/// search restricted to the documents that pass.
@Suite struct DocumentFilterTests {
    static func midnight(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        Int64(Calendar.current.date(from: DateComponents(year: year, month: month, day: day))!.timeIntervalSince1970) * 1_000_000_000
    }

    @Test(arguments: [
        ("2024-01-31", midnight(2024, 1, 31)),
        ("2024-02-29", midnight(2024, 2, 29)),
        ("2024-01-31T08:00:00Z", Int64(1_706_688_000) * 1_000_000_000),
        ("2024-01-31T08:00:00+07:00", Int64(1_706_662_800) * 1_000_000_000),
    ])
    func datesAreRead(text: String, nanoseconds: Int64) throws {
        let filter = try DocumentFilter(folders: [], types: [], encodings: [], after: text, before: text)
        #expect(filter.modifiedFrom == nanoseconds)
        #expect(filter.modifiedBefore == nanoseconds)
    }

    @Test(arguments: ["2023-02-29", "2024-13-01", "2024-00-10", "24-01-31", "2024-1-31", "31/01/2024", "yesterday", "", "2024-01-31T25:00:00Z"])
    func badDatesAreRefused(text: String) {
        #expect(throws: DocumentFilter.InvalidValue.self) {
            try DocumentFilter(folders: [], types: [], encodings: [], after: text, before: nil)
        }
    }

    @Test func typesFoldersAndEncodingsAreRead() throws {
        let filter = try DocumentFilter(
            folders: ["/a/b/", "/a/./c/../d"], types: ["PDF", "html,.md", " txt "], encodings: ["UTF-8, rtf/tcvn3"], after: nil, before: nil)
        #expect(filter.folders == ["/a/b", "/a/d"])
        #expect(filter.types == ["pdf", "html", "md", "txt"])
        #expect(filter.formats == ["pdf", "html", "htm", "md", "markdown", "txt", "text"])
        #expect(filter.encodings == ["utf-8", "rtf/tcvn3"])
        #expect(throws: DocumentFilter.InvalidValue.self) { try DocumentFilter(folders: [], types: ["exe"], encodings: [], after: nil, before: nil) }
        #expect(throws: DocumentFilter.InvalidValue.self) { try DocumentFilter(folders: ["docs"], types: [], encodings: [], after: nil, before: nil) }
        #expect(try DocumentFilter(folders: [""], types: [""], encodings: [" "], after: nil, before: nil).isEmpty)
    }

    /// Documents under two folders (one a prefix of the other's name), of several types,
    /// encodings and times.
    static let documents: [(path: String, format: String, encoding: String, day: Int64, body: String)] = [
        ("/data/van-ban/a.txt", "txt", "utf-8", 1, "Thuỷ điện Hoà Bình xả lũ."),
        ("/data/van-ban/b.pdf", "pdf", "utf-8", 2, "Hoà Bình và thuỷ điện Sơn La."),
        ("/data/van-ban/cu/c.doc", "doc", "doc/tcvn3", 3, "Công văn cũ về thuỷ điện Hoà Bình."),
        ("/data/van-ban-khac/d.htm", "htm", "windows-1258", 4, "Trang web về Hoà Bình."),
        ("/data/van-ban-khac/e.txt", "txt", "utf-16le", 5, "Thuỷ điện nhỏ ở Hoà Bình và Sơn La."),
        ("/data/f.md", "md", "utf-8", 6, "Ghi chép: hoà bình, thuỷ điện."),
        ("/data/g.txt", "txt", "utf-8", 7, "Không liên quan gì."),
    ]

    static func withIndex(_ body: (SearchIndex) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vietsearch-filter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let index = try SearchIndex(path: folder.appendingPathComponent("index.db").path, mode: .readWrite)
        try index.write { writer in
            for document in documents {
                try writer.upsert(
                    IndexedDocument(
                        path: document.path, title: document.path, body: document.body, size: 1,
                        modificationTime: document.day * 86_400 * 1_000_000_000, hash: document.path, encoding: document.encoding,
                        format: document.format))
            }
            try writer.refreshTermStatistics()
        }
        try body(index)
    }

    /// What the filter means, written out independently of its SQL.
    static func passes(_ document: (path: String, format: String, encoding: String, day: Int64, body: String), _ filter: DocumentFilter) -> Bool {
        let time = document.day * 86_400 * 1_000_000_000
        return (filter.folders.isEmpty || filter.folders.contains { document.path.hasPrefix(($0.hasSuffix("/") ? String($0.dropLast()) : $0) + "/") })
            && (filter.types.isEmpty || filter.formats.contains(document.format))
            && (filter.encodings.isEmpty || filter.encodings.contains(document.encoding))
            && (filter.modifiedFrom.map { time >= $0 } ?? true) && (filter.modifiedBefore.map { time < $0 } ?? true)
    }

    static var filters: [DocumentFilter] {
        let day = Int64(86_400) * 1_000_000_000
        var filters: [DocumentFilter] = []
        for folders in [[], ["/data/van-ban"], ["/data/van-ban-khac"], ["/data/van-ban/cu", "/data/van-ban-khac"], ["/"], ["/data/van"]] {
            for types in [[], ["txt"], ["html", "pdf"], ["doc"]] {
                for encodings in [[], ["utf-8"]] {
                    for (from, before) in [(nil, nil), (Int64?(2 * day), Int64?(5 * day)), (Int64?(6 * day), nil)] {
                        filters.append(DocumentFilter(folders: folders, types: types, encodings: encodings, modifiedFrom: from, modifiedBefore: before))
                    }
                }
            }
        }
        return filters
    }

    /// For every combination of filters and a few queries: the filtered results are the
    /// unfiltered ones that pass, in the same order, and the total counts them.
    @Test func filteredSearchIsTheUnfilteredSearchRestricted() throws {
        try Self.withIndex { index in
            for query in ["hoa binh", "thuỷ điện", "son la -nho", "hoa binh thuy dien son la cong van"] {
                let all = try index.search(query, options: SearchOptions(limit: 100))
                for filter in Self.filters {
                    let filtered = try index.search(query, options: SearchOptions(limit: 100, filter: filter))
                    let expected = all.results.filter { result in Self.passes(Self.documents.first { $0.path == result.path }!, filter) }
                    #expect(filtered.results.map(\.path) == expected.map(\.path), "\(query) \(filter)")
                    #expect(filtered.total == expected.filter(\.matchesAllWords).count || filtered.total == expected.count, "\(query) \(filter)")
                    let allowed = try #require(try index.allowedRowids(for: filter) ?? Optional([]))
                    let passing = Self.documents.filter { Self.passes($0, filter) }.count
                    #expect(filter.isEmpty ? try index.allowedRowids(for: filter) == nil : allowed.count == passing)
                    #expect(allowed == allowed.sorted())
                }
            }
        }
    }

    /// Paging through a filtered search gives each passing document once.
    @Test func pagingThroughAFilteredSearch() throws {
        try Self.withIndex { index in
            let filter = DocumentFilter(folders: ["/data"], types: ["txt", "pdf", "doc", "htm"])
            let whole = try index.search("hoa binh", options: SearchOptions(limit: 100, filter: filter)).results.map(\.path)
            var paged: [String] = []
            for offset in stride(from: 0, to: 10, by: 2) {
                paged += try index.search("hoa binh", options: SearchOptions(limit: 2, offset: offset, filter: filter)).results.map(\.path)
            }
            #expect(paged == whole)
            #expect(whole.count == 5)
        }
    }
}
