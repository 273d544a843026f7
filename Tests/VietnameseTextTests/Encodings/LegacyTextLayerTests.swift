import Foundation
import TestSupport
import Testing
import VietnameseText

/// Legacy text layers decode to their transcripts, with their known encoding and through
/// detection, and detection names the right encoding: the repository's fixtures exactly (their
/// bytes come from iconv and the fixture tool, not from these tables), the shared corpus's real
/// documents to a similarity of 0.99 (see `TextSimilarity`; their transcripts were typed
/// separately).
@Suite struct LegacyTextLayerTests {
    static let threshold = 0.99

    static func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    @Test func everyFixtureIsListed() {
        let layers = LegacyCollection.fixtures.textLayers
        #expect(Set(layers.map(\.encoding)) == ["tcvn3", "vni", "tcvn3+vni", "windows-1258", "viscii"], "\(LegacyCollection.fixtures.root.path)")
    }

    @Test(arguments: LegacyCollection.fixtures.textLayers)
    func fixtureDecodesToItsTranscript(_ layer: LegacyCollection.TextLayer) throws {
        let bytes = try layer.bytes()
        let transcript = try layer.transcript()
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the layer is not valid UTF-8")
        if let encoding = LegacyEncoding(rawValue: layer.encoding) {
            #expect(Self.scalars(encoding.decode(bytes)) == Self.scalars(transcript))
            #expect(LegacyEncoding.detect(bytes) == encoding)
        }
        let (text, encoding) = LegacyEncoding.decodeDetecting(bytes)
        #expect(encoding == layer.encoding)
        #expect(Self.scalars(text) == Self.scalars(transcript))
    }

    @Test(.sharedCorpus) func corpusIsPresent() {
        #expect(LegacyCollection.corpus.isPresent, "\(SharedCorpus.missingMessage)")
        #expect(LegacyCollection.corpus.textLayers.count >= 20, "MANIFEST.tsv lists \(LegacyCollection.corpus.textLayers.count) legacy samples")
    }

    @Test(.sharedCorpus, arguments: LegacyCollection.corpus.textLayers)
    func corpusDecodesWithItsEncoding(_ layer: LegacyCollection.TextLayer) throws {
        let bytes = try layer.bytes()
        let transcript = try layer.transcript()
        // The mixed file has no single encoding; it is covered by the detecting test.
        guard let encoding = LegacyEncoding(rawValue: layer.encoding) else { return }
        let similarity = TextSimilarity.ratio(encoding.decode(bytes), transcript)
        print("similarity \(layer.path) [\(layer.encoding)]: \(String(format: "%.4f", similarity))")
        #expect(similarity >= Self.threshold, "\(layer.path): similarity \(similarity)")
    }

    @Test(.sharedCorpus, arguments: LegacyCollection.corpus.textLayers)
    func corpusDecodesByDetection(_ layer: LegacyCollection.TextLayer) throws {
        let bytes = try layer.bytes()
        let transcript = try layer.transcript()
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the sample is not valid UTF-8")
        let (text, encoding) = LegacyEncoding.decodeDetecting(bytes)
        let similarity = TextSimilarity.ratio(text, transcript)
        print("detected \(layer.path): \(encoding), similarity \(String(format: "%.4f", similarity))")
        #expect(encoding == layer.encoding, "\(layer.path)")
        #expect(similarity >= Self.threshold, "\(layer.path): similarity \(similarity)")
        if !layer.encoding.contains("+") {
            #expect(LegacyEncoding.detect(bytes)?.rawValue == layer.encoding, "\(layer.path)")
        }
    }
}
