import VietnameseText

/// The text of a Word 97–2003 (`.doc`) document: the piece table in the table stream says
/// where each run of the main text lies in the `WordDocument` stream, as 8-bit ("compressed")
/// or UTF-16 characters.
///
/// Vietnamese documents of that era typed TCVN3 or VNI bytes in `.VnTime` or `VNI-Times`, so
/// the 8-bit characters (and UTF-16 ones that Word read from them as Windows-1252) are legacy
/// bytes. They are put back together into a byte layer and decoded by detection. Word stores
/// TCVN3's `ư`, byte 0xAD, as a soft hyphen; it is kept, not dropped as extractors usually do.
struct WordBinaryText {
    enum Failure: Error, Equatable {
        case compoundFile(CompoundFile.Failure)
        case notWord
        case unsupported(String)
        case damaged(String)
    }

    var body: String
    /// "utf-16" when the document holds Vietnamese as Unicode, else the name the legacy
    /// decoder gives ("tcvn3", "vni", "tcvn3+vni", ...).
    var encoding: String
    /// The 8-bit layer: each character as its Windows-1252 byte (characters without one left
    /// out), paragraphs as `\n`, cells as tabs, field codes dropped. What the legacy corpus's
    /// `.tcvn3.txt` and `.vni.txt` files hold.
    var byteLayer: [UInt8]

    init(_ bytes: [UInt8]) throws(Failure) {
        let file: CompoundFile
        do { file = try CompoundFile(bytes) } catch { throw .compoundFile(error) }
        let characters = try Self.characters(file)
        var layer: [UInt8] = []
        layer.reserveCapacity(characters.count)
        var vietnameseLetters = 0
        var highBytes = 0
        for scalar in characters {
            if let byte = Windows1252.byte(scalar) {
                layer.append(byte)
                if byte >= 0x80 { highBytes += 1 }
            } else if Self.isVietnameseLetter(scalar) {
                vietnameseLetters += 1
            }
        }
        byteLayer = layer
        // Vietnamese letters that Windows-1252 lacks (ơ, ư, ạ, ...) in quantity mean a Unicode
        // document, whose bytes above 0x7F are its à, é, ô, ...
        if vietnameseLetters > 0, vietnameseLetters * 4 >= highBytes {
            var text = ""
            text.unicodeScalars.append(contentsOf: characters)
            body = text
            encoding = "utf-16"
        } else {
            (body, encoding) = Self.decodeLegacy(characters)
        }
    }

    /// Decodes the legacy byte layer. A legacy document may still have a few lines typed in
    /// Unicode (a signer's name pasted in): those lines are kept as they are and the rest is
    /// decoded together, so detection sees the whole document.
    static func decodeLegacy(_ characters: [Unicode.Scalar]) -> (text: String, encoding: String) {
        let lines = characters.split(separator: "\n", omittingEmptySubsequences: false)
        var unicodeLines: [Int: String] = [:]
        var layer: [UInt8] = []
        for (number, line) in lines.enumerated() {
            if number > 0 { layer.append(0x0A) }
            if line.contains(where: isVietnameseLetter) {
                var text = ""
                text.unicodeScalars.append(contentsOf: line)
                unicodeLines[number] = text
            } else {
                layer.append(contentsOf: line.compactMap(Windows1252.byte))
            }
        }
        let decoded = LegacyEncoding.decodeDetecting(layer)
        guard !unicodeLines.isEmpty else { return decoded }
        var decodedLines = decoded.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard decodedLines.count == lines.count else { return decoded }
        for (number, text) in unicodeLines { decodedLines[number] = text }
        return (decodedLines.joined(separator: "\n"), decoded.encoding)
    }

    static func isVietnameseLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0102, 0x0103, 0x0110, 0x0111, 0x0128, 0x0129, 0x0168, 0x0169, 0x01A0, 0x01A1, 0x01AF, 0x01B0,
            0x1EA0...0x1EF9:
            true
        default: false
        }
    }

    /// A stream of the compound file; `missing` when there is none.
    private static func stream(_ name: String, in file: CompoundFile, missing: Failure) throws(Failure) -> [UInt8] {
        do {
            guard let stream = try file.stream(named: name) else { throw missing }
            return stream
        } catch let failure as Failure {
            throw failure
        } catch let failure as CompoundFile.Failure {
            throw .compoundFile(failure)
        } catch {
            throw missing
        }
    }

    /// The characters of every story in document order (main text, then footnotes, headers,
    /// comments, endnotes, text boxes), with Word's marks turned into text structure.
    static func characters(_ file: CompoundFile) throws(Failure) -> [Unicode.Scalar] {
        let word = try stream("WordDocument", in: file, missing: .notWord)
        guard word.count >= 0x20, CompoundFile.uint16(word, 0) == 0xA5EC else { throw .notWord }
        let version = CompoundFile.uint16(word, 2)
        guard version >= 101 else { throw .unsupported("Word 6/95 format") }
        let flags = CompoundFile.uint16(word, 0x0A)
        guard flags & 0x0100 == 0 else { throw .unsupported("encrypted") }

        // FibBase, then counted arrays of 16-bit, 32-bit and (fc, lcb) pair fields.
        let shortCount = Int(CompoundFile.uint16(word, 0x20))
        let longsAt = 0x22 + 2 * shortCount + 2
        let longCount = Int(CompoundFile.uint16(word, longsAt - 2))
        let pairsAt = longsAt + 4 * longCount + 2
        let pairCount = Int(CompoundFile.uint16(word, pairsAt - 2))
        guard longCount > 3, pairCount > 33, pairsAt + 8 * 34 <= word.count else { throw .damaged("FIB") }
        let clxAt = Int(CompoundFile.uint32(word, pairsAt + 33 * 8))
        let clxLength = Int(CompoundFile.uint32(word, pairsAt + 33 * 8 + 4))

        let tableName = flags & 0x0200 != 0 ? "1Table" : "0Table"
        let table = try stream(tableName, in: file, missing: .damaged("no \(tableName) stream"))
        guard clxLength > 0, clxAt <= table.count, clxLength <= table.count - clxAt else { throw .damaged("piece table") }

        // The Clx: property runs (0x01) to step over, then the piece table (0x02).
        var position = clxAt
        let end = clxAt + clxLength
        var pieces: ArraySlice<UInt8> = []
        while position < end {
            switch table[position] {
            case 0x01:
                position += 3 + Int(CompoundFile.uint16(table, position + 1))
            case 0x02:
                let length = Int(CompoundFile.uint32(table, position + 1))
                guard length >= 4, length <= end - position - 5 else { throw .damaged("piece table") }
                pieces = table[position + 5..<position + 5 + length]
                position = end
            default:
                throw .damaged("piece table")
            }
        }
        let plc = Array(pieces)
        let pieceCount = (plc.count - 4) / 12
        guard pieceCount > 0 else { throw .damaged("piece table") }

        var characters: [Unicode.Scalar] = []
        var structure = Structure()
        var total = 0
        for piece in 0..<pieceCount {
            let start = Int(CompoundFile.uint32(plc, 4 * piece))
            let limit = Int(CompoundFile.uint32(plc, 4 * piece + 4))
            guard start < limit else { continue }
            let count = limit - start
            total += count
            // No document has more characters than its stream has bytes.
            guard total <= word.count else { throw .damaged("piece table") }
            let descriptor = 4 * (pieceCount + 1) + 8 * piece
            let location = CompoundFile.uint32(plc, descriptor + 2)
            if location & 0x4000_0000 != 0 {
                let offset = Int(location & 0x3FFF_FFFF) / 2
                guard offset + count <= word.count else { throw .damaged("piece outside the stream") }
                for byte in word[offset..<offset + count] {
                    structure.append(Windows1252.scalar(byte), to: &characters)
                }
            } else {
                let offset = Int(location)
                guard offset + 2 * count <= word.count else { throw .damaged("piece outside the stream") }
                let units = stride(from: offset, to: offset + 2 * count, by: 2).map { CompoundFile.uint16(word, $0) }
                for scalar in String(decoding: units, as: UTF16.self).unicodeScalars {
                    structure.append(scalar, to: &characters)
                }
            }
        }
        return characters
    }

    /// Word's special characters: paragraph and cell marks, fields (0x13 code 0x14 result 0x15;
    /// the code is dropped, the result kept), and control characters for pictures and notes.
    struct Structure {
        /// One entry per open field: whether its result part has started.
        var fields: [Bool] = []
        var codeDepth = 0

        mutating func append(_ scalar: Unicode.Scalar, to characters: inout [Unicode.Scalar]) {
            switch scalar.value {
            case 0x13:
                fields.append(false)
                codeDepth += 1
                return
            case 0x14:
                if fields.last == false {
                    fields[fields.count - 1] = true
                    codeDepth -= 1
                }
                return
            case 0x15:
                if fields.popLast() == false { codeDepth -= 1 }
                return
            default:
                break
            }
            guard codeDepth == 0 else { return }
            switch scalar.value {
            case 0x0D, 0x0B, 0x0C: characters.append("\n")
            case 0x07: characters.append("\t")
            case 0x09: characters.append("\t")
            case 0x1E: characters.append("-")
            case 0x00..<0x20: break
            // Symbol-font glyphs (bullets, arrows) in the private use area.
            case 0xF000...0xF0FF: break
            default: characters.append(scalar)
            }
        }
    }
}

extension WordBinaryText.Failure {
    /// For the skip report.
    var reason: String {
        switch self {
        case .compoundFile(.notCompoundFile): "not a Word 97–2003 file"
        case .compoundFile(.damaged(let detail)): "damaged file (\(detail))"
        case .notWord: "no Word document inside"
        case .unsupported(let what): "\(what) not supported"
        case .damaged(let detail): "damaged document (\(detail))"
        }
    }
}
