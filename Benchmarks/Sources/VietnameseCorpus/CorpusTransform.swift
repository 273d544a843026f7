import Foundation

/// Rewrites every document of a corpus into another input form, to measure how the analyzer's
/// speed depends on the form: the same words as NFD, or as plain ASCII (marks dropped, đ → d,
/// as Vietnamese is often typed informally).
public enum CorpusTransform: String, Sendable, CaseIterable {
    case nfc
    case nfd
    case ascii

    public func apply(to corpus: Corpus) -> Corpus {
        Corpus(name: corpus.name + " [\(rawValue)]", documents: corpus.documents.map(apply))
    }

    func apply(_ document: [UInt8]) -> [UInt8] {
        let text = String(decoding: document, as: UTF8.self)
        switch self {
        case .nfc: return Array(text.precomposedStringWithCanonicalMapping.utf8)
        case .nfd: return Array(text.decomposedStringWithCanonicalMapping.utf8)
        case .ascii:
            var scalars = String.UnicodeScalarView()
            for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
                switch scalar.value {
                case 0x300...0x36F: continue
                case 0x111: scalars.append("d")
                case 0x110: scalars.append("D")
                default: scalars.append(scalar)
                }
            }
            return Array(String(scalars).utf8)
        }
    }
}
