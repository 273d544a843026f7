/// Turns Vietnamese text (UTF-8 in any normalization form, invalid bytes included) into search
/// tokens, each with a byte range into the input, a position, a folded key and an accent key.
///
/// - Segmentation: runs of letters and digits (any script) form tokens; combining marks stay in
///   their token; zero-width characters and soft hyphens inside a word neither split it nor show
///   in keys; everything else (whitespace, punctuation, symbols, invalid UTF-8) separates. So
///   `31/8/2016` is the tokens `31 8 2016` and a phrase query for the same text finds it.
/// - Folded key: lowercase, every tone and vowel mark removed, đ → d (other Latin letters fold to
///   ASCII too: `café` → `cafe`, `ß` → `ss`).
/// - Accent key: lowercase NFC; for a Vietnamese syllable the tone sits in its canonical place
///   (`hoà` → `hòa`, `vịêt` → `việt`).
/// - i/y: a lone i/y after a consonant or `qu` is `i` in the folded key always (`ky` finds kỹ),
///   and in the accent key when it carries a tone or follows `qu` (`kỹ` = `kĩ`, `quy` = `qui`);
///   toneless `ty`/`ti`, `my`/`mi` keep distinct accent keys (công ty, Mỹ vs mi).
///
/// The analyzer is a value with no mutable state; share it freely.
public struct VietnameseAnalyzer: Sendable {
    /// Tokens longer than this many letters are split (as Lucene's standard tokenizer does), so
    /// a pathological run of letters cannot make huge keys.
    public static let maxTokenLetters = 255

    let table: ScalarTable

    public init() {
        table = ScalarTable.shared
    }

    /// Tokens of `text`, with keys as strings. Byte ranges are into `text.utf8`.
    public func tokens(in text: String) -> [Token] {
        var list = TokenList()
        analyze(text.utf8, into: &list)
        return Token.make(from: list)
    }

    /// Tokens of a UTF-8 byte buffer, with keys as strings.
    public func tokens(inUTF8 bytes: some Collection<UInt8>) -> [Token] {
        var list = TokenList()
        analyze(bytes, into: &list)
        return Token.make(from: list)
    }

    /// Analyses `bytes` into `list`, replacing its contents. Reuse one list across calls to avoid
    /// allocation. Contiguous inputs (arrays, native strings' `utf8`, buffers) are not copied.
    @inlinable
    public func analyze(_ bytes: some Collection<UInt8>, into list: inout TokenList) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { analyze(buffer: $0, into: &list) }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { analyze(buffer: $0, into: &list) }
        }
    }

    @usableFromInline
    func analyze(buffer: UnsafeBufferPointer<UInt8>, into list: inout TokenList) {
        list.prepare(inputCount: buffer.count)
        guard let input = buffer.baseAddress, !buffer.isEmpty else { return }
        let table = self.table
        var counts = (entries: 0, keys: 0)
        table.info.withUnsafeBufferPointer { info in
            table.vietnameseLetters.withUnsafeBufferPointer { letterBytes in
                list.keyStorage.withUnsafeMutableBufferPointer { keys in
                    list.entryStorage.withUnsafeMutableBufferPointer { entries in
                        list.letterStorage.withUnsafeMutableBufferPointer { letters in
                            var scanner = TokenScanner(
                                input: input, count: buffer.count, info: info.baseAddress!,
                                letterBytes: letterBytes.baseAddress!, table: table, letters: letters.baseAddress!,
                                keys: keys.baseAddress!, keyCapacity: keys.count, entries: entries.baseAddress!)
                            scanner.run()
                            counts = (scanner.entryCount, scanner.keyCount)
                        }
                    }
                }
            }
        }
        list.entryCount = counts.entries
        list.keyCount = counts.keys
    }
}
