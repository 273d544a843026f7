import Foundation
import VietnameseCorpus

// Writes the deterministic generated corpus as a folder of .txt files (1,000 per subfolder), so
// folder indexing can be benchmarked without ../shared:
//
//   swift run -c release --package-path Benchmarks generate-corpus DEST [--mb 50] [--seed S]

var arguments = Array(CommandLine.arguments.dropFirst())
guard let destination = arguments.first, !destination.hasPrefix("-") else {
    print("usage: generate-corpus DEST [--mb M] [--seed S]")
    exit(2)
}
arguments.removeFirst()
var megabytes = 50.0
var seed = VietnameseCorpusGenerator.defaultSeed
while arguments.count >= 2 {
    let flag = arguments.removeFirst()
    let value = arguments.removeFirst()
    switch flag {
    case "--mb": megabytes = Double(value) ?? megabytes
    case "--seed": seed = UInt64(value) ?? seed
    default:
        print("unknown option \(flag)")
        exit(2)
    }
}
do {
    let documents = VietnameseCorpusGenerator(seed: seed).documents(totalBytes: Int(megabytes * 1_000_000))
    let root = URL(fileURLWithPath: destination)
    for (number, text) in documents.enumerated() {
        let folder = root.appendingPathComponent(String(format: "%04d", number / 1000))
        if number % 1000 == 0 { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        try Data(text.utf8).write(to: folder.appendingPathComponent(String(format: "doc-%06d.txt", number)))
    }
    print("wrote \(documents.count) documents (\(documents.reduce(0) { $0 + $1.utf8.count }) bytes) under \(destination)")
} catch {
    FileHandle.standardError.write(Data("generate-corpus: \(error)\n".utf8))
    exit(1)
}
