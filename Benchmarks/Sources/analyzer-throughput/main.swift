import Foundation
import VietSearchSQLite
import VietnameseCorpus

// Analyzer throughput against SQLite's own unicode61 tokenizer, in one run on one corpus held in
// memory: (a) VietnameseAnalyzer directly, (b) the `vietnamese` FTS5 tokenizer, (c) `unicode61
// remove_diacritics 2`. One thread, one document at a time; passes alternate within each round
// and medians are reported, because shared machines are noisy.
//
//   swift run -c release --package-path Benchmarks analyzer-throughput [--corpus PATH] [--rounds N]
//       [--generated-mb M]

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("analyzer-throughput: \(message)\n".utf8))
    exit(1)
}

let options: ThroughputOptions
do {
    options = try ThroughputOptions(Array(CommandLine.arguments.dropFirst()))
} catch {
    fail("\(error)")
}
if options.showHelp {
    print(ThroughputOptions.usage)
    exit(0)
}

do {
    let machine = MachineDescription.current()
    print("machine: \(machine.summary)")
    print("load average at start: \(MachineDescription.loadAverage())")

    let clock = ContinuousClock()
    var loaded: Corpus?
    let loading = try clock.measure {
        if let path = options.corpusPath {
            loaded = try Corpus.load(path: path)
        } else {
            loaded = Corpus.generated(
                megabytes: options.generatedMegabytes, seed: options.seed ?? VietnameseCorpusGenerator.defaultSeed)
        }
    }
    guard var corpus = loaded else { fail("no corpus") }
    if let transform = options.transform { corpus = transform.apply(to: corpus) }
    print("corpus: \(corpus.name)")
    print("        \(CorpusProfile(corpus))")
    print("        \(options.corpusPath == nil ? "generated" : "loaded") in \(fixed(ThroughputRun.seconds(loading), 1)) s")

    let connection = try SQLiteConnection(path: ":memory:")
    let passes = try TokenizerPass.standard(connection: connection)
    let run = ThroughputRun(passes: passes, corpus: corpus)
    try run.warmUp()
    print("")
    print("rounds (MB/s: " + passes.map(\.label).joined(separator: " | ") + ")")
    let results = try run.run(rounds: options.rounds) { round, results in
        print(ThroughputReport(results: results).roundLine(round))
    }
    let report = ThroughputReport(results: results)
    print("")
    print("\(options.rounds) rounds over \(corpus.documents.count) documents, MB = 10^6 bytes of UTF-8 input:")
    print("")
    print(report.table())
    print("")
    for result in results.dropLast() {
        let same = report.sameRoundRatios(result)
        let range = "\(fixed(same.min, 2))–\(fixed(same.max, 2))×"
        print("\(result.label) ÷ unicode61: \(fixed(same.median, 2))× (same-round ratios \(range))")
    }
    if results[0].tokens != results[1].tokens {
        print("note: (a) and (b) counted different tokens (\(results[0].tokens) vs \(results[1].tokens))")
    }

    // Combining marks send the analyzer down its normalizing path: report those documents apart
    // when there are enough of them to time (and they are not the whole corpus).
    let marked = corpus.partitionedByCombiningMarks().withMarks
    if marked.documents.count == corpus.documents.count {
        print("")
        print("every document contains a combining mark")
    } else if marked.byteCount >= 200_000 {
        let markedResults = try ThroughputRun(passes: passes, corpus: marked).run(rounds: options.rounds)
        print("")
        print("only the documents containing a combining mark: \(CorpusProfile(marked))")
        print("")
        print(ThroughputReport(results: markedResults).table())
    } else {
        print("")
        print(
            "documents containing a combining mark: \(marked.documents.count) (\(marked.byteCount) bytes), "
                + "too few to time apart")
    }

    if options.slowest > 0 {
        print("")
        let slowest = SlowestDocuments(analyzer: passes[0], baseline: passes[passes.count - 1])
        print(try slowest.report(corpus: corpus, count: options.slowest))
    }
    print("")
    print("load average at end: \(MachineDescription.loadAverage())")
} catch {
    fail("\(error)")
}
