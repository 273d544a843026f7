/// The files an indexing run reads, in order, held compactly for the whole run (~30 bytes a
/// file where an array of structs with strings took ~170): it is the one part of a run's memory
/// that grows with the number of files.
///
/// Paths are front-coded: the walk gives them in byte order, so each shares most of its bytes
/// with the one before (`…/f1000/0042/viwiki-0630` then `5.txt`), and is stored as the length
/// it shares and the bytes that follow; every `blockSize`-th path is stored whole, so any path
/// is rebuilt from at most that many entries. Per file besides: its size, time and format; the
/// indexed version's hash only for the files the index knows (none in a first run).
struct WorkList: Sendable {
    struct File: Sendable {
        var path: String
        var size: Int64
        var modificationTime: Int64
        var format: String
        /// The indexed version's hash, when the file is indexed (a changed file).
        var knownHash: String?
        /// The bytes of the path to open (see `FolderWalker.File.source`).
        var source: [UInt8]

        init(path: String, size: Int64, modificationTime: Int64, format: String, knownHash: String?, source: [UInt8]? = nil) {
            self.path = path
            self.size = size
            self.modificationTime = modificationTime
            self.format = format
            self.knownHash = knownHash
            self.source = source ?? Array(path.utf8)
        }

        var walked: FolderWalker.File {
            FolderWalker.File(path: path, size: size, modificationTime: modificationTime, format: format, source: source)
        }
    }

    /// Paths between whole ones: a path costs at most this many entries to rebuild.
    static let blockSize = 16

    /// Per path: the count of bytes shared with the previous path and the count that follow (two
    /// LEB128 varints), then those bytes.
    private var entries: [UInt8] = []
    /// Where each block's first entry starts in `entries`.
    private var blockStarts: [Int] = []
    /// The last path appended, which the next one is coded against.
    private var lastPath: [UInt8] = []
    private var sizes: [Int64] = []
    private var times: [Int64] = []
    private var formats: [UInt8] = []
    /// The known hash as 16 hex digits' value, by file; absent for a new file.
    private var hashes: [Int: UInt64] = [:]
    /// The bytes to open, for the few files whose differ from their stored path's (names that
    /// are not UTF-8, links).
    private var sources: [Int: [UInt8]] = [:]
    private static let formatNames = DocumentExtractor.formats.sorted()

    var count: Int { sizes.count }
    var totalBytes: Int64 { sizes.reduce(0, +) }

    mutating func append(_ file: FolderWalker.File, known: (id: Int64, hash: String)?) {
        let index = sizes.count
        let path = Array(file.path.utf8)
        var shared = 0
        if index % Self.blockSize == 0 {
            blockStarts.append(entries.count)
        } else {
            let limit = min(path.count, lastPath.count)
            while shared < limit && path[shared] == lastPath[shared] { shared += 1 }
        }
        Self.appendVarint(shared, to: &entries)
        Self.appendVarint(path.count - shared, to: &entries)
        entries += path[shared...]
        if path != file.source { sources[index] = file.source }
        lastPath = path
        sizes.append(file.size)
        times.append(file.modificationTime)
        formats.append(UInt8(Self.formatNames.firstIndex(of: file.format) ?? 0))
        // A hash that is not 16 hex digits (none written so) never equals a new one: re-read.
        if let known { hashes[index] = UInt64(known.hash, radix: 16) ?? 0 }
    }

    /// Gives back what the arrays reserved beyond their contents while they grew (up to half of
    /// them): the list is complete, and is held for the whole run.
    mutating func compact() {
        entries = Self.exactCopy(entries)
        blockStarts = Self.exactCopy(blockStarts)
        sizes = Self.exactCopy(sizes)
        times = Self.exactCopy(times)
        formats = Self.exactCopy(formats)
        lastPath = []
    }

    func path(at index: Int) -> String {
        String(decoding: pathBytes(at: index), as: UTF8.self)
    }

    /// The bytes of the path to open for the file at `index`.
    func source(at index: Int) -> [UInt8] {
        sources[index] ?? pathBytes(at: index)
    }

    subscript(index: Int) -> File {
        let hash = hashes[index].map { value -> String in
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return File(
            path: path(at: index), size: sizes[index], modificationTime: times[index],
            format: Self.formatNames[Int(formats[index])], knownHash: hash, source: source(at: index))
    }

    /// Rebuilds the path at `index` from its block's whole path and the entries after it.
    private func pathBytes(at index: Int) -> [UInt8] {
        var position = blockStarts[index / Self.blockSize]
        var path: [UInt8] = []
        for _ in 0...(index % Self.blockSize) {
            let shared = Self.readVarint(entries, at: &position)
            let rest = Self.readVarint(entries, at: &position)
            path.removeLast(path.count - shared)
            path += entries[position..<(position + rest)]
            position += rest
        }
        return path
    }

    private static func appendVarint(_ value: Int, to bytes: inout [UInt8]) {
        var value = UInt(value)
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private static func readVarint(_ bytes: [UInt8], at position: inout Int) -> Int {
        var value: UInt = 0
        var shift: UInt = 0
        while true {
            let byte = bytes[position]
            position += 1
            value |= UInt(byte & 0x7F) << shift
            if byte < 0x80 { return Int(value) }
            shift += 7
        }
    }

    /// A copy with no spare capacity (an array's growth leaves up to as much again unused).
    private static func exactCopy<Element: BitwiseCopyable>(_ array: [Element]) -> [Element] {
        [Element](unsafeUninitializedCapacity: array.count) { buffer, initialized in
            _ = buffer.initialize(from: array)
            initialized = array.count
        }
    }
}
