/// Canonical composition (the NFC step) for the short runs the legacy decoders produce: a
/// starter followed by combining marks. Built from the generated canonical decompositions,
/// because the standard library has no normalization API; combining classes come from the
/// standard library's Unicode properties.
enum CanonicalComposer {
    /// (first << 32 | second) → primary composite, for pairs NFC composes.
    static let compositions: [UInt64: UInt32] = tables.compositions
    /// One-step canonical decomposition of each scalar that has one.
    static let decompositions: [UInt32: [UInt32]] = tables.decompositions

    private static let tables: (compositions: [UInt64: UInt32], decompositions: [UInt32: [UInt32]]) = {
        var compositions = [UInt64: UInt32]()
        var decompositions = [UInt32: [UInt32]]()
        // Over the UTF-8 bytes: splitting the rows as Strings (by grapheme cluster) is slow
        // enough to show in every process's start-up (docs/ENGINE.md, "A `vnsearch search` process").
        var rows = canonicalDecompositionRows
        rows.withUTF8 { bytes in
            var position = 0
            /// The next space-separated field of the current line, nil at its end.
            func field() -> ArraySlice<UInt8>? {
                while position < bytes.count, bytes[position] == 0x20 { position += 1 }
                let start = position
                while position < bytes.count, bytes[position] != 0x20, bytes[position] != 0x0A { position += 1 }
                return start == position ? nil : ArraySlice(bytes[start..<position])
            }
            while position < bytes.count {
                var fields: [ArraySlice<UInt8>] = []
                while fields.count < 6, let next = field() { fields.append(next) }
                // The rest of the line is the character's name.
                while position < bytes.count, bytes[position] != 0x0A { position += 1 }
                position += 1
                guard fields.count >= 3, let scalar = hex(fields[0]) else { continue }
                var parts: [UInt32] = []
                var index = 1
                while index < fields.count, fields[index].count == 4, let part = hex(fields[index]) {
                    parts.append(part)
                    index += 1
                }
                decompositions[scalar] = parts
                if index < fields.count, fields[index].elementsEqual([UInt8(ascii: "c")]), parts.count == 2 {
                    compositions[UInt64(parts[0]) << 32 | UInt64(parts[1])] = scalar
                }
            }
        }
        return (compositions, decompositions)
    }()

    /// Uppercase hexadecimal digits as a number; nil for anything else.
    private static func hex(_ digits: ArraySlice<UInt8>) -> UInt32? {
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value: UInt32 = 0
        for digit in digits {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt32(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = value << 4 | UInt32(digit - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
        return value
    }

    @inline(__always)
    static func compose(_ first: UInt32, _ second: UInt32) -> UInt32? {
        compositions[UInt64(first) << 32 | UInt64(second)]
    }

    static func combiningClass(_ scalar: UInt32) -> UInt8 {
        // ASCII and the Vietnamese tone marks are by far the most common; skip the property lookup.
        if scalar < 0x300 { return 0 }
        switch scalar {
        case 0x300, 0x301, 0x302, 0x303, 0x306, 0x309: return 230
        case 0x323: return 220
        case 0x31B: return 216
        default: return Unicode.Scalar(scalar)?.properties.canonicalCombiningClass.rawValue ?? 0
        }
    }

    static func appendFullDecomposition(of scalar: UInt32, to out: inout [UInt32]) {
        if let parts = decompositions[scalar] {
            for part in parts { appendFullDecomposition(of: part, to: &out) }
        } else {
            out.append(scalar)
        }
    }

    /// NFC of `run`, a sequence that starts with a starter (or is all marks, at the start of the
    /// text) and continues with combining marks: full decomposition, canonical ordering of the
    /// marks, then canonical composition.
    static func normalize(_ run: ArraySlice<UInt32>) -> [UInt32] {
        var decomposed: [UInt32] = []
        decomposed.reserveCapacity(run.count + 2)
        for scalar in run { appendFullDecomposition(of: scalar, to: &decomposed) }
        // Canonical ordering: a stable insertion sort of each run of non-starters by class.
        var classes = decomposed.map(combiningClass)
        for index in decomposed.indices.dropFirst() {
            var j = index
            while j > 0, classes[j] != 0, classes[j - 1] > classes[j] {
                decomposed.swapAt(j, j - 1)
                classes.swapAt(j, j - 1)
                j -= 1
            }
        }
        // Canonical composition.
        var result: [UInt32] = []
        result.reserveCapacity(decomposed.count)
        var starter = -1
        var lastClass: Int = -1  // class of the last scalar kept after the starter; -1 none yet
        for (index, scalar) in decomposed.enumerated() {
            let cc = Int(classes[index])
            if starter >= 0, lastClass == -1 || (lastClass != 0 && lastClass < cc),
                let composite = compose(result[starter], scalar)
            {
                result[starter] = composite
                continue
            }
            if cc == 0 {
                starter = result.count
                lastClass = -1
            } else {
                lastClass = cc
            }
            result.append(scalar)
        }
        return result
    }
}
