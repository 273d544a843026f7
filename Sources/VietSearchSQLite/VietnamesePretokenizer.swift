import CSQLite

/// Records what the `vietnamese` tokenizer emits for document texts, off the SQLite writer's
/// thread: the writer then replays the terms (`SQLiteConnection.withPretokenized`), so analysing
/// runs on another core. The recording comes from the tokenizer's own code path, so a replay
/// emits exactly what tokenizing would.
///
/// Not thread-safe: one per thread (it reuses the analyzer's buffers).
public final class VietnamesePretokenizer {
    public let options: VietnameseTokenizerOptions
    private let tokenizer: VietnameseFTS5Tokenizer

    public init(options: VietnameseTokenizerOptions) {
        self.options = options
        tokenizer = VietnameseFTS5Tokenizer(options: options, replay: nil)
    }

    /// The terms of `text` tokenized as a document.
    public func record(_ text: String) -> PretokenizedText {
        var text = text
        // A local reached through a pointer: appending to a class's arrays from the callback
        // paid Swift's dynamic exclusivity checks on every term.
        var recording = Recording()
        recording.keys.reserveCapacity(text.utf8.count + text.utf8.count / 2)
        // Vietnamese text has ~0.17 terms a byte (news: 20.8 million in 123 MB).
        recording.terms.reserveCapacity(text.utf8.count / 5)
        _ = withUnsafeMutablePointer(to: &recording) { state in
            text.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    tokenizer.tokenize(
                        context: UnsafeMutableRawPointer(state), flags: FTS5_TOKENIZE_DOCUMENT, text: chars.baseAddress,
                        count: Int32(chars.count), emit: recordTerm)
                }
            }
        }
        return PretokenizedText(text: text, options: options, keys: recording.keys, terms: recording.terms)
    }
}

private struct Recording {
    var keys: [UInt8] = []
    var terms: [PretokenizedText.Term] = []
}

private func recordTerm(
    _ context: UnsafeMutableRawPointer?, _ flags: Int32, _ token: UnsafePointer<CChar>?, _ count: Int32, _ start: Int32,
    _ end: Int32
) -> Int32 {
    guard let context else { return SQLITE_MISUSE }
    let recording = context.assumingMemoryBound(to: Recording.self)
    recording.pointee.terms.append(
        PretokenizedText.Term(
            keyStart: Int32(recording.pointee.keys.count), keyCount: count, start: start, end: end, flags: flags))
    recording.pointee.keys.append(contentsOf: UnsafeRawBufferPointer(start: token, count: Int(count)))
    return SQLITE_OK
}
