/// Where a text longer than a section is cut into sections (`IndexSchema.sectionBytes`): at a
/// line break in the second half of the section if there is one, else at a space or tab there,
/// else at the last character boundary. A cut at whitespace never splits a word, so every
/// section tokenizes as its part of the whole text does (only adjacency across the cut is lost).
enum TextSections {
    /// Bytes to take from the start of `bytes` (UTF-8, or a legacy 8-bit encoding, where bytes
    /// below 0x80 are ASCII): all of them when they fit in `limit`, else at most `limit`, cut
    /// as above. Never 0 for non-empty input.
    static func cut(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        guard bytes.count > limit else { return bytes.count }
        let limit = max(limit, 4)
        let earliest = limit / 2
        if let newline = lastIndex(in: bytes, from: earliest, to: limit, where: { $0 == 0x0A }) { return newline + 1 }
        if let space = lastIndex(in: bytes, from: earliest, to: limit, where: { $0 == 0x20 || $0 == 0x09 }) { return space + 1 }
        // No whitespace in half a section: before the last byte that starts a character.
        var end = limit
        while end > 1 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return end
    }

    /// The last index in `from..<to` whose byte satisfies `test`.
    private static func lastIndex(
        in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int, where test: (UInt8) -> Bool
    ) -> Int? {
        var index = to - 1
        while index >= from {
            if test(bytes[index]) { return index }
            index -= 1
        }
        return nil
    }

    /// `text` cut into sections of at most `limit` UTF-8 bytes (one section when it fits).
    static func split(_ text: String, limit: Int = IndexSchema.sectionBytes) -> [String] {
        guard text.utf8.count > limit else { return [text] }
        var sections: [String] = []
        var copy = text
        copy.withUTF8 { utf8 in
            var start = 0
            while start < utf8.count {
                let rest = UnsafeBufferPointer(rebasing: utf8[start...])
                let taken = cut(rest, limit: limit)
                sections.append(String(decoding: UnsafeBufferPointer(rebasing: rest[..<taken]), as: UTF8.self))
                start += taken
            }
        }
        return sections
    }
}
