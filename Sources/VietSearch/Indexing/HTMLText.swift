/// The visible text and the title of an HTML page: tags removed (block tags become line
/// breaks), `<script>`, `<style>` and comments dropped, character references decoded. A small
/// forgiving scanner, not a full HTML parser: good enough for search, never fails.
struct HTMLText {
    var title: String = ""
    var text: String = ""

    private static let blockTags: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table", "section",
        "article", "header", "footer", "blockquote", "pre", "hr", "title", "dt", "dd",
    ]

    init(_ html: String) {
        var scanner = Scanner(html)
        scanner.run()
        title = Self.collapseSpaces(String(scanner.title))
        if title.isEmpty { title = Self.collapseSpaces(String(scanner.firstHeading)) }
        // Markup leaves runs of spaces and blank lines: keep one line per block, trimmed.
        text = String(scanner.text).split(separator: "\n").map { Self.collapseSpaces(String($0)) }.filter { !$0.isEmpty }
            .joined(separator: "\n")
    }

    /// One pass over a page's scalars: markup skipped, text sorted into the body, the title and
    /// the first `<h1>`.
    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0
        var text = String.UnicodeScalarView()
        var title = String.UnicodeScalarView()
        var firstHeading = String.UnicodeScalarView()
        var inTitle = false
        var inHeading = false

        init(_ html: String) { scalars = Array(html.unicodeScalars) }

        mutating func run() {
            while index < scalars.count {
                if scalars[index] == "<" { markup() } else { character() }
            }
        }

        /// At a "<": a comment, a tag, a doctype or processing instruction, or a lone "<" in text.
        private mutating func markup() {
            if index + 3 < scalars.count, scalars[index + 1] == "!", scalars[index + 2] == "-", scalars[index + 3] == "-" {
                index = skipPast("-->", from: index + 4)
                return
            }
            let tag = lowercaseTagName(at: index)
            guard !tag.name.isEmpty else {
                if index + 1 < scalars.count, scalars[index + 1] == "!" || scalars[index + 1] == "?" {
                    index = tag.end  // doctype, processing instruction
                } else {
                    text.append("<")  // a lone "<" in text
                    index += 1
                }
                return
            }
            index = tag.end
            if !tag.closing, tag.name == "script" || tag.name == "style" {
                skipContent(of: tag.name)
                return
            }
            if tag.name == "title" { inTitle = !tag.closing }
            if tag.name == "h1" { inHeading = !tag.closing && firstHeading.isEmpty }
            text.append(HTMLText.blockTags.contains(tag.name) ? "\n" : " ")
        }

        /// Past a `<script>` or `<style>` element's content and its end tag.
        private mutating func skipContent(of name: String) {
            let afterName = skipPast("</\(name)", from: index)
            // Unclosed: the rest of the page is script or style.
            index = afterName >= scalars.count ? scalars.count : lowercaseTagName(at: afterName - name.count - 2).end
        }

        /// One character of text (a character reference decoded), added where the scan is.
        private mutating func character() {
            if scalars[index] == "&", let (value, length) = HTMLText.characterReference(scalars, at: index) {
                for scalar in value.unicodeScalars { add(scalar) }
                index += length
            } else {
                add(scalars[index])
                index += 1
            }
        }

        /// One scalar at a time: `UnicodeScalarView.append(contentsOf:)` copies the whole view
        /// (the standard library builds `view + new`), which made a page's scan quadratic.
        private mutating func add(_ scalar: Unicode.Scalar) {
            if inTitle {
                title.append(scalar)
            } else {
                if inHeading { firstHeading.append(scalar) }
                text.append(scalar)
            }
        }

        /// The tag whose "<" is at `start`: its name lowercased (empty when it has none), whether
        /// it is an end tag, and the index past its ">".
        private func lowercaseTagName(at start: Int) -> (name: String, closing: Bool, end: Int) {
            var i = start + 1
            var closing = false
            if i < scalars.count, scalars[i] == "/" {
                closing = true
                i += 1
            }
            var name = ""
            while i < scalars.count, scalars[i].properties.isAlphabetic || ("0"..."9").contains(scalars[i]) {
                name.unicodeScalars.append(scalars[i])
                i += 1
            }
            // Skip to the tag's end, honouring quoted attribute values.
            var quote: Unicode.Scalar?
            while i < scalars.count {
                let s = scalars[i]
                if let q = quote {
                    if s == q { quote = nil }
                } else if s == "\"" || s == "'" {
                    quote = s
                } else if s == ">" {
                    break
                }
                i += 1
            }
            return (name.lowercased(), closing, min(i + 1, scalars.count))
        }

        /// The index past the first `terminator` (lowercase; matched case-insensitively) from
        /// `start`, or the end.
        private func skipPast(_ terminator: String, from start: Int) -> Int {
            let needle = Array(terminator.unicodeScalars)
            var i = start
            while i + needle.count <= scalars.count {
                var matches = true
                for (offset, s) in needle.enumerated()
                where scalars[i + offset].properties.lowercaseMapping.unicodeScalars.first != s {
                    matches = false
                    break
                }
                if matches { return i + needle.count }
                i += 1
            }
            return scalars.count
        }
    }

    static func collapseSpaces(_ text: String) -> String {
        // By scalar, not Character: splitting by grapheme cluster costs more than the rest of
        // extracting a plain-text file's title.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var space = false
        for scalar in text.unicodeScalars {
            if isWhitespace(scalar) {
                space = !out.isEmpty
                continue
            }
            if space {
                out.append(0x20)
                space = false
            }
            if scalar.isASCII {
                out.append(UInt8(scalar.value))
            } else {
                UTF8.encode(scalar) { out.append($0) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Unicode's White_Space property, without a table lookup.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20: true
        case 0x21..<0x85: false
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ndash": "–", "mdash": "—",
        "hellip": "…", "laquo": "«", "raquo": "»", "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’", "copy": "©",
        "reg": "®", "deg": "°", "shy": "\u{AD}", "middot": "·", "bull": "•", "euro": "€", "times": "×",
    ]

    /// `&amp;`, `&#273;`, `&#x111;` → text and the number of scalars consumed.
    static func characterReference(_ scalars: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        var end = start + 1
        while end < scalars.count, end - start < 12, scalars[end] != ";" { end += 1 }
        guard end < scalars.count, scalars[end] == ";" else { return nil }
        let body = String(String.UnicodeScalarView(scalars[(start + 1)..<end]))
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return (String(scalar), end - start + 1)
        }
        guard let text = named[body] ?? named[body.lowercased()] else { return nil }
        return (text, end - start + 1)
    }
}
