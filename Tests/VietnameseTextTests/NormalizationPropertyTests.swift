import Foundation
import PropertyBased
import Testing
import VietnameseText

/// Rules that hold for any input: generated text and arbitrary bytes.
@Suite struct NormalizationPropertyTests {
    static let analyzer = VietnameseAnalyzer()

    // MARK: - Generators

    /// A Vietnamese syllable built from the onset and rhyme tables, with its canonical spelling
    /// (lowercase, traditional tone placement) and a written spelling: the tone on any of its
    /// vowels, in lower, capitalized or upper case.
    struct WrittenSyllable: Sendable, CustomStringConvertible {
        let canonical: String
        let written: String
        var description: String { Support.describe(written) }
    }

    static let syllable = Generator<WrittenSyllable, Shrink.None<WrittenSyllable>> { rng in
        var onset: String
        var entry: (rhyme: String, tone: Int)
        repeat {
            onset = TonePlacementTests.onsets.randomElement(using: &rng)!
            entry = TonePlacementTests.rhymes.randomElement(using: &rng)!
        } while !TonePlacementTests.onsetFits(onset, entry.rhyme)
        let tone = TonePlacementTests.tones(for: entry.rhyme).randomElement(using: &rng)!
        let built = TonePlacementTests.syllable(onset: onset, rhyme: entry.rhyme, toneIndex: entry.tone, tone: tone)
        var written = built.variants.randomElement(using: &rng)!
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: written = written.prefix(1).uppercased() + written.dropFirst()
        case 1: written = written.uppercased()
        default: break
        }
        return WrittenSyllable(canonical: built.canonical, written: written)
    }

    /// Pieces mixed into generated text: i/y words, misplaced marks, single letters with every
    /// kind of mark, other Latin letters, other scripts, digits, punctuation, spaces, joiners.
    static let pieces: [String] = [
        "kỹ", "Mĩ", "quy", "ty", "lý", "tỷ", "gì", "hoà", "thuỷ", "KHOẺ", "vịêt", "qúa", "gìa", "lựơng", "ặ", "Ẫ", "ỹ",
        "ừ", "đ", "Đ", "ð", "a", "ê", "ơ", "ư", "ă", "y", "i", "é", "ü", "ñ", "ç", "ø", "ß", "Å", "æ", "œ", "ł", "Ω",
        "ή", "ΐ", "ж", "Й", "北", "ǘ", "ṍ", "ḗ", "ı", "İ", "ǅ", "ﬁ", "7", "2016", "١٢", " ", " ", "  ", "\n", "\t",
        ",", ".", "/", "-", "%", "\"", "(", "«", "…", "\u{200B}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}",
        "\u{00A0}", "😀", "\u{301}", "\u{323}", "\u{302}", "\u{31B}", "\u{308}",
    ]

    /// Text of syllables, pieces and spaces.
    static let text = Generator<String, Shrink.None<String>> { rng in
        var out = ""
        for _ in 0..<Int.random(in: 0...30, using: &rng) {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<4: out += syllable.run(using: &rng).written
            case 4..<8: out += pieces.randomElement(using: &rng)!
            default: out += " "
            }
        }
        return out
    }

    /// Scalars from Latin, combining marks, Greek and Cyrillic blocks, plus spaces: stress for the
    /// general (non-Vietnamese) path.
    static let scalarSoup = Generator<String, Shrink.None<String>> { rng in
        let blocks: [ClosedRange<UInt32>] = [
            0x41...0x7A, 0xC0...0x24F, 0x300...0x36F, 0x300...0x36F, 0x386...0x3CE, 0x400...0x45F, 0x1E00...0x1EFF,
            0x1EA0...0x1EF9, 0x20...0x20,
        ]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...40, using: &rng) {
            let block = blocks.randomElement(using: &rng)!
            if let scalar = Unicode.Scalar(UInt32.random(in: block, using: &rng)) { scalars.append(scalar) }
        }
        return String(scalars)
    }

    static func keys(_ text: String) -> [String] { Support.keys(text) }

    // MARK: - (a) NFC, NFD and Windows-1258 give the same keys

    @Test func nfcNFDAndWindows1258GiveIdenticalKeys() async {
        await propertyCheck(count: 600, input: Self.text) { text in
            let nfc = Self.keys(Support.nfc(text))
            #expect(Self.keys(Support.nfd(text)) == nfc, "NFD of \(Support.describe(text))")
            #expect(Self.keys(Support.windows1258(text)) == nfc, "CP1258 of \(Support.describe(text))")
            #expect(Self.keys(text) == nfc, "\(Support.describe(text))")
        }
    }

    /// `hasDiacritics` describes the text, not its encoding: the same in every form.
    @Test func hasDiacriticsIsTheSameInEveryForm() async {
        await propertyCheck(count: 400, input: Self.text) { text in
            let flags = { (form: String) in Self.analyzer.tokens(in: form).map(\.hasDiacritics) }
            let nfc = flags(Support.nfc(text))
            #expect(flags(Support.nfd(text)) == nfc, "NFD of \(Support.describe(text))")
            #expect(flags(Support.windows1258(text)) == nfc, "CP1258 of \(Support.describe(text))")
        }
    }

    @Test func nfcAndNFDGiveIdenticalKeysForOtherScriptsAndMarks() async {
        await propertyCheck(count: 600, input: Self.scalarSoup) { text in
            #expect(Self.keys(Support.nfd(text)) == Self.keys(Support.nfc(text)), "\(Support.describe(text))")
        }
    }

    /// Syllables alone: the keys are the canonical spelling and its marks-stripped form, whatever
    /// the form, case or tone placement.
    @Test func syllablesGetCanonicalKeys() async {
        await propertyCheck(count: 600, input: Self.syllable.array(of: 1...8)) { syllables in
            let written = syllables.map(\.written).joined(separator: " ")
            let expected = syllables.map { "\(Support.foldOracle($0.canonical))|\($0.canonical)" }
            for (name, form) in Support.forms(written) {
                #expect(Self.keys(form) == expected, "\(name) \(Support.describe(form))")
            }
        }
    }

    // MARK: - (b) Arbitrary bytes

    /// Ranges are non-empty, in order, non-overlapping and inside the input; positions count
    /// from 0; each range holds valid UTF-8 that analyses alone to the same keys.
    static func checkRanges(_ bytes: [UInt8], _ label: @autoclosure () -> String) {
        let tokens = analyzer.tokens(inUTF8: bytes)
        var previousEnd = 0
        for (offset, token) in tokens.enumerated() {
            let range = token.byteRange
            #expect(token.position == offset, "\(label())")
            #expect(!range.isEmpty, "\(label())")
            #expect(range.lowerBound >= previousEnd, "\(label()): \(tokens)")
            #expect(range.upperBound <= bytes.count, "\(label())")
            #expect(!token.folded.isEmpty && !token.accent.isEmpty, "\(label())")
            #expect(!token.folded.utf8.contains { $0 >= 0x41 && $0 <= 0x5A }, "\(label()): \(token.folded)")
            previousEnd = range.upperBound
            guard !range.isEmpty, range.upperBound <= bytes.count else { continue }
            let slice = Array(bytes[range])
            #expect(String(validating: slice, as: UTF8.self) != nil, "\(label()): \(range) is not valid UTF-8")
            let alone = analyzer.tokens(inUTF8: slice)
            #expect(alone.map(\.folded) == [token.folded], "\(label()): \(range)")
            #expect(alone.map(\.accent) == [token.accent], "\(label()): \(range)")
        }
        var list = TokenList()
        analyzer.analyze(bytes, into: &list)
        #expect(list.count == tokens.count, "\(label())")
    }

    @Test func arbitraryBytesNeverCrashAndRangesStayValid() async {
        let bytes = Gen<UInt8>.value(in: 0...255).array(of: 0...200)
        await propertyCheck(count: 1000, input: bytes) { bytes in
            Self.checkRanges(bytes, "\(bytes)")
        }
    }

    @Test func highBytesNeverCrash() async {
        // Mostly lead and continuation bytes: truncated, overlong and out-of-range sequences.
        let bytes = Gen<UInt8>.value(in: 0x61...0xFF).array(of: 0...120)
        await propertyCheck(count: 500, input: bytes) { bytes in
            Self.checkRanges(bytes, "\(bytes)")
        }
    }

    @Test func mostlyUTF8BytesNeverCrash() async {
        // Valid text with random bytes spliced in.
        let noise = Gen<UInt8>.value(in: 0x80...0xFF).array(of: 0...4)
        await propertyCheck(count: 500, input: Self.text, noise, Gen.int(in: 0...1000)) { text, noise, at in
            var bytes = Array(text.utf8)
            bytes.insert(contentsOf: noise, at: at % (bytes.count + 1))
            Self.checkRanges(bytes, "\(bytes)")
        }
    }

    // MARK: - (c) Ranges of valid UTF-8 text

    static func isLetterOrNumber(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
            .letterNumber, .otherNumber:
            return true
        default: return false
        }
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Ranges start and end on scalar boundaries, start at a letter or digit and end at a
    /// letter, digit or mark; no letter or digit is left outside every range; the slice of each
    /// range, analysed alone, is exactly that token.
    static func checkValidText(_ text: String) {
        let label = Support.describe(text)
        let utf8 = Array(text.utf8)
        let tokens = analyzer.tokens(in: text)
        checkRanges(utf8, label)
        var covered = [Bool](repeating: false, count: utf8.count)
        for token in tokens {
            guard token.byteRange.upperBound <= utf8.count, !token.byteRange.isEmpty else { continue }
            for index in token.byteRange { covered[index] = true }
            guard let slice = String(validating: utf8[token.byteRange], as: UTF8.self) else { continue }
            let scalars = Array(slice.unicodeScalars)
            #expect(isLetterOrNumber(scalars.first!), "\(label): \(token) starts with U+\(Support.hex(scalars.first!.value))")
            #expect(
                isLetterOrNumber(scalars.last!) || isMark(scalars.last!),
                "\(label): \(token) ends with U+\(Support.hex(scalars.last!.value))")
            let alone = analyzer.tokens(in: slice)
            #expect(alone.count == 1 && alone.first?.byteRange == 0..<utf8[token.byteRange].count, "\(label): \(token)")
            #expect(alone.first?.hasDiacritics == token.hasDiacritics, "\(label): \(token)")
        }
        var offset = 0
        for scalar in text.unicodeScalars {
            let length = UTF8.width(scalar)
            if !covered[offset] {
                #expect(!isLetterOrNumber(scalar), "\(label): U+\(Support.hex(scalar.value)) at \(offset) is in no token")
            }
            offset += length
        }
    }

    @Test func rangesOfValidTextAreExactTokens() async {
        await propertyCheck(count: 600, input: Self.text) { text in
            Self.checkValidText(text)
            Self.checkValidText(Support.nfd(text))
        }
    }

    @Test func rangesOfScalarSoupAreExactTokens() async {
        await propertyCheck(count: 400, input: Self.scalarSoup) { text in
            Self.checkValidText(text)
        }
    }

    /// Letter runs longer than `maxTokenLetters`: every part is exactly what its own slice gives,
    /// and the parts' folded keys together are the run without marks.
    @Test func longRunsSplitCleanly() async {
        let letters = Array("aăâbcdđeêghklmnoôơpqrstuưvxàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệòóỏõọồốổỗộờớởỡợùúủũụừứửữựĐÁỆ0123456789")
        let run = Generator<String, Shrink.None<String>> { rng in
            String((0..<Int.random(in: 250...600, using: &rng)).map { _ in letters.randomElement(using: &rng)! })
        }
        await propertyCheck(count: 60, input: run) { run in
            for (name, form) in Support.forms(run) {
                Self.checkValidText(form)
                let tokens = Self.analyzer.tokens(in: form)
                #expect(tokens.map(\.folded).joined() == Support.foldOracle(run), "\(name) \(run)")
                #expect(tokens.dropLast().allSatisfy { $0.folded.count == VietnameseAnalyzer.maxTokenLetters }, "\(name)")
            }
        }
    }

    // MARK: - Keys are fixed points

    @Test func keysAreStableUnderReanalysis() async {
        // Analysing a key again gives the key back: queries built from keys match documents.
        await propertyCheck(count: 400, input: Self.text) { text in
            for token in Self.analyzer.tokens(in: text) {
                #expect(Self.analyzer.tokens(in: token.folded).map(\.folded) == [token.folded], "\(token.folded)")
                #expect(Self.analyzer.tokens(in: token.accent).map(\.accent) == [token.accent], "\(token.accent)")
            }
        }
    }
}
