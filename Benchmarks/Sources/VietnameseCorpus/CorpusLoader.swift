import Foundation

/// Loads a real corpus into memory as UTF-8 documents: a folder of `.txt` (and `.md`) files, as
/// `shared/corpus/unpack.py` writes them, or JSON Lines of `{"title", "text"}` objects, plain or
/// gzip-compressed (decompressed by `/bin/gzip -dc`). A JSON document is title + "\n" + text.
public enum CorpusLoader {
    public static func load(path: String) throws(CorpusError) -> [[UInt8]] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .notFound(path: path)
        }
        let documents: [[UInt8]]
        if isDirectory.boolValue {
            documents = try loadFolder(path)
        } else if path.hasSuffix(".jsonl.gz") {
            documents = try parseJSONLines(decompress(path), path: path)
        } else if path.hasSuffix(".jsonl") {
            guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
            documents = try parseJSONLines(data, path: path)
        } else {
            throw .unsupported(path: path)
        }
        guard !documents.isEmpty else { throw .empty(path: path) }
        return documents
    }

    /// Every .txt and .md file under `path`, in sorted path order (so runs see the same order).
    static func loadFolder(_ path: String) throws(CorpusError) -> [[UInt8]] {
        guard let walker = FileManager.default.enumerator(atPath: path) else { throw .unreadable(path: path) }
        var files: [String] = []
        for case let relative as String in walker where relative.hasSuffix(".txt") || relative.hasSuffix(".md") {
            files.append(relative)
        }
        var documents: [[UInt8]] = []
        for relative in files.sorted() {
            let file = path + "/" + relative
            guard let data = FileManager.default.contents(atPath: file) else { throw .unreadable(path: file) }
            documents.append(Array(data))
        }
        return documents
    }

    public static func decompress(_ path: String) throws(CorpusError) -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { throw .unreadable(path: "/bin/gzip") }
        // Read before waiting: the pipe buffer is far smaller than the output.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .decompressionFailed(path: path, status: process.terminationStatus)
        }
        return data
    }

    private struct Line: Decodable {
        var title: String
        var text: String
    }

    static func parseJSONLines(_ data: Data, path: String) throws(CorpusError) -> [[UInt8]] {
        let decoder = JSONDecoder()
        var documents: [[UInt8]] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            do {
                let document = try decoder.decode(Line.self, from: Data(line))
                documents.append(Array((document.title + "\n" + document.text).utf8))
            } catch {
                throw .badLine(path: path, line: index + 1, reason: "\(error)")
            }
        }
        return documents
    }
}
