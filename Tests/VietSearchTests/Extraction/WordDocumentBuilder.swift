/// Writes a minimal Word 97 `.doc` for tests: a version-3 compound file (512-byte sectors, no
/// mini stream) holding a `WordDocument` stream with a FIB and the text, and a `1Table`
/// stream with the piece table. Only what a text extractor reads is filled in.
struct WordDocumentBuilder {
    enum Piece {
        /// 8-bit text (Windows-1252 bytes, or legacy bytes under a legacy font).
        case compressed([UInt8])
        case utf16(String)
    }

    var pieces: [Piece]

    var bytes: [UInt8] {
        // WordDocument: the FIB, then the pieces' text.
        let fibSize = 0x22 + 2 * 14 + 2 + 4 * 22 + 2 + 8 * 93
        var word = [UInt8](repeating: 0, count: fibSize)
        put16(&word, 0, 0xA5EC)
        put16(&word, 2, 193)  // nFib of Word 97
        put16(&word, 0x0A, 0x0200)  // fWhichTblStm: 1Table
        put16(&word, 0x20, 14)
        put16(&word, 0x22 + 28, 22)
        let pairsAt = 0x22 + 28 + 2 + 88 + 2
        put16(&word, pairsAt - 2, 93)
        var characterPositions: [UInt32] = [0]
        var descriptors: [UInt32] = []
        for piece in pieces {
            switch piece {
            case .compressed(let text):
                descriptors.append(UInt32(word.count * 2) | 0x4000_0000)
                word += text
                characterPositions.append(characterPositions.last! + UInt32(text.count))
            case .utf16(let text):
                descriptors.append(UInt32(word.count))
                for unit in text.utf16 { word += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
                characterPositions.append(characterPositions.last! + UInt32(text.utf16.count))
            }
        }
        put32(&word, 0x22 + 28 + 2 + 12, characterPositions.last!)  // ccpText

        // 1Table: a Prc to step over, then the Pcdt.
        var plc: [UInt8] = []
        for position in characterPositions { plc += le32(position) }
        for descriptor in descriptors { plc += [0, 0] + le32(descriptor) + [0, 0] }
        var table: [UInt8] = [0x01, 0x02, 0x00, 0xAA, 0xBB]
        table += [0x02] + le32(UInt32(plc.count)) + plc
        put32(&word, pairsAt + 33 * 8, 0)
        put32(&word, pairsAt + 33 * 8 + 4, UInt32(table.count))

        // Streams of at least 4096 bytes live in the regular FAT.
        word += [UInt8](repeating: 0, count: max(0, 4096 - word.count))
        table += [UInt8](repeating: 0, count: max(0, 4096 - table.count))
        return CompoundFileWriter(streams: [("WordDocument", word), ("1Table", table)]).bytes
    }

    private func put16(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt16) {
        bytes[offset] = UInt8(value & 0xFF)
        bytes[offset + 1] = UInt8(value >> 8)
    }

    private func put32(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt32) {
        bytes.replaceSubrange(offset..<offset + 4, with: le32(value))
    }
}

func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

/// A version-3 compound file with streams in the root storage: one FAT sector, one directory
/// sector (so at most three streams), then each stream's sectors in a row.
struct CompoundFileWriter {
    var streams: [(name: String, bytes: [UInt8])]

    var bytes: [UInt8] {
        precondition(streams.count <= 3)
        var fat: [UInt32] = [0xFFFF_FFFD, 0xFFFF_FFFE]  // the FAT itself, the directory
        var starts: [UInt32] = []
        var data: [UInt8] = []
        for stream in streams {
            let sectors = (stream.bytes.count + 511) / 512
            starts.append(UInt32(fat.count))
            for index in 0..<sectors { fat.append(index == sectors - 1 ? 0xFFFF_FFFE : UInt32(fat.count + 1)) }
            data += stream.bytes + [UInt8](repeating: 0, count: sectors * 512 - stream.bytes.count)
        }
        precondition(fat.count <= 128)
        fat += [UInt32](repeating: 0xFFFF_FFFF, count: 128 - fat.count)

        var header = [UInt8](repeating: 0, count: 512)
        header.replaceSubrange(0..<8, with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        header.replaceSubrange(0x18..<0x20, with: [0x3E, 0, 3, 0, 0xFE, 0xFF, 9, 0])
        header[0x20] = 6
        header.replaceSubrange(0x2C..<0x30, with: le32(1))  // one FAT sector
        header.replaceSubrange(0x30..<0x34, with: le32(1))  // directory at sector 1
        header.replaceSubrange(0x38..<0x3C, with: le32(4096))
        header.replaceSubrange(0x3C..<0x40, with: le32(0xFFFF_FFFE))
        header.replaceSubrange(0x44..<0x48, with: le32(0xFFFF_FFFE))
        for slot in 0..<109 { header.replaceSubrange(0x4C + 4 * slot..<0x50 + 4 * slot, with: le32(slot == 0 ? 0 : 0xFFFF_FFFF)) }

        var directory: [UInt8] = []
        func entry(_ name: String, type: UInt8, right: UInt32, child: UInt32, start: UInt32, size: Int) -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: 128)
            let units = Array(name.utf16) + [0]
            for (index, unit) in units.enumerated() {
                bytes[2 * index] = UInt8(unit & 0xFF)
                bytes[2 * index + 1] = UInt8(unit >> 8)
            }
            bytes[0x40] = UInt8(units.count * 2)
            bytes[0x42] = type
            bytes.replaceSubrange(0x44..<0x48, with: le32(0xFFFF_FFFF))
            bytes.replaceSubrange(0x48..<0x4C, with: le32(right))
            bytes.replaceSubrange(0x4C..<0x50, with: le32(child))
            bytes.replaceSubrange(0x74..<0x78, with: le32(start))
            bytes.replaceSubrange(0x78..<0x7C, with: le32(UInt32(size)))
            return bytes
        }
        directory += entry("Root Entry", type: 5, right: 0xFFFF_FFFF, child: 1, start: 0xFFFF_FFFE, size: 0)
        for (index, stream) in streams.enumerated() {
            let right = index + 1 < streams.count ? UInt32(index + 2) : 0xFFFF_FFFF
            directory += entry(stream.name, type: 2, right: right, child: 0xFFFF_FFFF, start: starts[index], size: stream.bytes.count)
        }
        directory += [UInt8](repeating: 0, count: 512 - directory.count)
        return header + fat.flatMap(le32) + directory + data
    }
}
