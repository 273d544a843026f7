import CSQLite

/// Any FTS5 tokenizer registered on a connection (`unicode61`, `vietnamese`…), driven directly:
/// for tests, debugging, and comparing tokenizers' speed through one harness.
public final class FTS5TokenizerHandle {
    /// One token as the tokenizer reported it.
    public struct Token: Equatable, Sendable {
        /// The indexed term (for `vietnamese`, a folded or accent key).
        public var text: String
        /// Where the word is in the tokenized text, in UTF-8 bytes.
        public var byteRange: Range<Int>
        /// Reported with `FTS5_TOKEN_COLOCATED`: another term at the previous token's position.
        public var isColocated: Bool

        public init(text: String, byteRange: Range<Int>, isColocated: Bool) {
            self.text = text
            self.byteRange = byteRange
            self.isColocated = isColocated
        }
    }

    private let connection: SQLiteConnection
    private var methods: fts5_tokenizer
    private let instance: OpaquePointer
    /// The tokenizer's registered name.
    public let name: String

    /// Instantiates the tokenizer `name` registered on `connection` with `arguments` (e.g.
    /// `["remove_diacritics", "2"]`).
    public init(connection: SQLiteConnection, name: String, arguments: [String] = []) throws(SQLiteError) {
        let api = try FTS5.api(connection.handle)
        var methods = fts5_tokenizer()
        var context: UnsafeMutableRawPointer?
        guard let find = api.pointee.xFindTokenizer, find(api, name, &context, &methods) == SQLITE_OK,
            let create = methods.xCreate
        else {
            throw SQLiteError(resultCode: SQLITE_ERROR, message: "no such tokenizer: \(name)", context: "finding a tokenizer")
        }
        // C strings that live until xCreate returns.
        var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { argument in
            let utf8 = argument.utf8CString
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count)
            utf8.withUnsafeBufferPointer { copy.initialize(from: $0.baseAddress!, count: utf8.count) }
            return copy
        }
        defer { cArguments.forEach { $0?.deallocate() } }
        var instance: OpaquePointer?
        connection.tokenizers.rejection = nil
        let rc = cArguments.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { rebound in
                create(context, rebound.baseAddress, Int32(rebound.count), &instance)
            }
        }
        guard rc == SQLITE_OK, let instance else {
            let reason = connection.tokenizers.takeRejection().map { ": \($0)" } ?? ""
            throw SQLiteError(
                resultCode: rc == SQLITE_OK ? SQLITE_ERROR : rc,
                message: "cannot create tokenizer \(name) \(arguments.joined(separator: " "))\(reason)",
                context: "creating a tokenizer")
        }
        self.connection = connection
        self.methods = methods
        self.instance = instance
        self.name = name
    }

    deinit { methods.xDelete?(instance) }

    /// Tokenizes `bytes` as a document and returns the number of tokens; the callback only
    /// counts, so this measures the tokenizer itself.
    public func countTokens(in bytes: some Collection<UInt8>) throws(SQLiteError) -> Int {
        var counter = 0
        let rc: Int32 =
            bytes.withContiguousStorageIfAvailable { buffer in
                withUnsafeMutablePointer(to: &counter) { pointer in
                    tokenize(buffer, flags: FTS5_TOKENIZE_DOCUMENT, context: UnsafeMutableRawPointer(pointer), callback: countToken)
                }
            } ?? Array(bytes).withUnsafeBufferPointer { buffer in
                withUnsafeMutablePointer(to: &counter) { pointer in
                    tokenize(buffer, flags: FTS5_TOKENIZE_DOCUMENT, context: UnsafeMutableRawPointer(pointer), callback: countToken)
                }
            }
        guard rc == SQLITE_OK else { throw SQLiteError(resultCode: rc, message: "tokenizer \(name) failed", context: "tokenizing") }
        return counter
    }

    /// The tokens of `text`; `query: true` tokenizes as FTS5 does a query string.
    public func tokens(in text: String, query: Bool = false, prefix: Bool = false) throws(SQLiteError) -> [Token] {
        let collector = TokenCollector()
        var flags = query ? FTS5_TOKENIZE_QUERY : FTS5_TOKENIZE_DOCUMENT
        if prefix { flags |= FTS5_TOKENIZE_PREFIX }
        let bytes = Array(text.utf8)
        let rc = bytes.withUnsafeBufferPointer { buffer in
            tokenize(buffer, flags: flags, context: Unmanaged.passUnretained(collector).toOpaque(), callback: collectToken)
        }
        guard rc == SQLITE_OK else { throw SQLiteError(resultCode: rc, message: "tokenizer \(name) failed", context: "tokenizing") }
        return collector.tokens
    }

    private func tokenize(
        _ buffer: UnsafeBufferPointer<UInt8>, flags: Int32, context: UnsafeMutableRawPointer?,
        callback: @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32) -> Int32
    ) -> Int32 {
        guard let xTokenize = methods.xTokenize else { return SQLITE_MISUSE }
        let text = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
        return xTokenize(instance, context, flags, text, Int32(buffer.count), callback)
    }
}

private final class TokenCollector {
    var tokens: [FTS5TokenizerHandle.Token] = []
}

private func countToken(
    _ context: UnsafeMutableRawPointer?, _ flags: Int32, _ token: UnsafePointer<CChar>?, _ count: Int32, _ start: Int32,
    _ end: Int32
) -> Int32 {
    context?.assumingMemoryBound(to: Int.self).pointee += 1
    return SQLITE_OK
}

private func collectToken(
    _ context: UnsafeMutableRawPointer?, _ flags: Int32, _ token: UnsafePointer<CChar>?, _ count: Int32, _ start: Int32,
    _ end: Int32
) -> Int32 {
    guard let context else { return SQLITE_MISUSE }
    let collector = Unmanaged<TokenCollector>.fromOpaque(context).takeUnretainedValue()
    let bytes = token.map { UnsafeRawBufferPointer(start: $0, count: Int(count)) } ?? UnsafeRawBufferPointer(start: nil, count: 0)
    collector.tokens.append(
        FTS5TokenizerHandle.Token(
            text: String(decoding: bytes, as: UTF8.self), byteRange: Int(start)..<Int(end),
            isColocated: flags & FTS5_TOKEN_COLOCATED != 0))
    return SQLITE_OK
}
