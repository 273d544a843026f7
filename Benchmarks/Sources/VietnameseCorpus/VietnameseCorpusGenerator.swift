/// Deterministic synthetic Vietnamese news text for benchmarks, so they run without the (not
/// redistributable) real corpus and give the same input on every machine.
///
/// - Words: every syllable is well formed (onset + rhyme + tone, tone mark in its traditional
///   place); a vocabulary of function words, common compounds and generated one- to three-syllable
///   words with Zipf–Mandelbrot frequencies.
/// - Sentences: capitalised starts, person names, places, organisations, acronyms, loanwords (a
///   few in other scripts: café, Москва, 北京), numbers, dates and codes (31/8/2016, 85,94%,
///   37-NQ/TW), commas, quotes, dashes.
/// - Documents: a title line, a lead, a body; lengths with a median of about 2,000 characters and
///   a long tail to 32,000.
/// - Forms: 3% of documents are NFD, 1% are NFC with one or two stray decomposed words, and 20%
///   use the new tone placement (hoà, thuỷ) instead of the traditional one (hòa, thủy).
///
/// The same seed always gives the same documents, and a longer request extends a shorter one (the
/// first `n` documents never depend on how many are asked for).
public struct VietnameseCorpusGenerator: Sendable {
    public static let defaultSeed: UInt64 = 20_160_831

    public let seed: UInt64
    let vocabulary: Vocabulary

    public init(seed: UInt64 = defaultSeed) {
        self.seed = seed
        vocabulary = Vocabulary(seed: seed)
    }

    /// How many distinct syllables the spelling rules produced (before the vocabulary picks from
    /// them).
    public var syllableInventoryCount: Int { vocabulary.syllableCount }
    /// How many ranked words (function words, compounds, generated words) the text draws from.
    public var vocabularyCount: Int { vocabulary.ranked.count }

    /// The first `count` documents.
    public func generate(count: Int) -> [GeneratedDocument] {
        var rng = documentRNG()
        return (0..<count).map { _ in document(&rng) }
    }

    /// Documents until their total UTF-8 size reaches `totalBytes`.
    public func generate(totalBytes: Int) -> [GeneratedDocument] {
        var rng = documentRNG()
        var documents: [GeneratedDocument] = []
        var size = 0
        while size < totalBytes {
            let next = document(&rng)
            size += next.bytes.count
            documents.append(next)
        }
        return documents
    }

    /// The first `count` documents as strings.
    public func documents(count: Int) -> [String] { generate(count: count).map(\.text) }

    /// Documents as strings until their total UTF-8 size reaches `totalBytes`.
    public func documents(totalBytes: Int) -> [String] { generate(totalBytes: totalBytes).map(\.text) }

    // A stream separate from the vocabulary's, so vocabulary changes do not shift documents.
    private func documentRNG() -> SplitMix64 { SplitMix64(seed: seed ^ 0xD0C0_0000_0000_0001) }

    private func document(_ rng: inout SplitMix64) -> GeneratedDocument {
        let formRoll = rng.below(1000)
        let form: GeneratedDocument.Form = formRoll < 30 ? .nfd : formRoll < 40 ? .mixed : .nfc
        let newStyle = rng.chance(perMille: 200)
        let target = DocumentLengths.draw(&rng)
        var writer = DocumentWriter(
            vocabulary: vocabulary, newStyle: newStyle, decomposed: form == .nfd,
            strays: form == .mixed ? 1 + rng.below(2) : 0, firstStrayAt: rng.below(40))
        writer.write(targetCharacters: target, &rng)
        return GeneratedDocument(bytes: writer.bytes, form: form, usesNewTonePlacement: newStyle)
    }
}
