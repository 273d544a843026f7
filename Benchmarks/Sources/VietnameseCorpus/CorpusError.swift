/// Why a corpus could not be loaded; each message names the path and what to do.
public enum CorpusError: Error, Sendable, CustomStringConvertible {
    case notFound(path: String)
    case unsupported(path: String)
    case unreadable(path: String)
    case decompressionFailed(path: String, status: Int32)
    case badLine(path: String, line: Int, reason: String)
    case empty(path: String)

    public var description: String {
        switch self {
        case .notFound(let path): "no corpus at \(path)"
        case .unsupported(let path): "\(path): expected a folder of .txt files, a .jsonl file or a .jsonl.gz file"
        case .unreadable(let path): "cannot read \(path)"
        case .decompressionFailed(let path, let status): "/bin/gzip -dc \(path) failed (exit status \(status))"
        case .badLine(let path, let line, let reason):
            "\(path), line \(line): expected a JSON object with \"title\" and \"text\" (\(reason))"
        case .empty(let path): "\(path) holds no documents"
        }
    }
}
