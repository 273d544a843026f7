import Foundation

/// Loads a real corpus as documents of UTF-8 bytes: a folder of `.txt` files (what
/// `shared/corpus/unpack.py` writes) or a `.jsonl.gz` file of `{"title", "text"}` lines.
public enum CorpusLoader {
    public struct LoadError: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    public static func load(path: String) throws -> [[UInt8]] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw LoadError(description: "no corpus at \(path)")
        }
        if isDirectory.boolValue { return try loadFolder(path) }
        if path.hasSuffix(".jsonl.gz") { return try loadJSONLines(gzipped: path) }
        throw LoadError(description: "\(path): expected a folder of .txt files or a .jsonl.gz file")
    }

    static func loadFolder(_ path: String) throws -> [[UInt8]] {
        guard let walker = FileManager.default.enumerator(atPath: path) else {
            throw LoadError(description: "cannot read folder \(path)")
        }
        var files: [String] = []
        for case let relative as String in walker where relative.hasSuffix(".txt") { files.append(relative) }
        return try files.sorted().map { Array(try Data(contentsOf: URL(fileURLWithPath: path + "/" + $0))) }
    }

    static func loadJSONLines(gzipped path: String) throws -> [[UInt8]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw LoadError(description: "gzip could not read \(path)") }
        struct Line: Decodable {
            let title: String
            let text: String
        }
        let decoder = JSONDecoder()
        return try data.split(separator: UInt8(ascii: "\n")).map { line in
            let document = try decoder.decode(Line.self, from: Data(line))
            return Array((document.title + "\n\n" + document.text).utf8)
        }
    }
}
