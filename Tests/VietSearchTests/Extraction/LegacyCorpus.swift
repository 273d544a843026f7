import Foundation
import Testing

/// The real TCVN3 and VNI documents of the shared corpus (`../shared/corpus/legacy` beside the
/// repository), read by path: none of their text is copied into the repository.
enum LegacyCorpus {
    struct Document: CustomTestStringConvertible, Sendable {
        /// Path of the original (`.rtf`, `.doc`).
        var path: String
        /// "tcvn3" or "vni": the name of the byte-layer file's middle extension.
        var encoding: String

        var name: String { URL(fileURLWithPath: path).lastPathComponent }
        var stem: String { URL(fileURLWithPath: path).deletingPathExtension().path }
        var byteLayer: [UInt8] { (try? Array(Data(contentsOf: URL(fileURLWithPath: "\(stem).\(encoding).txt")))) ?? [] }
        var transcript: String { (try? String(contentsOfFile: "\(stem).utf8.txt", encoding: .utf8)) ?? "" }
        var bytes: [UInt8] { (try? Array(Data(contentsOf: URL(fileURLWithPath: path)))) ?? [] }
        var testDescription: String { name }
    }

    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/corpus/legacy")
    }

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: folder.path) }

    static func documents(withExtension fileExtension: String) -> [Document] {
        ["tcvn3", "vni"].flatMap { encoding in
            let directory = folder.appendingPathComponent(encoding)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.filter { $0.hasSuffix(".\(fileExtension)") }.sorted().map {
                Document(path: directory.appendingPathComponent($0).path, encoding: encoding)
            }
        }
    }
}
