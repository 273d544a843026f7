import CSQLite
import VietnameseText

/// The `vietnamese` FTS5 tokenizer: `VietnameseAnalyzer` behind SQLite's v1 tokenizer API.
///
/// FTS5 creates one instance per table and connection and calls it from one thread at a time,
/// so each instance owns reusable buffers and tokenizing allocates nothing once warm.
final class VietnameseFTS5Tokenizer {
    let options: VietnameseTokenizerOptions
    let analyzer = VietnameseAnalyzer()
    var tokens = TokenList()
    /// Recordings offered by the connection; nil in the loadable extension and the recorder.
    let replay: TokenReplay?

    init(options: VietnameseTokenizerOptions, replay: TokenReplay?) {
        self.options = options
        self.replay = replay
    }

    typealias TokenCallback = @convention(c) (
        UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32
    ) -> Int32

    func tokenize(
        context: UnsafeMutableRawPointer?, flags: Int32, text: UnsafePointer<CChar>?, count: Int32,
        emit: TokenCallback
    ) -> Int32 {
        guard let text, count > 0 else { return SQLITE_OK }
        let bytes = UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self)
        let input = UnsafeBufferPointer(start: bytes, count: Int(count))
        let isQuery = flags & FTS5_TOKENIZE_QUERY != 0
        if !isQuery, let replay, !replay.offered.isEmpty, let recording = replay.recording(of: input, options: options) {
            return TokenReplay.replay(recording, context: context, emit: emit)
        }
        analyzer.analyze(input, into: &tokens)
        let isPrefix = flags & FTS5_TOKENIZE_PREFIX != 0
        let accent = options.accent
        let list = self.tokens
        // Raw buffers: this loop runs once per token of every document indexed.
        return list.entries.withUnsafeBufferPointer { entries -> Int32 in
            list.keyBytes.withUnsafeBufferPointer { keys -> Int32 in
                let base = UnsafeRawPointer(keys.baseAddress ?? UnsafePointer(bitPattern: 1)!)
                    .assumingMemoryBound(to: CChar.self)
                for token in entries {
                    let range = token.byteRange
                    let start = Int32(truncatingIfNeeded: range.lowerBound)
                    let end = Int32(truncatingIfNeeded: range.upperBound)
                    let folded = token.foldedKey
                    var rc: Int32
                    switch accent {
                    case .folded:
                        rc = emit(context, 0, base + folded.lowerBound, Int32(folded.count), start, end)
                    case .colocated:
                        if isQuery {
                            let key = token.hasDiacritics ? token.accentKey : folded
                            rc = emit(context, 0, base + key.lowerBound, Int32(key.count), start, end)
                        } else {
                            rc = emit(context, 0, base + folded.lowerBound, Int32(folded.count), start, end)
                            if rc == SQLITE_OK, token.hasDistinctAccentKey {
                                let key = token.accentKey
                                rc = emit(context, FTS5_TOKEN_COLOCATED, base + key.lowerBound, Int32(key.count), start, end)
                            }
                        }
                    case .keyed:
                        // `folded:accent` (or `folded:`) is one slice of the key buffer. A
                        // variant prefix (`dang\u{2}"*`) asks for `dang:`; a plain prefix stays folded.
                        var key = token.combinedKey
                        if isQuery && isPrefix {
                            let next = range.upperBound
                            let variant = next < input.count && input[next] == VietnameseTokenizerOptions.variantMarker
                            key = variant ? token.variantPrefix : folded
                        }
                        rc = emit(context, 0, base + key.lowerBound, Int32(key.count), start, end)
                    }
                    if rc != SQLITE_OK { return rc }
                }
                return SQLITE_OK
            }
        }
    }
}

// MARK: - C entry points (no captures: FTS5 calls them through plain function pointers)

private func vietnameseCreate(
    _ context: UnsafeMutableRawPointer?, _ arguments: UnsafeMutablePointer<UnsafePointer<CChar>?>?, _ count: Int32,
    _ output: UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 {
    var strings: [String] = []
    for index in 0..<Int(count) {
        if let argument = arguments?[index] { strings.append(String(cString: argument)) }
    }
    let registration = context.map { Unmanaged<VietnameseTokenizerRegistration>.fromOpaque($0).takeUnretainedValue() }
    do {
        let options = try VietnameseTokenizerOptions(arguments: strings)
        let tokenizer = VietnameseFTS5Tokenizer(options: options, replay: registration?.replay)
        // Released in vietnameseDelete.
        output?.pointee = OpaquePointer(Unmanaged.passRetained(tokenizer).toOpaque())
        return SQLITE_OK
    } catch {
        output?.pointee = nil
        // FTS5 replaces any message with "error in tokenizer constructor"; this one goes to
        // SQLite's log and to the connection's next error (see `VietnameseTokenizerRegistration`).
        registration?.reject(error.description)
        return SQLITE_ERROR
    }
}

private func releaseRegistration(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    Unmanaged<VietnameseTokenizerRegistration>.fromOpaque(pointer).release()
}

private func vietnameseDelete(_ tokenizer: OpaquePointer?) {
    guard let tokenizer else { return }
    Unmanaged<VietnameseFTS5Tokenizer>.fromOpaque(UnsafeRawPointer(tokenizer)).release()
}

private func vietnameseTokenize(
    _ tokenizer: OpaquePointer?, _ context: UnsafeMutableRawPointer?, _ flags: Int32, _ text: UnsafePointer<CChar>?,
    _ count: Int32, _ emit: VietnameseFTS5Tokenizer.TokenCallback?
) -> Int32 {
    guard let tokenizer, let emit else { return SQLITE_MISUSE }
    let instance = Unmanaged<VietnameseFTS5Tokenizer>.fromOpaque(UnsafeRawPointer(tokenizer)).takeUnretainedValue()
    return instance.tokenize(context: context, flags: flags, text: text, count: count, emit: emit)
}

/// The name SQLite keeps a pointer to; a StaticString so the pointer stays valid.
private let tokenizerName: StaticString = "vietnamese"

/// Registers `vietnamese` on the FTS5 of one connection. Shared by the app-side registration and
/// the loadable extension (which reaches `fts5_api` through its routines table); see
/// `VietnameseTokenizerRegistration` for what the tokenizers of the registration share.
package func registerVietnameseTokenizer(fts5: UnsafeMutablePointer<fts5_api>, routines: UnsafePointer<sqlite3_api_routines>? = nil) -> Int32 {
    registerVietnameseTokenizer(fts5: fts5, registration: VietnameseTokenizerRegistration(replay: nil, routines: routines))
}

func registerVietnameseTokenizer(fts5: UnsafeMutablePointer<fts5_api>, registration: VietnameseTokenizerRegistration) -> Int32 {
    var tokenizer = fts5_tokenizer(xCreate: vietnameseCreate, xDelete: vietnameseDelete, xTokenize: vietnameseTokenize)
    guard let create = fts5.pointee.xCreateTokenizer else { return SQLITE_ERROR }
    let name = UnsafeRawPointer(tokenizerName.utf8Start).assumingMemoryBound(to: CChar.self)
    // FTS5 copies the struct and the name, so locals are fine here; it keeps the registration
    // until the connection closes, then releases it.
    let context = Unmanaged.passRetained(registration)
    let rc = create(fts5, name, context.toOpaque(), &tokenizer, releaseRegistration)
    // FTS5 does not call the destructor when registration fails.
    if rc != SQLITE_OK { context.release() }
    return rc
}
