#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import CSQLite

/// The terms the `vietnamese` tokenizer emits for one document text, recorded ahead of time by a
/// `VietnamesePretokenizer` (on another thread) so that the SQLite writer replays them instead
/// of analysing the text again: see `SQLiteConnection.withPretokenized(_:_:)`.
public struct PretokenizedText: Sendable {
    /// One emitted term: its bytes in `keys`, its byte range in `text`, FTS5 token flags.
    struct Term: Sendable {
        var keyStart: Int32
        var keyCount: Int32
        var start: Int32
        var end: Int32
        var flags: Int32
    }

    /// The text tokenized; a replay happens only for input byte-identical to it.
    let text: String
    let options: VietnameseTokenizerOptions
    let keys: [UInt8]
    let terms: [Term]

    /// Number of terms recorded.
    public var count: Int { terms.count }

    /// The recorded terms as strings, in order (for tests and debugging).
    public var termTexts: [String] {
        terms.map { term in
            String(decoding: keys[Int(term.keyStart)..<Int(term.keyStart + term.keyCount)], as: UTF8.self)
        }
    }

    /// Calls `body` with each recorded term in order: its key's bytes, and whether it shares the
    /// previous term's place (FTS5's colocated flag: a second key of the same word). What the
    /// index's statistics count, read without copying a key. (A call of `body` per term, not
    /// inlined: against counting's hashing and probing, it does not show in indexing time.)
    package func forEachTerm(_ body: (_ key: UnsafeBufferPointer<UInt8>, _ isColocated: Bool) throws -> Void) rethrows {
        try keys.withUnsafeBufferPointer { keys in
            for term in terms {
                let key = UnsafeBufferPointer(start: keys.baseAddress.map { $0 + Int(term.keyStart) }, count: Int(term.keyCount))
                try body(key, term.flags & FTS5_TOKEN_COLOCATED != 0)
            }
        }
    }

    /// True when `input` holds exactly the bytes of `text`.
    func matches(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.utf8.count == input.count else { return false }
        guard let base = input.baseAddress else { return true }
        return text.utf8.withContiguousStorageIfAvailable { stored in
            memcmp(stored.baseAddress!, base, input.count) == 0
        } ?? text.utf8.elementsEqual(input)
    }
}
