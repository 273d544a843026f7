/// Similarity of a decoded text and its transcript, case- and whitespace-insensitive.
///
/// Both texts are lower-cased and split into words at whitespace runs (so any run counts as one
/// space). The metric is difflib's ratio over characters, 2·M / T, where T is the number of
/// characters in both texts (each word plus one separator) and M the characters of a common
/// subsequence: words are aligned first (the standard library's Myers diff), and the characters
/// of each unaligned stretch are then aligned by an exact LCS. A stretch too large for the LCS
/// counts as no match, so the ratio can only be underestimated.
enum TextSimilarity {
    static func words(_ text: String) -> [[Unicode.Scalar]] {
        text.lowercased().split(whereSeparator: \.isWhitespace).map { Array($0.unicodeScalars) + [" "] }
    }

    static func ratio(_ a: String, _ b: String) -> Double {
        let left = words(a)
        let right = words(b)
        let total = left.reduce(0) { $0 + $1.count } + right.reduce(0) { $0 + $1.count }
        guard total > 0 else { return 1 }
        let difference = right.difference(from: left)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var matched = 0
        var i = 0
        var j = 0
        while i < left.count || j < right.count {
            var gapLeft: [Unicode.Scalar] = []
            var gapRight: [Unicode.Scalar] = []
            while i < left.count, removed.contains(i) {
                gapLeft += left[i]
                i += 1
            }
            while j < right.count, inserted.contains(j) {
                gapRight += right[j]
                j += 1
            }
            matched += lcs(gapLeft, gapRight)
            if i < left.count, j < right.count, !removed.contains(i), !inserted.contains(j) {
                matched += left[i].count
                i += 1
                j += 1
            }
        }
        return 2 * Double(matched) / Double(total)
    }

    static func lcs(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty, !b.isEmpty, a.count * b.count <= 25_000_000 else { return 0 }
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        for x in a {
            for (k, y) in b.enumerated() {
                current[k + 1] = x == y ? previous[k] + 1 : max(previous[k + 1], current[k])
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
