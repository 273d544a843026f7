import VietnameseText

/// Encodes text in a legacy encoding by inverting its decoder: each character to the shortest
/// byte sequence (one byte, else a byte and a mark or tone byte) that decodes to that character
/// whatever letter comes before it (VNI's byte 0xE1 alone is `á`, but after an `o` it is the mark
/// that makes `ố`; `á` is `a` and a mark byte). The round-trip tests use it; the fixtures' bytes
/// come from iconv and `Tools/make-legacy-fixtures.py` instead, so that an error this shares with
/// the tables cannot hide there.
struct LegacyEncoder: Sendable {
    let encoding: LegacyEncoding
    private let sequences: [Character: [UInt8]]

    /// Letters a sequence must not combine with.
    private static let contexts = Array("aeiouyAEIOUYdD ".utf8)

    init(_ encoding: LegacyEncoding) {
        self.encoding = encoding
        var candidates: [Character: [[UInt8]]] = [:]
        func add(_ bytes: [UInt8]) {
            let decoded = encoding.decode(bytes)
            guard decoded.count == 1, let character = decoded.first else { return }
            candidates[character, default: []].append(bytes)
        }
        for byte in 0...255 { add([UInt8(byte)]) }
        for first in 0x20...0xFF {
            for second in 0x80...0xFF { add([UInt8(first), UInt8(second)]) }
        }
        sequences = candidates.compactMapValues { sequences in
            sequences.first { sequence in
                let character = encoding.decode(sequence)
                return Self.contexts.allSatisfy { context in
                    let decoded = encoding.decode([context] + sequence)
                    return Array(decoded.unicodeScalars) == Array((String(UnicodeScalar(context)) + character).unicodeScalars)
                }
            }
        }
    }

    static let all: [LegacyEncoding: LegacyEncoder] = Dictionary(
        uniqueKeysWithValues: LegacyEncoding.allCases.map { ($0, LegacyEncoder($0)) })

    /// The bytes, or nil when a character has no sequence (a capital with a tone in TCVN3, say).
    func encode(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for character in text {
            guard let sequence = sequences[character] else { return nil }
            bytes += sequence
        }
        return bytes
    }

    func canEncode(_ character: Character) -> Bool { sequences[character] != nil }
}
