import VietnameseCorpus

/// Command-line options of `analyzer-throughput` (hand-parsed: a few options do not justify a
/// dependency in the benchmark package).
struct ThroughputOptions {
    static let usage = """
        usage: analyzer-throughput [--corpus PATH] [--rounds N] [--generated-mb M] [--seed S]
                                   [--transform nfc|nfd|ascii] [--slowest K]

          --corpus PATH      a folder of .txt files or a .jsonl/.jsonl.gz file (title + "\\n" + text);
                             default: generated text (VietnameseCorpusGenerator)
          --rounds N         timed rounds; each round runs every pass once (default 5)
          --generated-mb M   size of the generated corpus in 10^6 bytes (default 50)
          --seed S           generator seed (default \(VietnameseCorpusGenerator.defaultSeed))
          --transform FORM   rewrite every document first: nfc, nfd, or ascii (marks dropped, đ → d)
          --slowest K        afterwards, time every document alone and list the K where the analyzer
                             does worst against unicode61
        """

    var corpusPath: String?
    var rounds = 5
    var generatedMegabytes = 50.0
    var seed: UInt64?
    var transform: CorpusTransform?
    var slowest = 0
    var showHelp = false

    init(_ arguments: [String]) throws(ThroughputError) {
        var remaining = arguments[...]
        func value(for option: String) throws(ThroughputError) -> String {
            guard let value = remaining.popFirst() else { throw ThroughputError("\(option) needs a value") }
            return value
        }
        while let option = remaining.popFirst() {
            switch option {
            case "--corpus": corpusPath = try value(for: option)
            case "--rounds": rounds = try Self.positive(try value(for: option), option)
            case "--generated-mb":
                let text = try value(for: option)
                guard let megabytes = Double(text), megabytes > 0 else {
                    throw ThroughputError("\(option): expected a positive number, got \(text)")
                }
                generatedMegabytes = megabytes
            case "--seed":
                let text = try value(for: option)
                guard let parsed = UInt64(text) else {
                    throw ThroughputError("\(option): expected an unsigned integer, got \(text)")
                }
                seed = parsed
            case "--transform":
                let text = try value(for: option)
                guard let parsed = CorpusTransform(rawValue: text) else {
                    throw ThroughputError("\(option): expected nfc, nfd or ascii, got \(text)")
                }
                transform = parsed
            case "--slowest": slowest = try Self.positive(try value(for: option), option)
            case "--help", "-h": showHelp = true
            default: throw ThroughputError("unknown option \(option) (see --help)")
            }
        }
    }

    private static func positive(_ text: String, _ option: String) throws(ThroughputError) -> Int {
        guard let number = Int(text), number > 0 else {
            throw ThroughputError("\(option): expected a positive integer, got \(text)")
        }
        return number
    }
}
