import VietnameseText

/// Cuts a snippet out of a document's stored (original) text: the window of about `words` tokens
/// with the most distinct query words, query words wrapped in the highlight marks. Also tells
/// whether the document has every required word.
///
/// Built here rather than with FTS5's `snippet()`, which re-evaluates the whole MATCH expression
/// for every result row (8 ms for a page of ten question results, measured with `ranking-eval`).
struct SnippetBuilder {
    /// Keys of the words a document must have to match all words (per word, any of its keys):
    /// folded keys (any accent form), or in exact mode accent keys.
    var required: [Set<[UInt8]>]
    /// Keys of common words, highlighted only next to another query word ("có" in "có tác dụng").
    var optional: Set<[UInt8]>
    /// Folded key prefixes of `prefix*` words.
    var prefixes: [[UInt8]]
    var exact: Bool

    private let analyzer = VietnameseAnalyzer()

    init(required: [Set<[UInt8]>], optional: Set<[UInt8]>, prefixes: [[UInt8]], exact: Bool) {
        self.required = required
        self.optional = optional
        self.prefixes = prefixes
        self.exact = exact
    }

    /// Whether `title` and `text` together have every required word.
    func hasAllWords(title: String, text: String) -> Bool {
        var missing = Set(required.indices)
        var tokens = TokenList()
        for part in [title, text] where !missing.isEmpty {
            analyzer.analyze(part.utf8, into: &tokens)
            let keyBytes = tokens.keyBytes
            for token in tokens.entries {
                let key = Array(keyBytes[exact ? token.accentKey : token.foldedKey])
                missing = missing.filter { !required[$0].contains(key) }
                if missing.isEmpty { break }
            }
        }
        return missing.isEmpty
    }

    func snippet(of text: String, words: Int, start: String, end: String, ellipsis: String = "…") -> String {
        var tokens = TokenList()
        let utf8 = Array(text.utf8)
        analyzer.analyze(utf8, into: &tokens)
        guard !tokens.isEmpty else { return String(text.prefix(200)) }
        let keyBytes = tokens.keyBytes
        let keys = required.reduce(into: Set<[UInt8]>()) { $0.formUnion($1) }
        // Which query key each token is (-1: none), keys numbered as first met.
        var numbers: [[UInt8]: Int] = [:]
        var hit = [Int](repeating: -1, count: tokens.count)
        var isOptional = [Bool](repeating: false, count: tokens.count)
        for (index, token) in tokens.entries.enumerated() {
            let key = Array(keyBytes[exact ? token.accentKey : token.foldedKey])
            isOptional[index] = optional.contains(key)
            if keys.contains(key) || isOptional[index] || prefixes.contains(where: { key.starts(with: $0) }) {
                if let number = numbers[key] {
                    hit[index] = number
                } else {
                    hit[index] = numbers.count
                    numbers[key] = numbers.count
                }
            }
        }
        // A common word alone is no hit.
        let alone = tokens.entries.indices.filter { index in
            isOptional[index] && !(index > 0 && hit[index - 1] >= 0) && !(index + 1 < tokens.count && hit[index + 1] >= 0)
        }
        for index in alone { hit[index] = -1 }
        // Slide a window of `length` tokens; best = most distinct keys, then most hits, then
        // earliest.
        let length = min(max(words, 1), tokens.count)
        var inWindow = [Int](repeating: 0, count: numbers.count)
        var distinct = 0
        var hits = 0
        func add(_ index: Int, _ delta: Int) {
            let key = hit[index]
            guard key >= 0 else { return }
            if delta > 0 && inWindow[key] == 0 { distinct += 1 }
            inWindow[key] += delta
            if delta < 0 && inWindow[key] == 0 { distinct -= 1 }
            hits += delta
        }
        for index in 0..<length { add(index, 1) }
        var best = (start: 0, distinct: distinct, hits: hits)
        if length < tokens.count {
            for first in 1...(tokens.count - length) {
                add(first - 1, -1)
                add(first + length - 1, 1)
                if distinct > best.distinct || (distinct == best.distinct && hits > best.hits) {
                    best = (first, distinct, hits)
                }
            }
        }
        // Start a little before the first hit when the window allows, for context.
        var first = best.start
        if let firstHit = (best.start..<(best.start + length)).first(where: { hit[$0] >= 0 }) {
            first = max(0, min(firstHit - 2, tokens.count - length))
            if firstHit >= first + length { first = best.start }
        }
        let last = min(first + length, tokens.count) - 1

        var output = first > 0 ? ellipsis : ""
        var cursor = tokens[first].byteRange.lowerBound
        for index in first...last {
            let range = tokens[index].byteRange
            output += String(decoding: utf8[cursor..<range.lowerBound], as: UTF8.self)
            let word = String(decoding: utf8[range], as: UTF8.self)
            output += hit[index] >= 0 ? start + word + end : word
            cursor = range.upperBound
        }
        if last < tokens.count - 1 {
            // Keep closing punctuation that belongs to the last word (a quote, a full stop).
            let next = tokens[last + 1].byteRange.lowerBound
            let tail = utf8[cursor..<next].prefix { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
            output += String(decoding: tail, as: UTF8.self) + ellipsis
        } else {
            output += String(decoding: utf8[cursor...], as: UTF8.self)
        }
        return output
    }
}
