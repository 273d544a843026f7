import CSQLite

/// The recorded texts a connection's `vietnamese` tokenizers may replay
/// (`SQLiteConnection.withPretokenized`). Owned by the connection and used only on its thread.
final class TokenReplay {
    var offered: [PretokenizedText] = []
    /// Texts replayed rather than analysed (tests check that offers are taken).
    var replayed = 0

    /// A recording of exactly `input` with `options`, if one is offered.
    func recording(of input: UnsafeBufferPointer<UInt8>, options: VietnameseTokenizerOptions) -> PretokenizedText? {
        for recording in offered where recording.options == options && recording.matches(input) {
            replayed += 1
            return recording
        }
        return nil
    }

    /// Emits the recorded terms through FTS5's callback.
    static func replay(
        _ recording: PretokenizedText, context: UnsafeMutableRawPointer?, emit: VietnameseFTS5Tokenizer.TokenCallback
    ) -> Int32 {
        recording.keys.withUnsafeBufferPointer { keys -> Int32 in
            let base = UnsafeRawPointer(keys.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self)
            for term in recording.terms {
                let rc = emit(context, term.flags, base + Int(term.keyStart), term.keyCount, term.start, term.end)
                if rc != SQLITE_OK { return rc }
            }
            return SQLITE_OK
        }
    }
}
