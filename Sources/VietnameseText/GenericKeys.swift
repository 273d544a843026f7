/// Keys for a token that is not plain Vietnamese: other Latin letters and marks (café, naïve,
/// Straße), Greek, Cyrillic, CJK… The slow but general path: lowercase, full canonical
/// decomposition, canonical mark order, then composition (NFC) for the accent key, and marks
/// dropped plus a few Latin letters spelled in ASCII for the folded key.
///
/// NFC here is exact for scalars below U+3000 (the table's range); above it, text is lowercased
/// but not recomposed (no Hangul composition).
struct GenericKeys {
    var folded: [UInt8] = []
    var accent: [UInt8] = []
    /// The token's decomposition has a combining mark (ñ, é, ǘ…).
    var hasMarks = false

    init(table: ScalarTable, bytes: UnsafeBufferPointer<UInt8>) {
        var decomposed: [UInt32] = []
        decomposed.reserveCapacity(bytes.count)
        // Token bytes are valid UTF-8: the scanner treats invalid bytes as separators.
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if ScalarTable.isIgnorable(scalar.value) { continue }
            table.appendDecomposition(of: scalar.value, to: &decomposed)
        }
        Self.reorderMarks(&decomposed)

        hasMarks = decomposed.contains { Self.isMark($0, table) }
        for s in decomposed where Self.combiningClass(s) == 0 && !Self.isMark(s, table) {
            if let ascii = Self.asciiFolding(s) {
                folded.append(contentsOf: ascii.utf8)
            } else {
                Self.appendUTF8(s, to: &folded)
            }
        }
        for s in Self.compose(decomposed) { Self.appendUTF8(s, to: &accent) }
    }

    private static func isMark(_ s: UInt32, _ table: ScalarTable) -> Bool {
        let info = s < ScalarTable.tableLimit ? table.info[Int(s)] : ScalarTable.slowInfo(s)
        let kind = info & 7
        return kind == ScalarInfo.Kind.vietnameseMark.rawValue || kind == ScalarInfo.Kind.otherMark.rawValue
    }

    private static func combiningClass(_ s: UInt32) -> UInt8 {
        guard s >= 0x300, let scalar = Unicode.Scalar(s) else { return 0 }
        return scalar.properties.canonicalCombiningClass.rawValue
    }

    /// Canonical ordering: a stable sort of each run of non-starters by combining class.
    private static func reorderMarks(_ scalars: inout [UInt32]) {
        var index = 0
        while index < scalars.count {
            guard combiningClass(scalars[index]) != 0 else {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, combiningClass(scalars[end]) != 0 { end += 1 }
            if end - index > 1 {
                let run = scalars[index..<end].enumerated().sorted {
                    (combiningClass($0.element), $0.offset) < (combiningClass($1.element), $1.offset)
                }
                scalars.replaceSubrange(index..<end, with: run.map(\.element))
            }
            index = end
        }
    }

    /// The canonical composition algorithm (UAX #15) over the primary composites.
    private static func compose(_ scalars: [UInt32]) -> [UInt32] {
        let compositions = CanonicalComposer.compositions
        var out: [UInt32] = []
        out.reserveCapacity(scalars.count)
        var starterIndex = -1
        var lastClass: Int = -1
        for s in scalars {
            let cc = Int(combiningClass(s))
            if starterIndex >= 0, lastClass < cc || (lastClass == 0 && cc == 0 && out.count - 1 == starterIndex),
                let composite = compositions[UInt64(out[starterIndex]) << 32 | UInt64(s)]
            {
                out[starterIndex] = composite
                continue
            }
            if cc == 0 {
                starterIndex = out.count
                lastClass = 0
            } else {
                lastClass = cc
            }
            out.append(s)
        }
        return out
    }

    /// Latin letters with no decomposition that readers type as ASCII.
    private static func asciiFolding(_ s: UInt32) -> String? {
        switch s {
        case 0x00DF: return "ss"  // ß
        case 0x00E6: return "ae"  // æ
        case 0x0153: return "oe"  // œ
        case 0x00F8: return "o"  // ø
        case 0x0142: return "l"  // ł
        case 0x0111, 0x00F0: return "d"  // đ ð
        case 0x00FE: return "th"  // þ
        case 0x0131: return "i"  // ı
        case 0x0127: return "h"  // ħ
        case 0x0140: return "l"  // ŀ
        case 0x0167: return "t"  // ŧ
        case 0x014B: return "n"  // ŋ
        default: return nil
        }
    }

    private static func appendUTF8(_ s: UInt32, to out: inout [UInt8]) {
        guard let scalar = Unicode.Scalar(s) else { return }
        out.append(contentsOf: UTF8.encode(scalar)!)
    }
}
