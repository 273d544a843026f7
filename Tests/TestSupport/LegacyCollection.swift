import Foundation
import Testing

/// A folder of legacy-encoded Vietnamese documents laid out as the shared corpus's `legacy/`:
/// `MANIFEST.tsv` (file, role, encoding, ...), text layers `NAME.<encoding>.txt` with their NFC
/// transcripts `NAME.utf8.txt`, and originals `tcvn3/NAME.rtf`, `vni/NAME.doc`, ... beside the
/// layer they hold. Two such folders exist: the repository's fixtures, and the corpus's real
/// documents (read by path, never copied into the repository).
public struct LegacyCollection: Sendable {
    public let root: URL

    /// Made by `Tools/make-legacy-fixtures.py` from text written for this project.
    public static let fixtures = LegacyCollection(root: RepositoryFixtures.url("legacy"))
    /// Real TCVN3 and VNI documents (see the corpus's README); tests of it are `.sharedCorpus`.
    public static let corpus = LegacyCollection(root: SharedCorpus.url("legacy"))

    public var manifest: URL { root.appendingPathComponent("MANIFEST.tsv") }
    public var isPresent: Bool { FileManager.default.fileExists(atPath: manifest.path) }

    /// One legacy text layer and its transcript.
    public struct TextLayer: CustomTestStringConvertible, Sendable {
        public let root: URL
        /// Relative to the collection.
        public let path: String
        /// The `LegacyEncoding` raw value (`windows-1258`, `tcvn3`, ...; `tcvn3+vni` for a mixed file).
        public let encoding: String
        public let transcriptPath: String

        public var testDescription: String { path }
        public func bytes() throws -> [UInt8] { try LegacyCollection.read(root.appendingPathComponent(path)) }
        public func transcript() throws -> String {
            String(decoding: try LegacyCollection.read(root.appendingPathComponent(transcriptPath)), as: UTF8.self)
        }
    }

    /// The text layers MANIFEST.tsv lists (none when the collection is absent).
    public var textLayers: [TextLayer] {
        guard let manifest = try? String(contentsOf: manifest, encoding: .utf8) else { return [] }
        return manifest.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, fields[0].hasSuffix(".txt"), fields[2] != "utf-8", fields[2] != "utf8" else { return nil }
            // name.tcvn3.txt → name.utf8.txt
            let stem = fields[0].split(separator: ".", omittingEmptySubsequences: false).dropLast(2).joined(separator: ".")
            return TextLayer(
                root: root, path: fields[0], encoding: fields[2] == "cp1258" ? "windows-1258" : fields[2],
                transcriptPath: stem + ".utf8.txt")
        }
    }

    /// An original document (`.rtf`, `.doc`, `.docx`), beside its text layer and transcript.
    public struct Document: CustomTestStringConvertible, Sendable {
        public let url: URL
        /// `tcvn3` or `vni`: the folder, and the middle extension of the text layer's file name.
        public let encoding: String

        public var name: String { url.lastPathComponent }
        public var format: String { url.pathExtension }
        public var testDescription: String { "\(encoding)/\(name)" }
        private var stem: URL { url.deletingPathExtension() }

        public func bytes() throws -> [UInt8] { try LegacyCollection.read(url) }
        /// The legacy bytes of its text: what a reader's byte layer must give back.
        public func byteLayer() throws -> [UInt8] {
            try LegacyCollection.read(stem.appendingPathExtension("\(encoding).txt"))
        }
        public func transcript() throws -> String {
            String(decoding: try LegacyCollection.read(stem.appendingPathExtension("utf8.txt")), as: UTF8.self)
        }
    }

    /// The originals with any of these extensions, TCVN3 then VNI, by name.
    public func documents(withExtensions extensions: Set<String>) -> [Document] {
        ["tcvn3", "vni"].flatMap { encoding in
            let folder = root.appendingPathComponent(encoding)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { extensions.contains(URL(fileURLWithPath: $0).pathExtension) }.sorted().map {
                Document(url: folder.appendingPathComponent($0), encoding: encoding)
            }
        }
    }

    public struct Missing: Error, CustomStringConvertible {
        public let description: String
    }

    static func read(_ url: URL) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(description: "missing: \(url.path)") }
        return [UInt8](try Data(contentsOf: url))
    }
}
