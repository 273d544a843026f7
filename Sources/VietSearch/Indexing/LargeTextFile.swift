import VietnameseText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a plain-text file larger than a section (`.txt`, `.md`) in pieces, in memory bounded
/// by the section size, whatever the file's size (read whole, its bytes, decoded text and
/// recorded terms were all held at once: docs/ENGINE.md, "Indexing at scale").
///
/// Two passes over the file. The first hashes it (to find an unchanged file) and learns how to
/// decode it: a byte-order mark, binary content in the first 8 KB, and whether it is valid
/// UTF-8 from start to end (else a legacy 8-bit encoding, decided per piece). The second decodes
/// it piece by piece into UTF-8 and cuts sections at whitespace (`TextSections`).
struct LargeTextFile {
    /// What the first pass found.
    enum Kind: Equatable {
        case utf8(skipping: Int)
        /// UTF-8 with a few invalid bytes, each read as U+FFFD (`TextDecoder.damagedUTF8`).
        case damagedUTF8
        case utf16(bigEndian: Bool)
        case legacy
        case binary(String)
    }

    /// A section of the text and the file's bytes it came from (for progress).
    typealias Section = (text: String, bytes: Int64)

    /// The bytes of the path to open (see `FolderWalker.File.source`).
    let path: [UInt8]
    let sectionBytes: Int
    /// The formats read this way: plain text, whose sections can be cut anywhere between lines.
    static let formats: Set<String> = ["txt", "text", "md", "markdown"]
    /// Bytes read from the file at a time.
    static let chunkBytes = 1 << 20

    struct Failure: Error {
        let reason: String
    }

    /// The file's hash, size read and kind (first pass).
    func survey() throws(Failure) -> (hash: String, size: Int, kind: Kind) {
        let file = try Self.openFile(path)
        defer { close(file.descriptor) }
        var hash = ContentHash.Stream(count: file.size)
        var validator = UTF8Validator()
        var head: [UInt8] = []
        var total = 0
        try Self.forEachChunk(file.descriptor) { chunk in
            chunk.withUnsafeBytes { hash.add($0) }
            if head.count < 8192 { head += chunk.prefix(8192 - head.count) }
            validator.add(chunk)
            total += chunk.count
        }
        return (hash.hex, total, Self.kind(head: head, validUTF8: validator.isValidAtEnd, damagedUTF8: validator.isDamagedAtEnd))
    }

    private static func kind(head: [UInt8], validUTF8: Bool, damagedUTF8: Bool) -> Kind {
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8(skipping: 3) }
        if head.starts(with: [0xFF, 0xFE]) { return .utf16(bigEndian: false) }
        if head.starts(with: [0xFE, 0xFF]) { return .utf16(bigEndian: true) }
        if let reason = TextDecoder.binaryReason(head[...]) { return .binary(reason) }
        if validUTF8 { return .utf8(skipping: 0) }
        return damagedUTF8 ? .damagedUTF8 : .legacy
    }

    /// Second pass: calls `body` with each section of the text and the encoding's name, in
    /// order (whitespace-only sections are left out); stops when it returns false. Returns the
    /// encoding's name.
    @discardableResult
    func forEachSection(as kind: Kind, _ body: (Section, String) -> Bool) throws(Failure) -> String {
        let file = try Self.openFile(path)
        defer { close(file.descriptor) }
        var decoder = PieceDecoder(kind: kind)
        var pending: [UInt8] = []
        var consumed: Int64 = 0
        var reported: Int64 = 0
        var going = true
        func emit(final: Bool) {
            while going, pending.count > sectionBytes || (final && !pending.isEmpty) {
                let taken = pending.withUnsafeBufferPointer { TextSections.cut($0, limit: sectionBytes) }
                let text = String(decoding: pending[..<taken], as: UTF8.self)
                pending.removeFirst(taken)
                guard DocumentExtractor.hasContent(text) else { continue }
                // The file's bytes read since the last section (progress; the last gets the rest).
                let bytes = consumed - reported
                reported = consumed
                going = body((text, bytes), decoder.encoding)
            }
        }
        try Self.forEachChunk(file.descriptor) { chunk in
            guard going else { return }
            consumed += Int64(chunk.count)
            decoder.decode(chunk, into: &pending, final: false)
            emit(final: false)
        }
        decoder.decode([], into: &pending, final: true)
        emit(final: true)
        return decoder.encoding
    }

    /// Opened as `FileContents` opens a file: a regular file only, never through a link.
    private static func openFile(_ path: [UInt8]) throws(Failure) -> (descriptor: Int32, size: Int) {
        do {
            return try FileContents.openRegular(path)
        } catch {
            throw Failure(reason: error.reason)
        }
    }

    /// Reads the file to its end in chunks of `chunkBytes` (one buffer, reused).
    private static func forEachChunk(_ descriptor: Int32, _ body: ([UInt8]) -> Void) throws(Failure) {
        var buffer = [UInt8](repeating: 0, count: chunkBytes)
        while true {
            let count = buffer.withUnsafeMutableBytes { raw -> Int in
                while true {
                    let count = read(descriptor, raw.baseAddress!, raw.count)
                    if count < 0 && errno == EINTR { continue }
                    return count
                }
            }
            if count < 0 { throw Failure(reason: String(cString: strerror(errno))) }
            if count == 0 { return }
            body(count == buffer.count ? buffer : Array(buffer[..<count]))
        }
    }
}

/// Checks that bytes given in pieces are valid UTF-8 as a whole (a character may straddle two
/// pieces), and if not, whether they are damaged UTF-8 (`TextDecoder.isMostlyUTF8`).
struct UTF8Validator {
    private(set) var isValid = true
    private var carry: [UInt8] = []
    /// Well-formed multi-byte characters and invalid bytes so far.
    private var sequences = 0
    private var invalid = 0

    mutating func add(_ bytes: [UInt8]) {
        let piece = carry + bytes
        let complete = UTF8Validator.completeLength(piece)
        carry = Array(piece[complete...])
        if isValid, String(validating: piece[..<complete], as: UTF8.self) != nil {
            // Valid: each lead byte starts a multi-byte character.
            sequences += piece[..<complete].reduce(0) { $0 + ($1 >= 0xC0 ? 1 : 0) }
            return
        }
        isValid = false
        let tally = TextDecoder.tally(piece[..<complete])
        sequences += tally.sequences
        invalid += tally.invalid
    }

    /// At the end: nothing may be left half a character.
    var isValidAtEnd: Bool { isValid && carry.isEmpty }

    /// At the end, not valid but UTF-8 with a few invalid bytes, or cut inside its last
    /// character, as `TextDecoder.isMostlyUTF8` decides for a whole file.
    var isDamagedAtEnd: Bool {
        isValid ? !carry.isEmpty : TextDecoder.isMostlyUTF8(sequences: sequences, invalid: invalid + carry.count)
    }

    /// The length of `bytes` without a character cut off at its end.
    static func completeLength(_ bytes: [UInt8]) -> Int {
        var start = bytes.count - 1
        while start >= 0, start > bytes.count - 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        guard start >= 0 else { return bytes.count }
        let lead = bytes[start]
        let length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        return bytes.count - start < length ? start : bytes.count
    }
}

/// Turns a large file's pieces into UTF-8, as `LargeTextFile.Kind` says: UTF-8 as it is,
/// UTF-16 transcoded (a surrogate pair may straddle pieces), a legacy encoding decoded up to the
/// last line break of what has come (each piece of lines detected on its own, as
/// `LegacyEncoding.decodeDetecting` does per line).
struct PieceDecoder {
    let kind: LargeTextFile.Kind
    private var carry: [UInt8] = []
    private var skipped = 0
    /// The encoding's name, as `TextDecoder` gives it (for a legacy file: the first piece's).
    private(set) var encoding = "utf-8"

    init(kind: LargeTextFile.Kind) {
        self.kind = kind
        switch kind {
        case .utf16(let bigEndian): encoding = bigEndian ? "utf-16be" : "utf-16le"
        case .legacy, .binary: encoding = ""
        case .utf8: break
        case .damagedUTF8: encoding = TextDecoder.damagedUTF8
        }
    }

    mutating func decode(_ piece: [UInt8], into output: inout [UInt8], final: Bool) {
        var bytes = carry + piece
        carry = []
        switch kind {
        case .utf8(let skipping):
            if skipped < skipping {
                let drop = min(skipping - skipped, bytes.count)
                bytes.removeFirst(drop)
                skipped += drop
            }
            output += bytes
        case .damagedUTF8:
            // Invalid bytes made U+FFFD now, so that sections hold valid UTF-8; a character cut
            // at the piece's end waits for the rest.
            let usable = final ? bytes.count : UTF8Validator.completeLength(bytes)
            carry = Array(bytes[usable...])
            output += String(decoding: bytes[..<usable], as: UTF8.self).utf8
        case .utf16(let bigEndian):
            if skipped < 2 {
                let drop = min(2 - skipped, bytes.count)
                bytes.removeFirst(drop)
                skipped += drop
            }
            var usable = final ? bytes.count : bytes.count & ~1
            // A high surrogate at the end waits for its pair.
            if !final, usable >= 2 {
                let unit = bigEndian ? UInt16(bytes[usable - 2]) << 8 | UInt16(bytes[usable - 1]) : UInt16(bytes[usable - 1]) << 8 | UInt16(bytes[usable - 2])
                if unit & 0xFC00 == 0xD800 { usable -= 2 }
            }
            carry = Array(bytes[usable...])
            output += TextDecoder.utf16(bytes[..<usable], bigEndian: bigEndian).utf8
        case .legacy:
            var usable = bytes.count
            if !final {
                usable = (bytes.lastIndex(of: 0x0A) ?? bytes.lastIndex(of: 0x20)).map { $0 + 1 } ?? (bytes.count > LargeTextFile.chunkBytes * 4 ? bytes.count : 0)
            }
            carry = Array(bytes[usable...])
            guard usable > 0 else { return }
            let (text, name) = LegacyEncoding.decodeDetecting(Array(bytes[..<usable]))
            if encoding.isEmpty { encoding = name }
            output += text.utf8
        case .binary:
            break
        }
    }
}
