import TestSupport

/// Queries written to break a search, seeded: random Unicode (controls, C1, bidirectional
/// overrides, combining marks, emoji, other scripts), FTS5 syntax soup, the most common words
/// in their costliest shapes (plain, as phrases, OR'd, excluded, as short prefixes) up to and
/// past the `QueryLimits`, repeats, codes of many tokens, and huge queries; with options that
/// stress paging (`--offset` near `Int.max`), `--exact` and `--no-restore-accents`.
struct HostileQueries {
    var random: SeededRandom

    /// Common words, plain and accented: each matches thousands of documents of a news index.
    static let common = [
        "của", "là", "và", "có", "các", "người", "một", "những", "được", "cho", "trong", "khi", "năm", "này", "để", "đến",
        "với", "từ", "ra", "không", "đã", "sẽ", "thì", "tại", "về", "theo", "như", "trên", "vào", "cũng", "nhiều", "lại",
        "cua", "la", "va", "co", "cac", "nguoi", "mot", "nhung", "duoc", "trong", "nam", "nay", "de", "den", "voi", "tu",
        "dang", "đảng", "xay", "dựng", "hoa", "binh", "thuy", "dien", "nuoc", "viet", "thanh", "pho", "ha", "noi",
    ]
    static let syntax = ["OR", "AND", "NOT", "NEAR(", "NEAR", "-", "*", "\"", "(", ")", "^", ":", "col:", "body:", "{", "}", "+", "\\", "'", "--", "-h", "--json", "OR OR"]
    static let prefixes = ["t", "th", "tr", "ng", "nh", "ch", "kh", "ph", "gi", "c", "n", "đ", "thu", "tha", "ngu", "nhu", "kho", "duo", "đả", "a", "x"]
    /// Scalars that are not letters: controls, C1, bidi, zero-width, combining marks, other scripts.
    static let odd: [String] = [
        "\u{1}", "\u{2}", "\u{7}", "\u{8}", "\u{9}", "\u{A}", "\u{B}", "\u{C}", "\u{D}", "\u{1B}", "\u{7F}", "\u{85}",
        "\u{9B}", "\u{A0}", "\u{AD}", "\u{200B}", "\u{200D}", "\u{202E}", "\u{2066}", "\u{2028}", "\u{3000}", "\u{FEFF}",
        "\u{FFFD}", "\u{FFFE}", "\u{301}", "\u{309}", "\u{323}", "\u{31B}", "😀", "👍🏽", "中", "文", "ع", "ש", "ก", "Ω", "ǅ",
        "ﬁ", "Ⅻ", "①", "𝔸", "\u{10FFFF}", "\u{E000}",
    ]

    /// The arguments after `vnsearch search`, before `--db`.
    mutating func next() -> [String] {
        let query: String
        switch random.int(0...11) {
        case 0: query = unicodeSoup()
        case 1: query = syntaxSoup()
        case 2, 3: query = words(count: random.int(1...80))
        case 4: query = Array(repeating: "\"\(random.pick(Self.common)) \(random.pick(Self.common))\"", count: random.int(2...3_000)).joined(separator: " ")
        case 5: query = random.pick(Self.common) + " " + (0..<random.int(1...300)).map { "-\(random.pick(Self.common))\($0 % 7)" }.joined(separator: " ")
        case 6: query = (0..<random.int(1...8)).map { _ in random.pick(Self.prefixes) + "*" }.joined(separator: " ")
        case 7: query = code()
        // Huge, yet under the system's limit for one argument (128 KiB).
        case 8: query = String(words(count: random.int(200...20_000)).unicodeScalars.prefix(40_000))
        case 9: query = (0..<random.int(1...40)).map { _ in random.pick([" ", "\t", "\n", "\u{A0}", "\u{3000}", "\u{2028}"]) }.joined()
        case 10: query = costliestWithinLimits()
        default: query = words(count: random.int(1...6)) + " " + unicodeSoup()
        }
        var arguments: [String] = ["--json"]
        if random.chance(0.2) { arguments.append("--exact") }
        if random.chance(0.2) { arguments.append("--no-restore-accents") }
        if random.chance(0.15) { arguments += ["--offset", String(random.pick([1, 10, 1_000, Int.max, Int.max - 1, Int.max / 2]))] }
        if random.chance(0.15) { arguments += ["--limit", String(random.pick([0, 1, 50, 1_000]))] }
        // Mostly after `--`, as a script would pass anything; sometimes bare, as typed.
        return random.chance(0.8) ? arguments + ["--", query] : arguments + [query]
    }

    private mutating func unicodeSoup() -> String {
        let letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ0123456789 ,.;!?\"'*-()[]{}:^+/\\%&$#@~`|<>=_".unicodeScalars.map { String($0) }
        return (0..<random.int(1...200)).map { _ in random.chance(0.3) ? random.pick(Self.odd) : random.pick(letters) }.joined()
    }

    private mutating func syntaxSoup() -> String {
        (0..<random.int(1...40)).map { _ in random.chance(0.5) ? random.pick(Self.syntax) : random.pick(Self.common) }
            .joined(separator: random.chance(0.5) ? " " : "")
    }

    /// Words in every query shape: plain, quoted phrases, OR'd, excluded, prefixes.
    private mutating func words(count: Int) -> String {
        (0..<count).map { _ in
            let word = random.pick(Self.common)
            switch random.int(0...9) {
            case 0: return "\"\(word) \(random.pick(Self.common))\""
            case 1: return "\(word) OR \(random.pick(Self.common))"
            case 2: return "-\(word)"
            case 3: return String(word.prefix(random.int(1...3))) + "*"
            default: return word
            }
        }.joined(separator: " ")
    }

    private mutating func code() -> String {
        let separators = ["/", "-", ".", ",", ":", "_"]
        let parts = (0..<random.int(1...120)).map { _ in random.chance(0.7) ? String(random.int(0...99_999)) : random.pick(["NQ", "TW", "QĐ", "UBND", "đ", "x"]) }
        var code = ""
        for part in parts { code += part + random.pick(separators) }
        return random.chance(0.5) ? code : "\"\(code)\""
    }

    /// The dearest queries the limits accept: up to 4 three-letter prefixes, then common words
    /// as two-word phrases, OR'd and plain, up to 48 words as `QueryLimits` counts them (a word
    /// of a phrase three times, a prefix six times).
    private mutating func costliestWithinLimits() -> String {
        var parts = (0..<random.int(0...4)).map { _ in random.pick(["ngu", "nhu", "kho", "duo", "tro", "cua", "tha", "thi", "cho", "nha"]) + "*" }
        var words = 6 * parts.count
        while words < 48 {
            switch random.int(0...2) {
            case 0 where words <= 42:
                parts.append("\"\(random.pick(Self.common)) \(random.pick(Self.common))\"")
                words += 6
            case 1 where words <= 46:
                parts.append("\(random.pick(Self.common)) OR \(random.pick(Self.common))")
                words += 2
            default:
                parts.append(random.pick(Self.common))
                words += 1
            }
        }
        return parts.joined(separator: " ")
    }
}
