import Foundation
import VietnameseCorpus

/// Runs every pass over a corpus for a number of rounds, alternating passes within each round so
/// slow drifts of machine load hit all of them alike.
struct ThroughputRun {
    let passes: [TokenizerPass]
    let corpus: Corpus

    /// One untimed pass each over up to `bytes` of the corpus: page in the corpus and the code,
    /// size the reusable buffers.
    func warmUp(bytes limit: Int = 5_000_000) throws {
        var prefix: [[UInt8]] = []
        var size = 0
        for document in corpus.documents where size < limit {
            prefix.append(document)
            size += document.count
        }
        for pass in passes { _ = try pass.tokenize(prefix) }
    }

    func run(rounds: Int, onRound: (Int, [PassResult]) -> Void = { _, _ in }) throws -> [PassResult] {
        var results = passes.map { PassResult(label: $0.label, bytes: corpus.byteCount) }
        let clock = ContinuousClock()
        for round in 0..<rounds {
            for (index, pass) in passes.enumerated() {
                var tokens = 0
                let cpuStart = Self.threadCPUSeconds()
                let elapsed = try clock.measure { tokens = try pass.tokenize(corpus.documents) }
                results[index].cpuSeconds.append(Self.threadCPUSeconds() - cpuStart)
                results[index].seconds.append(Self.seconds(elapsed))
                if round > 0 && tokens != results[index].tokens {
                    throw ThroughputError(
                        "\(pass.label) counted \(tokens) tokens in round \(round + 1), \(results[index].tokens) before")
                }
                results[index].tokens = tokens
            }
            onRound(round, results)
        }
        return results
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
