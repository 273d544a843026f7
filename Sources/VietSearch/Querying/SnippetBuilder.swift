import VietnameseText

/// Cuts a snippet out of a document's stored (original) text: the window of about `words` tokens
/// with the most distinct query words, query words wrapped in the highlight marks. Also tells
/// whether the document has every required word.
///
/// Built here rather than with FTS5's `snippet()`, which re-evaluates the whole MATCH expression
/// for every result row: for a question, that alone would be a large share of the search
/// (docs/ENGINE.md, "Ranking").
struct SnippetBuilder {
    /// One way a query word can occur: keys of consecutive tokens (several for a phrase or
    /// `37-NQ/TW`), folded (any accent form) or in exact mode accent keys; the last one a prefix
    /// for `prefix*`.
    struct Term: Hashable {
        var keys: [[UInt8]]
        var lastIsPrefix = false
    }

    /// The words a document must have to match all words, each with its alternatives.
    let required: [[Term]]
    /// Terms of common words, highlighted only next to other query words ("có" in "có tác dụng").
    let optional: [Term]
    let exact: Bool

    private let analyzer = VietnameseAnalyzer()

    // The terms (`required` flattened, then `optional`), compiled once for `matches`: their keys
    // back to back, compared in place with the tokens' key ranges (arrays per term and token were
    // most of the time of a page of results), and bucketed by their first byte, so a token is
    // compared only with the terms that can match it.
    private let termCount: Int
    private let optionalStart: Int
    private let wanted: [UInt8]
    /// Per key, its bytes in `wanted`; term `n`'s keys are `firstKey[n]..<firstKey[n + 1]`.
    private let wantedBounds: [(start: Int, end: Int)]
    private let firstKey: [Int]
    private let lastIsPrefix: [Bool]
    /// The terms whose first key starts with byte `b`: `bucketTerms[bucketStart[b]..<bucketStart[b + 1]]`
    /// (a term without bytes matches nothing and is in no bucket).
    private let bucketStart: [Int]
    private let bucketTerms: [Int]
    /// Per first byte, the lengths its terms' first keys can match (bit `n`: a key of `n` bytes,
    /// 63 for longer ones): most tokens of a text match no term, and this turns them away before
    /// the bucket's terms are compared.
    private let bucketLengths: [UInt64]

    init(required: [[Term]], optional: [Term], exact: Bool) {
        self.required = required
        self.optional = optional
        self.exact = exact
        let terms = required.flatMap { $0 } + optional
        termCount = terms.count
        optionalStart = terms.count - optional.count
        var wanted: [UInt8] = []
        var wantedBounds: [(start: Int, end: Int)] = []
        var firstKey: [Int] = []
        for term in terms {
            firstKey.append(wantedBounds.count)
            for key in term.keys {
                wantedBounds.append((wanted.count, wanted.count + key.count))
                wanted += key
            }
        }
        firstKey.append(wantedBounds.count)
        let firstBytes = terms.indices.map { number -> Int? in
            guard firstKey[number] < firstKey[number + 1] else { return nil }
            let bounds = wantedBounds[firstKey[number]]
            return bounds.start < bounds.end ? Int(wanted[bounds.start]) : nil
        }
        var bucketStart = [Int](repeating: 0, count: 257)
        for case let byte? in firstBytes { bucketStart[byte + 1] += 1 }
        for byte in 0..<256 { bucketStart[byte + 1] += bucketStart[byte] }
        var bucketTerms = [Int](repeating: 0, count: bucketStart[256])
        var filled = Array(bucketStart[0..<256])
        var bucketLengths = [UInt64](repeating: 0, count: 256)
        for (number, byte) in firstBytes.enumerated() {
            guard let byte else { continue }
            bucketTerms[filled[byte]] = number
            filled[byte] += 1
            let length = min(wantedBounds[firstKey[number]].end - wantedBounds[firstKey[number]].start, 63)
            // A prefix (a term's only key) matches keys at least as long as itself.
            let isPrefix = terms[number].lastIsPrefix && firstKey[number + 1] - firstKey[number] == 1
            bucketLengths[byte] |= isPrefix ? ~0 << UInt64(length) : 1 << UInt64(length)
        }
        self.wanted = wanted
        self.wantedBounds = wantedBounds
        self.firstKey = firstKey
        self.lastIsPrefix = terms.map(\.lastIsPrefix)
        self.bucketStart = bucketStart
        self.bucketTerms = bucketTerms
        self.bucketLengths = bucketLengths
    }

    /// For each token, the number of the term occurrence covering it (terms numbered in
    /// `required` then `optional` order), or -1; and every term that occurs. A token is covered by
    /// one term, but may match several: "mùa" and "mưa" have one folded key, and a text with
    /// either has both words.
    private func matches(_ tokens: TokenList) -> (term: [Int], optional: [Bool], found: Set<Int>) {
        let keys = tokens.entries.map { exact ? $0.accentKey : $0.foldedKey }
        var term = [Int](repeating: -1, count: keys.count)
        var isOptional = [Bool](repeating: false, count: keys.count)
        var found = Set<Int>()
        tokens.keyBytes.withUnsafeBufferPointer { keyBytes in
            wanted.withUnsafeBufferPointer { wanted in
                func equal(_ key: Range<Int>, _ bounds: (start: Int, end: Int), prefix: Bool) -> Bool {
                    let length = bounds.end - bounds.start
                    guard prefix ? key.count >= length : key.count == length else { return false }
                    var offset = 0
                    while offset < length {
                        guard keyBytes[key.lowerBound + offset] == wanted[bounds.start + offset] else { return false }
                        offset += 1
                    }
                    return true
                }
                for index in keys.indices where !keys[index].isEmpty {
                    let byte = Int(keyBytes[keys[index].lowerBound])
                    guard bucketLengths[byte] >> UInt64(min(keys[index].count, 63)) & 1 != 0 else { continue }
                    for slot in bucketStart[byte]..<bucketStart[byte + 1] {
                        let number = bucketTerms[slot]
                        let first = firstKey[number]
                        let count = firstKey[number + 1] - first
                        guard index + count <= keys.count else { continue }
                        var fits = true
                        for offset in 0..<count where fits {
                            let prefix = offset == count - 1 && lastIsPrefix[number]
                            fits = equal(keys[index + offset], wantedBounds[first + offset], prefix: prefix)
                        }
                        guard fits else { continue }
                        found.insert(number)
                        for offset in 0..<count where term[index + offset] < 0 {
                            term[index + offset] = number
                            isOptional[index + offset] = number >= optionalStart
                        }
                    }
                }
            }
        }
        return (term, isOptional, found)
    }

    /// Bytes of a document's stored text that a snippet reads at most: the snippet comes from
    /// the best window within them, so its cost does not grow with the document (docs/ENGINE.md,
    /// "Hostile queries and documents"). As in Lucene's highlighters (`maxAnalyzedChars`), a
    /// document whose query words all lie further in shows its opening words.
    static let scanLimit = 256 << 10

    /// The snippet of `body`, and whether `title` and `body` together have every required word
    /// (the body is analysed once for both).
    func describe(title: String, body: String, words: Int, start: String, end: String) -> (snippet: String, hasAllWords: Bool) {
        describe(title: title, body: Array(body.utf8), isCut: false, words: words, start: start, end: end)
    }

    /// The same for `body`, UTF-8 bytes that end between two tokens: the whole stored text, or
    /// its first part when `isCut` (`window(of:total:)`), marked then with an ellipsis. A cut body
    /// may lack words the rest has: `hasAllWords` false says only "not in this part".
    func describe(title: String, body utf8: [UInt8], isCut: Bool, words: Int, start: String, end: String)
        -> (snippet: String, hasAllWords: Bool)
    {
        var tokens = TokenList()
        analyzer.analyze(utf8, into: &tokens)
        let (hit, isOptional, inBody) = matches(tokens)
        var found = inBody
        if !hasEvery(found) {
            var titleTokens = TokenList()
            analyzer.analyze(title.utf8, into: &titleTokens)
            found.formUnion(matches(titleTokens).found)
        }
        var snippet = snippet(of: utf8, tokens: tokens, hit: hit, isOptional: isOptional, words: words, start: start, end: end)
        if isCut && !snippet.hasSuffix("…") { snippet += "…" }
        return (snippet, hasEvery(found))
    }

    /// How many of a stored text's first bytes a snippet reads: all `total` when within
    /// `limit`, else up to the last space, tab or line break before `limit` (so no token is cut),
    /// or, in a text without any, to the last character boundary.
    static func window(of prefix: [UInt8], total: Int, limit: Int = scanLimit) -> Int {
        guard total > limit else { return min(total, prefix.count) }
        let end = min(limit, prefix.count)
        // A break right at the limit ends the last token too.
        let seen = prefix[..<min(limit + 1, prefix.count)]
        if let space = seen.lastIndex(where: { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }), space > 0 {
            return space
        }
        var boundary = end
        while boundary > 0, boundary < prefix.count, prefix[boundary] & 0xC0 == 0x80 { boundary -= 1 }
        return boundary
    }

    /// An FTS5 expression matching the rows that have every required word, in the forms this
    /// builder matches (folded keys: every accent form; exact: the accent key), for a table
    /// tokenized with `vietnamese accent 2`; nil when there is no required word. For a document
    /// too long to read whole, it says whether the rest has the words its first part lacks.
    func everyRequiredWord(variantMarker: Character) -> String? {
        var words: [String] = []
        for alternatives in required {
            let phrases = alternatives.filter { !$0.keys.isEmpty }.map { term in
                term.keys.enumerated().map { offset, key in
                    let text = String(decoding: key, as: UTF8.self)
                    guard offset < term.keys.count - 1 || !term.lastIsPrefix else {
                        // A prefix is of the folded key, whatever the mode (as the planner writes it).
                        return "\"\(exact ? analyzer.tokens(in: text).first?.folded ?? text : text)\"*"
                    }
                    return exact ? "\"\(text)\"" : "\"\(text)\(variantMarker)\"*"
                }.joined(separator: " + ")
            }
            guard !phrases.isEmpty else { return nil }
            words.append("(" + phrases.joined(separator: " OR ") + ")")
        }
        return words.isEmpty ? nil : words.joined(separator: " AND ")
    }

    /// Whether the term numbers found cover every required word.
    private func hasEvery(_ found: Set<Int>) -> Bool {
        var first = 0
        for word in required {
            guard (first..<(first + word.count)).contains(where: found.contains) else { return false }
            first += word.count
        }
        return true
    }

    /// Where the query's words are in `text`, as byte ranges of its UTF-8, marked by the
    /// snippet's rules (common words only next to a required one): a whole document's matches,
    /// for a preview.
    func highlights(in text: String) -> [Range<Int>] {
        var tokens = TokenList()
        analyzer.analyze(Array(text.utf8), into: &tokens)
        let (hit, isOptional, _) = matches(tokens)
        let kept = Self.withoutLoneCommonWords(hit, isOptional: isOptional)
        return kept.indices.filter { kept[$0] >= 0 }.map { tokens[$0].byteRange }
    }

    /// Common words count only in a run of consecutive hits that has a required word ("quy chế
    /// chi tiêu" marks all four when "tiêu" is the rare one; a lone "chế" is no hit).
    private static func withoutLoneCommonWords(_ hit: [Int], isOptional: [Bool]) -> [Int] {
        var hit = hit
        var runStart = 0
        while runStart < hit.count {
            guard hit[runStart] >= 0 else {
                runStart += 1
                continue
            }
            var runEnd = runStart
            while runEnd < hit.count, hit[runEnd] >= 0 { runEnd += 1 }
            if (runStart..<runEnd).allSatisfy({ isOptional[$0] }) {
                for index in runStart..<runEnd { hit[index] = -1 }
            }
            runStart = runEnd
        }
        return hit
    }

    private func snippet(
        of utf8: [UInt8], tokens: TokenList, hit: [Int], isOptional: [Bool], words: Int, start: String, end: String,
        ellipsis: String = "…"
    ) -> String {
        guard !tokens.isEmpty else { return String(String(decoding: utf8, as: UTF8.self).prefix(200)) }
        let hit = Self.withoutLoneCommonWords(hit, isOptional: isOptional)
        // Slide a window of `length` tokens; best = most distinct keys, then most hits, then
        // earliest.
        let length = min(max(words, 1), tokens.count)
        var inWindow = [Int](repeating: 0, count: termCount)
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
        // Start a little before the first hit when the window allows, for context, keeping every
        // hit of the best window in it.
        var first = best.start
        let window = best.start..<(best.start + length)
        if let firstHit = window.first(where: { hit[$0] >= 0 }), let lastHit = window.last(where: { hit[$0] >= 0 }) {
            first = max(0, lastHit - length + 1, min(firstHit - 2, tokens.count - length))
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
