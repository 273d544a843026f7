/// How alike two texts are, as 2·matches / (length₁ + length₂) over their longest common
/// subsequence (Myers' O(ND) diff, fast for near-equal texts), ignoring whitespace and,
/// optionally, case. 1.0 is equal.
enum TextSimilarity {
    static func ratio(_ a: [UInt32], _ b: [UInt32]) -> Double {
        let n = a.count
        let m = b.count
        guard n + m > 0 else { return 1 }
        // Give up past 10% edits: the texts are then certainly below any threshold we test.
        let limit = max(16, (n + m) / 10)
        let offset = limit + 1
        var frontier = [Int](repeating: 0, count: 2 * limit + 3)
        for edits in 0...limit {
            for diagonal in stride(from: -edits, through: edits, by: 2) {
                var x = diagonal == -edits || (diagonal != edits && frontier[offset + diagonal - 1] < frontier[offset + diagonal + 1])
                    ? frontier[offset + diagonal + 1] : frontier[offset + diagonal - 1] + 1
                var y = x - diagonal
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                frontier[offset + diagonal] = x
                if x >= n, y >= m { return Double(n + m - edits) / Double(n + m) }
            }
        }
        return Double(n + m - limit) / Double(n + m)
    }

    /// Whitespace-insensitive; case-insensitive too unless `caseSensitive`.
    static func ratio(_ a: String, _ b: String, caseSensitive: Bool = false) -> Double {
        ratio(letters(a, caseSensitive: caseSensitive), letters(b, caseSensitive: caseSensitive))
    }

    static func ratio(bytes a: [UInt8], _ b: [UInt8]) -> Double {
        let keep = { (byte: UInt8) in byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C && byte != 0x0B }
        return ratio(a.filter(keep).map(UInt32.init), b.filter(keep).map(UInt32.init))
    }

    private static func letters(_ text: String, caseSensitive: Bool) -> [UInt32] {
        let folded = caseSensitive ? text : text.lowercased()
        return folded.unicodeScalars.filter { !$0.properties.isWhitespace }.map(\.value)
    }
}
