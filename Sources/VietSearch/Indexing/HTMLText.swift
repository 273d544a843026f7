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
        let scalars = Array(html.unicodeScalars)
        var out = String.UnicodeScalarView()
        var titleScalars = String.UnicodeScalarView()
        var firstHeading = String.UnicodeScalarView()
        var inTitle = false
        var inHeading = false
        var index = 0

        func lowercaseTagName(at start: Int) -> (name: String, closing: Bool, end: Int) {
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

        func skipPast(_ terminator: String, from start: Int) -> Int {
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

        while index < scalars.count {
            let s = scalars[index]
            if s == "<" {
                if index + 3 < scalars.count, scalars[index + 1] == "!", scalars[index + 2] == "-", scalars[index + 3] == "-" {
                    index = skipPast("-->", from: index + 4)
                    continue
                }
                let tag = lowercaseTagName(at: index)
                guard !tag.name.isEmpty else {
                    if index + 1 < scalars.count, scalars[index + 1] == "!" || scalars[index + 1] == "?" {
                        index = tag.end  // doctype, processing instruction
                    } else {
                        out.append(s)  // a lone "<" in text
                        index += 1
                    }
                    continue
                }
                index = tag.end
                if !tag.closing, tag.name == "script" || tag.name == "style" {
                    let afterName = skipPast("</\(tag.name)", from: index)
                    // Unclosed: the rest of the page is script or style.
                    index = afterName >= scalars.count ? scalars.count : lowercaseTagName(at: afterName - tag.name.count - 2).end
                    continue
                }
                if tag.name == "title" { inTitle = !tag.closing }
                if tag.name == "h1" { inHeading = !tag.closing && firstHeading.isEmpty }
                if Self.blockTags.contains(tag.name) { out.append("\n") } else { out.append(" ") }
                continue
            }
            var decoded = String.UnicodeScalarView()
            if s == "&", let (value, length) = Self.characterReference(scalars, at: index) {
                decoded.append(contentsOf: value.unicodeScalars)
                index += length
            } else {
                decoded.append(s)
                index += 1
            }
            if inTitle {
                titleScalars.append(contentsOf: decoded)
            } else {
                if inHeading { firstHeading.append(contentsOf: decoded) }
                out.append(contentsOf: decoded)
            }
        }
        title = Self.collapseSpaces(String(titleScalars))
        if title.isEmpty { title = Self.collapseSpaces(String(firstHeading)) }
        // Markup leaves runs of spaces and blank lines: keep one line per block, trimmed.
        text = String(out).split(separator: "\n").map { Self.collapseSpaces(String($0)) }.filter { !$0.isEmpty }
            .joined(separator: "\n")
    }

    static func collapseSpaces(_ text: String) -> String {
        // By scalar, not Character: splitting by grapheme cluster cost more than the rest of
        // extracting a plain-text file's title (perf: `isWhitespace` ~3 % of the reader thread).
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
