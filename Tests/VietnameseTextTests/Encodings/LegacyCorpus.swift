import Foundation
import Testing

/// The legacy-encoding test corpus (`/work/shared/corpus/legacy`, see its MANIFEST.tsv): real
/// documents' 8-bit text layers with UTF-8 transcripts, a mixed TCVN3+VNI file, and synthetic
/// Windows-1258 / VISCII re-encodings of a news article. Read by path at test time, never copied
/// into the repository. Located from this file: the repository root, then `../shared/corpus/legacy`.
enum LegacyCorpus {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Encodings, VietnameseTextTests, Tests
        return url.appendingPathComponent("../shared/corpus/legacy").standardizedFileURL
    }()

    struct Sample: CustomTestStringConvertible, Sendable {
        /// Path of the legacy bytes, relative to the corpus root.
        let path: String
        /// The encoding the file is in (`tcvn3+vni` for the mixed one).
        let encoding: String
        /// Path of the NFC transcript.
        let transcript: String

        var testDescription: String { path }
    }

    /// The samples listed in MANIFEST.tsv: every legacy text layer with its transcript.
    static let samples: [Sample] = {
        guard let manifest = try? String(contentsOf: root.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)
        else { return [] }
        var samples: [Sample] = []
        for line in manifest.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, fields[0].hasSuffix(".txt"), fields[2] != "utf-8", fields[2] != "utf8" else { continue }
            let path = fields[0]
            // name.tcvn3.txt → name.utf8.txt
            var parts = path.split(separator: ".", omittingEmptySubsequences: false)
            parts.removeLast(2)
            let transcript = parts.joined(separator: ".") + ".utf8.txt"
            let encoding = fields[2] == "cp1258" ? "windows-1258" : fields[2]
            samples.append(Sample(path: path, encoding: encoding, transcript: transcript))
        }
        return samples
    }()

    static func bytes(_ path: String) throws -> [UInt8] {
        let url = root.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw Missing(description: "legacy corpus file missing: \(url.path) (the corpus lives in ../shared/corpus/legacy)")
        }
        return [UInt8](try Data(contentsOf: url))
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try bytes(path), as: UTF8.self)
    }

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }
}
