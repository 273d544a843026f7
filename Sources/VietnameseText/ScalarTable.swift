/// What the analyzer needs to know about every scalar below U+3000, packed into one `UInt32` per
/// scalar so the hot loop does a single array load per character.
///
/// Built once (lazily, thread-safe) from generated tables (`ScalarTableData`), derived from the
/// standard library's Unicode properties plus the generated canonical decompositions, because the
/// standard library has no normalization API (`ScalarTable+Derivation.swift`). Scalars from
/// U+3000 up are classified on the slow path in `ScalarTable.slowInfo(_:)`.
final class ScalarTable: Sendable {
    static let shared = ScalarTable()

    /// Scalars with a precomputed entry: Latin, Greek, Cyrillic, Vietnamese, general punctuation.
    static let tableLimit: UInt32 = 0x3000

    /// One entry per scalar below `tableLimit`; see `ScalarInfo` for the bit layout.
    let info: [UInt32]
    /// Lowercase, full canonical decomposition of each scalar below `tableLimit` that has one
    /// (or whose lowercase differs): `decompositionStart[s] ..< decompositionStart[s + 1]` in
    /// `decompositionPool`. Used only by the generic (non-Vietnamese) key builder.
    let decompositionStart: [UInt32]
    let decompositionPool: [UInt32]
    /// Lowercase Vietnamese letter for (base, mark, tone), as UTF-8 packed little-endian with the
    /// length in the top byte; 0 where that combination is not a Vietnamese letter. Index with
    /// `VietnameseLetter.composeIndex`.
    let vietnameseLetters: [UInt32]

    private init() {
        let limit = Int(Self.tableLimit)
        // From the generated tables (`ScalarTable+Derivation.swift` says how they are made):
        // deriving them from the standard library's Unicode properties took milliseconds of
        // every process's start, and would tie the index's keys to the toolchain's Unicode.
        var info = [UInt32](repeating: 0, count: limit)
        let runs = ScalarTableData.infoRuns
        for run in stride(from: 0, to: runs.count, by: 2) {
            let end = run + 2 < runs.count ? Int(runs[run + 2]) : limit
            for s in Int(runs[run])..<end { info[s] = runs[run + 1] }
        }
        var starts = [UInt32](repeating: 0, count: limit + 1)
        var pool: [UInt32] = []
        let records = ScalarTableData.decompositions
        var record = 0
        for s in 0..<limit {
            starts[s] = UInt32(pool.count)
            guard record < records.count, records[record] == UInt32(s) else { continue }
            let count = Int(records[record + 1])
            pool.append(contentsOf: records[(record + 2)..<(record + 2 + count)])
            record += 2 + count
        }
        starts[limit] = UInt32(pool.count)
        var letters = [UInt32](repeating: 0, count: VietnameseLetter.composeTableSize)
        for s in ScalarTableData.vietnameseLetterScalars {
            letters[ScalarInfo(info[Int(s)]).letter.composeIndex] = Self.packUTF8(Unicode.Scalar(s)!)
        }
        self.info = info
        self.decompositionStart = starts
        self.decompositionPool = pool
        self.vietnameseLetters = letters
    }

    static func packUTF8(_ scalar: Unicode.Scalar) -> UInt32 {
        var packed: UInt32 = 0
        var count: UInt32 = 0
        for byte in UTF8.encode(scalar)! {
            packed |= UInt32(byte) << (8 * count)
            count += 1
        }
        return packed | count << 24
    }

    /// Scalars inside words that must neither split them nor appear in keys.
    static func isIgnorable(_ s: UInt32) -> Bool {
        switch s {
        case 0x00AD,  // SOFT HYPHEN
            0x034F,  // COMBINING GRAPHEME JOINER
            0x180E,  // MONGOLIAN VOWEL SEPARATOR
            0x200B, 0x200C, 0x200D,  // ZERO WIDTH SPACE, NON-JOINER, JOINER
            0x2060,  // WORD JOINER
            0xFEFF:  // ZERO WIDTH NO-BREAK SPACE (BOM)
            return true
        default: return false
        }
    }

    /// Classification of scalars at or above `tableLimit` (CJK, symbols, emoji…): letters and
    /// numbers are `otherLetter`, marks `otherMark`, ignorables stay ignorable, the rest separate.
    static func slowInfo(_ s: UInt32) -> UInt32 {
        guard let scalar = Unicode.Scalar(s) else { return ScalarInfo.make(kind: .separator) }
        if isIgnorable(s) { return ScalarInfo.make(kind: .ignorable) }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return ScalarInfo.make(kind: .otherMark)
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return ScalarInfo.make(kind: .otherLetter)
        default:
            return ScalarInfo.make(kind: .separator)
        }
    }

    /// Lowercase full canonical decomposition of `s`, appended to `out`.
    func appendDecomposition(of s: UInt32, to out: inout [UInt32]) {
        if s < Self.tableLimit {
            let lower = Int(decompositionStart[Int(s)])
            let upper = Int(decompositionStart[Int(s) + 1])
            if lower == upper { out.append(s) } else { out.append(contentsOf: decompositionPool[lower..<upper]) }
        } else if let scalar = Unicode.Scalar(s) {
            out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars.map(\.value))
        }
    }
}
