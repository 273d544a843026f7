/// What a corpus looks like, so a generated and a real corpus can be compared side by side.
public struct CorpusProfile: Sendable, CustomStringConvertible {
    public let documentCount: Int
    public let byteCount: Int
    /// Unicode scalars per document (median and largest).
    public let medianCharacters: Int
    public let maxCharacters: Int
    /// Share of bytes that are not ASCII (a rough measure of how accented the text is).
    public let nonASCIIByteShare: Double
    /// Documents containing at least one combining mark U+0300–U+036F: NFD or mixed text, or NFC
    /// text with a stray mark (a real corpus has doubled tones such as ị + U+0323).
    public let documentsWithCombiningMarks: Int

    public init(_ corpus: Corpus) {
        documentCount = corpus.documents.count
        byteCount = corpus.byteCount
        var characters: [Int] = []
        characters.reserveCapacity(corpus.documents.count)
        var nonASCII = 0
        var marked = 0
        for document in corpus.documents {
            var scalars = 0
            for byte in document {
                if byte & 0xC0 != 0x80 { scalars += 1 }
                if byte >= 0x80 { nonASCII += 1 }
            }
            characters.append(scalars)
            if Self.containsCombiningMark(document) { marked += 1 }
        }
        characters.sort()
        medianCharacters = characters.isEmpty ? 0 : characters[characters.count / 2]
        maxCharacters = characters.last ?? 0
        nonASCIIByteShare = byteCount == 0 ? 0 : Double(nonASCII) / Double(byteCount)
        documentsWithCombiningMarks = marked
    }

    /// U+0300–U+033F is CC 80–BF in UTF-8, U+0340–U+036F is CD 80–AF.
    public static func containsCombiningMark(_ bytes: [UInt8]) -> Bool {
        var index = bytes.startIndex
        while let lead = bytes[index...].firstIndex(where: { $0 == 0xCC || $0 == 0xCD }) {
            let next = lead + 1
            guard next < bytes.endIndex else { return false }
            if bytes[next] >= 0x80 && bytes[next] <= (bytes[lead] == 0xCC ? 0xBF : 0xAF) { return true }
            index = next
        }
        return false
    }

    public var description: String {
        func megabytes(_ bytes: Int) -> String {
            let tenths = (bytes + 50_000) / 100_000
            return "\(tenths / 10).\(tenths % 10) MB"
        }
        let share = Int((nonASCIIByteShare * 1000).rounded())
        return "\(documentCount) documents, \(megabytes(byteCount)) UTF-8; median \(medianCharacters) characters, "
            + "longest \(maxCharacters); \(share / 10).\(share % 10)% non-ASCII bytes; "
            + "\(documentsWithCombiningMarks) documents containing a combining mark U+0300–U+036F"
    }
}
