/// A minimal XML tokenizer for Office Open XML parts: tags and the text between them, no
/// validation, no namespaces resolved (`w:t` stays `w:t`, which is how every Word writer
/// spells it). Malformed input ends the scan early instead of failing.
struct XMLTagScanner {
    enum Token {
        /// `<name ...>` or `<name .../>` (`empty`); `tag` is what lies between `<` and `>`.
        case open(name: Substring, tag: ArraySlice<UInt8>, empty: Bool)
        case close(name: Substring)
        case text(ArraySlice<UInt8>)
    }

    static func scan(_ xml: [UInt8], _ visit: (Token) -> Void) {
        var position = 0
        let count = xml.count
        while position < count {
            guard let open = xml[position...].firstIndex(of: UInt8(ascii: "<")) else {
                visit(.text(xml[position...]))
                return
            }
            if open > position { visit(.text(xml[position..<open])) }
            if xml[open...].starts(with: cdataStart) {
                guard let end = find(cdataEnd, in: xml[...], from: open) else { return }
                visit(.text(xml[open + cdataStart.count..<end]))
                position = end + cdataEnd.count
                continue
            }
            if xml[open...].starts(with: commentStart) {
                guard let end = find(commentEnd, in: xml[...], from: open) else { return }
                position = end + commentEnd.count
                continue
            }
            guard let close = xml[open...].firstIndex(of: UInt8(ascii: ">")) else { return }
            position = close + 1
            var tag = xml[(open + 1)..<close]
            guard let first = tag.first, first != UInt8(ascii: "?"), first != UInt8(ascii: "!") else { continue }
            if first == UInt8(ascii: "/") {
                visit(.close(name: name(tag.dropFirst())))
                continue
            }
            let empty = tag.last == UInt8(ascii: "/")
            if empty { tag = tag.dropLast() }
            visit(.open(name: name(tag), tag: tag, empty: empty))
        }
    }

    /// The value of an attribute in a tag, entities decoded.
    static func attribute(_ attribute: String, in tag: ArraySlice<UInt8>) -> String? {
        let key = Array(attribute.utf8) + [UInt8(ascii: "=")]
        var search = tag.startIndex
        while let found = find(key, in: tag, from: search) {
            search = found + 1
            // Whole attribute names only: `w:ascii=` must not match inside `w:asciiTheme=`.
            guard found > tag.startIndex, tag[found - 1] == 0x20 || tag[found - 1] == 0x09 || tag[found - 1] == 0x0A
            else { continue }
            let quoteAt = found + key.count
            guard quoteAt < tag.endIndex else { return nil }
            let quote = tag[quoteAt]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
                let end = tag[(quoteAt + 1)...].firstIndex(of: quote)
            else { return nil }
            return unescape(tag[(quoteAt + 1)..<end])
        }
        return nil
    }

    /// Text with the five named entities and numeric character references decoded.
    static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var result = ""
        var position = bytes.startIndex
        while let ampersand = bytes[position...].firstIndex(of: UInt8(ascii: "&")) {
            result += String(decoding: bytes[position..<ampersand], as: UTF8.self)
            guard let semicolon = bytes[ampersand...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                result += "&"
                position = ampersand + 1
                continue
            }
            let entity = String(decoding: bytes[(ampersand + 1)..<semicolon], as: UTF8.self)
            position = semicolon + 1
            switch entity {
            case "lt": result += "<"
            case "gt": result += ">"
            case "amp": result += "&"
            case "quot": result += "\""
            case "apos": result += "'"
            default:
                let number = entity.hasPrefix("#x") || entity.hasPrefix("#X")
                    ? UInt32(entity.dropFirst(2), radix: 16) : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let number, let scalar = Unicode.Scalar(number) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += "&\(entity);"
                }
            }
        }
        result += String(decoding: bytes[position...], as: UTF8.self)
        return result
    }

    private static let cdataStart = Array("<![CDATA[".utf8)
    private static let cdataEnd = Array("]]>".utf8)
    private static let commentStart = Array("<!--".utf8)
    private static let commentEnd = Array("-->".utf8)

    private static func name(_ tag: ArraySlice<UInt8>) -> Substring {
        let end = tag.firstIndex { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } ?? tag.endIndex
        return Substring(String(decoding: tag[tag.startIndex..<end], as: UTF8.self))
    }

    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard let first = needle.first else { return nil }
        var index = start
        while let candidate = haystack[index...].firstIndex(of: first) {
            if haystack[candidate...].starts(with: needle) { return candidate }
            index = candidate + 1
        }
        return nil
    }
}
