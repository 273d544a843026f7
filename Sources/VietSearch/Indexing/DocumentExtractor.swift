/// Extracts title and searchable text from a file's bytes, by format: plain text, Markdown and
/// HTML through `TextDecoder`; RTF, Word (`.docx`, `.doc`) and PDF through their own readers
/// (`Extraction/`), which record the encoding as "format/encoding" (`rtf/tcvn3`).
enum DocumentExtractor {
    /// Extensions indexed, lowercase.
    static let formats: Set<String> = ["txt", "text", "md", "markdown", "html", "htm", "rtf", "docx", "doc", "pdf"]

    enum Result: Equatable {
        case document(title: String, body: String, encoding: String)
        case skipped(String)
    }

    static func extract(_ bytes: [UInt8], format: String) -> Result {
        guard !bytes.isEmpty else { return .skipped("empty file") }
        switch format {
        case "rtf", "docx", "doc", "pdf": return extractDocument(bytes, format: format)
        default: break
        }
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
            guard hasContent(body) else { return .skipped("no visible text") }
            return .document(title: page.title.isEmpty ? firstLine(body) : String(page.title.prefix(200)), body: body, encoding: encoding)
        case "md", "markdown":
            guard hasContent(text) else { return .skipped("only whitespace") }
            let first = firstLine(text)
            let title = first.hasPrefix("#") ? String(first.drop { $0 == "#" || $0 == " " }) : first
            return .document(title: HTMLText.collapseSpaces(title), body: text, encoding: encoding)
        default:
            guard hasContent(text) else { return .skipped("only whitespace") }
            return .document(title: firstLine(text), body: text, encoding: encoding)
        }
    }

    /// Word-processor and PDF files; a file that cannot be read is skipped with the reason.
    static func extractDocument(_ bytes: [UInt8], format: String) -> Result {
        let body: String
        var title = ""
        let encoding: String
        // Old sites often served RTF or DOCX under a .doc name, and the reverse: the content decides.
        let format =
            format == "pdf" ? format
            : bytes.starts(with: Array("{\\rtf".utf8)) ? "rtf"
            : bytes.starts(with: CompoundFile.signature) ? "doc"
            : bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) ? "docx" : format
        switch format {
        case "rtf":
            guard let rtf = RTFText(bytes) else { return .skipped("rtf: not an RTF file") }
            (body, encoding) = (rtf.body, rtf.encoding)
        case "doc":
            do {
                let word = try WordBinaryText(bytes)
                (body, encoding) = (word.body, word.encoding)
            } catch {
                return .skipped("doc: \(error.reason)")
            }
        case "docx":
            do {
                let word = try DOCXText(bytes)
                (body, title, encoding) = (word.body, word.title, word.encoding)
            } catch {
                return .skipped("docx: \(error.reason)")
            }
        default:
            switch PDFText.extract(bytes) {
            case .success(let text): (body, encoding) = (text, "utf-8")
            case .failure(let failure): return .skipped("pdf: \(failure.reason)")
            }
        }
        guard hasContent(body) else { return .skipped("\(format): no text") }
        let collapsed = HTMLText.collapseSpaces(title)
        return .document(
            title: collapsed.isEmpty ? firstLine(body) : String(collapsed.prefix(200)), body: body,
            encoding: "\(format)/\(encoding)")
    }

    /// The first non-empty line, at most 200 characters. Scans UTF-8 bytes, since splitting a
    /// whole document into lines (by grapheme) costs more than indexing it.
    static func firstLine(_ text: String) -> String {
        var utf8 = text.utf8[...]
        while !utf8.isEmpty {
            let end = utf8.firstIndex { $0 == 0x0A || $0 == 0x0D } ?? utf8.endIndex
            let line = String(decoding: utf8[utf8.startIndex..<end].prefix(1200), as: UTF8.self)
            let collapsed = HTMLText.collapseSpaces(line)
            if !collapsed.isEmpty { return String(collapsed.prefix(200)) }
            utf8 = end == utf8.endIndex ? utf8[end...] : utf8[utf8.index(after: end)...]
        }
        return ""
    }

    /// Whether the text has anything but whitespace (ASCII fast path over the bytes).
    static func hasContent(_ text: String) -> Bool {
        for byte in text.utf8 where byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 && byte != 0x0C {
            if byte >= 0x80 { return text.unicodeScalars.contains { !$0.properties.isWhitespace } }
            return true
        }
        return false
    }
}
