import Foundation
import Testing
import VietnameseText

/// Every legacy file of the corpus decodes to its transcript (similarity ≥ 0.99, see
/// `TextSimilarity`), both with its known encoding and through detection, and detection names
/// the right encoding.
@Suite struct LegacyCorpusTests {
    static let threshold = 0.99

    @Test func corpusIsPresent() {
        #expect(
            FileManager.default.fileExists(atPath: LegacyCorpus.root.appendingPathComponent("MANIFEST.tsv").path),
            "legacy corpus not found at \(LegacyCorpus.root.path)")
        #expect(LegacyCorpus.samples.count >= 20, "MANIFEST.tsv lists \(LegacyCorpus.samples.count) legacy samples")
    }

    @Test(arguments: LegacyCorpus.samples)
    func decodesWithItsEncoding(_ sample: LegacyCorpus.Sample) throws {
        let bytes = try LegacyCorpus.bytes(sample.path)
        let transcript = try LegacyCorpus.text(sample.transcript)
        // The mixed file has no single encoding; it is covered by the detecting test.
        guard let encoding = LegacyEncoding(rawValue: sample.encoding) else { return }
        let similarity = TextSimilarity.ratio(encoding.decode(bytes), transcript)
        print("similarity \(sample.path) [\(sample.encoding)]: \(String(format: "%.4f", similarity))")
        #expect(similarity >= Self.threshold, "\(sample.path)")
    }

    @Test(arguments: LegacyCorpus.samples)
    func decodesByDetection(_ sample: LegacyCorpus.Sample) throws {
        let bytes = try LegacyCorpus.bytes(sample.path)
        let transcript = try LegacyCorpus.text(sample.transcript)
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the sample is not valid UTF-8")
        let (text, encoding) = LegacyEncoding.decodeDetecting(bytes)
        let similarity = TextSimilarity.ratio(text, transcript)
        print("detected \(sample.path): \(encoding), similarity \(String(format: "%.4f", similarity))")
        #expect(encoding == sample.encoding, "\(sample.path)")
        #expect(similarity >= Self.threshold, "\(sample.path)")
        if !sample.encoding.contains("+") {
            #expect(LegacyEncoding.detect(bytes)?.rawValue == sample.encoding, "\(sample.path)")
        }
    }
}
