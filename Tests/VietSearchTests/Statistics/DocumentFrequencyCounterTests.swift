import Testing

import VietSearchSQLite

@testable import VietSearch

/// Summing and subtracting counters, and listing them in key order, as `term_stats` updates do.
@Suite struct DocumentFrequencyCounterTests {
    static func counter(_ documents: [String]) -> DocumentFrequencyCounter {
        let pretokenizer = VietnamesePretokenizer(options: VietnameseTokenizerOptions(accent: .keyed))
        var counter = DocumentFrequencyCounter()
        for text in documents { counter.addDocument([pretokenizer.record(text)]) }
        return counter
    }

    static func listed(_ counter: DocumentFrequencyCounter) -> [String] {
        counter.sortedTerms().map { "\(String(decoding: $0.key, as: UTF8.self))=\($0.documents)" }
    }

    @Test func countsEachTermOncePerDocument() {
        let counter = Self.counter(["đảng đảng đang", "Đảng dang"])
        #expect(Self.listed(counter) == ["dang:=1", "dang:đang=1", "dang:đảng=2"])
        #expect(counter.documentCount == 2)
    }

    @Test func addingAndSubtracting() {
        var sum = Self.counter(["đảng viên", "hòa bình"])
        sum.add(Self.counter(["đảng đang", "bình minh supercalifragilisticexpialidocious"]))
        #expect(sum.documentCount == 4)
        #expect(
            Self.listed(sum) == [
                "binh:bình=2", "dang:đang=1", "dang:đảng=2", "hoa:hòa=1", "minh:=1",
                "supercalifragilisticexpialidocious:=1", "vien:viên=1",
            ])
        // A subtraction to zero leaves the list; one below zero stays, negative.
        sum.add(Self.counter(["bình minh supercalifragilisticexpialidocious", "minh"]), times: -1)
        #expect(sum.documentCount == 2)
        #expect(Self.listed(sum) == ["binh:bình=1", "dang:đang=1", "dang:đảng=2", "hoa:hòa=1", "minh:=-1", "vien:viên=1"])
    }

    /// Byte order, not Swift's string order or insertion order: a word's forms are adjacent, and
    /// a shorter key comes before the longer ones it begins.
    @Test func sortedTermsAreInByteOrder() {
        let counter = Self.counter(["danh dang0 đang dang đảng 1 10 2 ba bà bá"])
        let keys = counter.sortedTerms().map { Array($0.key) }
        #expect(keys.count == 11)
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
    }
}
