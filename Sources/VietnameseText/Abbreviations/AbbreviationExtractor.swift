/// An abbreviation a document defines, and what it stands for.
public struct AbbreviationDefinition: Sendable, Hashable {
    /// As written: `TCCSĐ`.
    public var abbreviation: String
    /// The expansion's accent keys joined by spaces: `tổ chức cơ sở đảng`.
    public var expansion: String

    public init(abbreviation: String, expansion: String) {
        self.abbreviation = abbreviation
        self.expansion = expansion
    }
}

/// Finds the abbreviations a text defines, in the two ways Vietnamese writing does:
/// `tổ chức cơ sở đảng (TCCSĐ)` and `UBND (Ủy ban nhân dân)`. The abbreviation is capital
/// letters (with `.`, `-` and `&` allowed between them: `TP.HCM`, `GD&ĐT`), and its letters
/// must be the initials of the expansion's syllables, one each, in order (`&` stands for `và`),
/// with nothing but spaces and dashes between the syllables. So a byline `(TTXVN)` after a
/// name, or a remark in brackets, is never taken for a definition.
public enum AbbreviationExtractor {
    /// Letters an abbreviation may have.
    static let letterRange = 2...10
    /// The longest bracketed text looked at, in bytes.
    static let maxInner = 200

    public static func definitions(in text: String) -> [AbbreviationDefinition] {
        var text = text
        return text.withUTF8 { definitions(inUTF8: $0) }
    }

    /// `definitions(in:)` over UTF-8 bytes (invalid sequences are never part of a definition).
    public static func definitions(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [AbbreviationDefinition] {
        var found: [AbbreviationDefinition] = []
        var seen = Set<AbbreviationDefinition>()
        var index = 0
        while let open = nextOpeningBracket(bytes, from: index) {
            index = open + 1
            guard let close = closingBracket(bytes, after: open) else { continue }
            let inner = trimmed(bytes, open + 1, close)
            let definition =
                expansionBefore(bytes, open: open, abbreviation: inner)
                ?? abbreviationBefore(bytes, open: open, expansion: inner)
            if let definition, seen.insert(definition).inserted { found.append(definition) }
        }
        return found
    }

    /// The index of the first `(` at or after `start`. Eight bytes at a time: this scan runs over
    /// every document indexed, and most of its words hold no bracket.
    static func nextOpeningBracket(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let brackets = ones &* UInt64(UInt8(ascii: "("))
        var index = start
        while index + 8 <= bytes.count {
            // A byte of `word` equals `(` exactly when that byte of `difference` is zero, and a
            // word with a zero byte is the one that sets a high bit here (Hacker's Delight 6-1).
            let difference = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) ^ brackets
            if (difference &- ones) & ~difference & (ones << 7) != 0 { break }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "(") { return index }
            index += 1
        }
        return nil
    }

    private enum Initial: Equatable {
        /// A letter, folded (lowercase ASCII).
        case letter(UInt8)
        /// `&`: the word `và`.
        case and
    }

    /// `Expansion (ABBR)`: the syllables right before the bracket.
    private static func expansionBefore(_ bytes: UnsafeBufferPointer<UInt8>, open: Int, abbreviation: Range<Int>)
        -> AbbreviationDefinition?
    {
        guard let initials = initials(bytes, abbreviation) else { return nil }
        var start = max(0, open - 32 * initials.count)
        while start > 0, bytes[start] & 0xC0 == 0x80 { start += 1 }
        let window = UnsafeBufferPointer(rebasing: bytes[start..<open])
        let tokens = VietnameseAnalyzer().tokens(inUTF8: window)
        guard tokens.count >= initials.count else { return nil }
        let chosen = Array(tokens.suffix(initials.count))
        // A syllable cut by the window's start is not one to read an initial from.
        guard start == 0 || chosen[0].byteRange.lowerBound > 0, onlySeparators(window, chosen.last!.byteRange.upperBound, window.count),
            let expansion = expansion(chosen, in: window, matching: initials)
        else { return nil }
        return AbbreviationDefinition(abbreviation: string(bytes, abbreviation), expansion: expansion)
    }

    /// `ABBR (Expansion)`: the word right before the bracket, the bracket holding only the
    /// expansion.
    private static func abbreviationBefore(_ bytes: UnsafeBufferPointer<UInt8>, open: Int, expansion inner: Range<Int>)
        -> AbbreviationDefinition?
    {
        var end = open
        while end > 0, isSpace(bytes[end - 1]) { end -= 1 }
        var start = end
        while start > 0, !isSpace(bytes[start - 1]), bytes[start - 1] != UInt8(ascii: "("), bytes[start - 1] != UInt8(ascii: ")") {
            start -= 1
        }
        guard start < end, let initials = initials(bytes, start..<end) else { return nil }
        let window = UnsafeBufferPointer(rebasing: bytes[inner])
        let tokens = VietnameseAnalyzer().tokens(inUTF8: window)
        guard tokens.count == initials.count, let first = tokens.first, first.byteRange.lowerBound == 0,
            tokens.last!.byteRange.upperBound == window.count,
            let expansion = expansion(tokens, in: window, matching: initials)
        else { return nil }
        return AbbreviationDefinition(abbreviation: string(bytes, start..<end), expansion: expansion)
    }

    /// The expansion's accent keys, when `tokens` are words whose initials are `initials` and
    /// only spaces and dashes separate them.
    private static func expansion(_ tokens: [Token], in window: UnsafeBufferPointer<UInt8>, matching initials: [Initial]) -> String? {
        for (offset, (token, initial)) in zip(tokens, initials).enumerated() {
            let folded = Array(token.folded.utf8)
            guard folded.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return nil }
            switch initial {
            case .letter(let letter): guard folded.first == letter else { return nil }
            case .and: guard folded == Array("va".utf8) else { return nil }
            }
            if offset > 0, !onlySeparators(window, tokens[offset - 1].byteRange.upperBound, token.byteRange.lowerBound) {
                return nil
            }
        }
        return tokens.map(\.accent).joined(separator: " ")
    }

    /// The initials an abbreviation stands for; nil unless `range` is capital letters (2 to 10)
    /// with only `.`, `-` and `&` between them.
    private static func initials(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Initial]? {
        guard range.count >= letterRange.lowerBound, range.count <= 4 * letterRange.upperBound else { return nil }
        var result: [Initial] = []
        var letters = 0
        for scalar in string(bytes, range).unicodeScalars {
            switch scalar {
            case ".", "-": continue
            case "&": result.append(.and)
            default:
                guard scalar.properties.isUppercase, let letter = foldedLetter(scalar) else { return nil }
                result.append(.letter(letter))
                letters += 1
            }
        }
        guard letterRange.contains(letters), result.first != .and, result.last != .and else { return nil }
        return result
    }

    /// A capital letter's plain lowercase ASCII letter (`Đ` → d, `Ư` → u); nil for others.
    private static func foldedLetter(_ scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value == 0x110 { return UInt8(ascii: "d") }
        var parts: [UInt32] = []
        CanonicalComposer.appendFullDecomposition(of: scalar.value, to: &parts)
        guard let base = parts.first, (0x41...0x5A).contains(base) else { return nil }
        return UInt8(base) | 0x20
    }

    /// The `)` closing the bracket opened at `open`, if near and on the same line, with no other
    /// bracket inside.
    private static func closingBracket(_ bytes: UnsafeBufferPointer<UInt8>, after open: Int) -> Int? {
        var index = open + 1
        let limit = min(bytes.count, open + 1 + maxInner)
        while index < limit {
            switch bytes[index] {
            case UInt8(ascii: ")"): return index
            case UInt8(ascii: "("), UInt8(ascii: "\n"), UInt8(ascii: "\r"): return nil
            default: index += 1
            }
        }
        return nil
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int> {
        var start = start
        var end = end
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return start..<end
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// Whether `bytes[start..<end]` holds only spaces (a no-break space too) and dashes.
    private static func onlySeparators(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard start <= end else { return false }
        return string(bytes, start..<end).unicodeScalars.allSatisfy { scalar in
            scalar == " " || scalar == "\t" || scalar == "-" || scalar.value == 0xA0 || scalar.value == 0x2013 || scalar.value == 0x2014
        }
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
