/// Extracts title and searchable text from a file's bytes, by format. The seam for more formats
/// (RTF, DOCX, DOC, PDF come later).
enum DocumentExtractor {
    /// Extensions indexed, lowercase.
    static let formats: Set<String> = ["txt", "text", "md", "markdown", "html", "htm"]

    enum Result: Equatable {
        case document(title: String, body: String, encoding: String)
        case skipped(String)
    }

    static func extract(_ bytes: [UInt8], format: String) -> Result {
        guard !bytes.isEmpty else { return .skipped("empty file") }
        let text: String
        let encoding: String
        switch TextDecoder.decode(bytes) {
        case .binary(let reason): return .skipped(reason)
        case .text(let decoded, let name):
            text = decoded
            encoding = name
        }
        switch format {
        case "html", "htm":
            let page = HTMLText(text)
            let body = page.text
            guard body.contains(where: { !$0.isWhitespace }) else { return .skipped("no visible text") }
            return .document(title: page.title.isEmpty ? firstLine(body) : page.title, body: body, encoding: encoding)
        case "md", "markdown":
            guard text.contains(where: { !$0.isWhitespace }) else { return .skipped("only whitespace") }
            let heading = text.split(separator: "\n").first { $0.hasPrefix("#") }
            let title = heading.map { String($0.drop { $0 == "#" || $0 == " " }) } ?? firstLine(text)
            return .document(title: HTMLText.collapseSpaces(title), body: text, encoding: encoding)
        default:
            guard text.contains(where: { !$0.isWhitespace }) else { return .skipped("only whitespace") }
            return .document(title: firstLine(text), body: text, encoding: encoding)
        }
    }

    /// The first non-empty line, at most 200 characters.
    static func firstLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first { $0.contains { !$0.isWhitespace } } ?? ""
        return String(HTMLText.collapseSpaces(String(line)).prefix(200))
    }
}
