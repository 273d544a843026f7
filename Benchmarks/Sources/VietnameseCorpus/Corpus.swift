/// A benchmark corpus held in memory: UTF-8 documents and a line saying where they came from.
public struct Corpus: Sendable {
    public var name: String
    public var documents: [[UInt8]]
    /// Total UTF-8 bytes (MB in reports are 10^6 of these).
    public let byteCount: Int

    public init(name: String, documents: [[UInt8]]) {
        self.name = name
        self.documents = documents
        byteCount = documents.reduce(0) { $0 + $1.count }
    }

    /// Generated text (see `VietnameseCorpusGenerator`) of at least `megabytes` × 10^6 bytes.
    public static func generated(megabytes: Double, seed: UInt64 = VietnameseCorpusGenerator.defaultSeed) -> Corpus {
        let generator = VietnameseCorpusGenerator(seed: seed)
        let documents = generator.generate(totalBytes: Int(megabytes * 1_000_000)).map(\.bytes)
        return Corpus(name: "generated (VietnameseCorpusGenerator, seed \(seed))", documents: documents)
    }

    /// A real corpus: a folder of .txt files or a .jsonl / .jsonl.gz file (see `CorpusLoader`).
    public static func load(path: String) throws(CorpusError) -> Corpus {
        Corpus(name: path, documents: try CorpusLoader.load(path: path))
    }

    /// The documents that do / do not contain a combining mark (U+0300–U+036F): NFD, mixed, or
    /// NFC with a stray mark. Their cost can then be reported apart.
    public func partitionedByCombiningMarks() -> (withMarks: Corpus, withoutMarks: Corpus) {
        var marked: [[UInt8]] = []
        var plain: [[UInt8]] = []
        for document in documents {
            if CorpusProfile.containsCombiningMark(document) { marked.append(document) } else { plain.append(document) }
        }
        return (Corpus(name: name + " [with combining marks]", documents: marked),
                Corpus(name: name + " [without combining marks]", documents: plain))
    }
}
