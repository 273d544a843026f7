/// One record of an FTS5 table's `%_data`, held for parsing: a leaf page of a segment or a page
/// of a doclist index (format: the header comment of SQLite's `ext/fts5/fts5_index.c`).
///
/// The bytes are followed by zeros (`padding`), as FTS5 pads the records it reads, so a varint
/// read that starts inside the record never leaves the buffer, whatever the record holds.
final class FTS5Page {
    /// Zeros after the record: more than the longest varint (9 bytes).
    static let padding = 16

    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes of the record.
    private(set) var count = 0
    /// Leaf pages: where the footer (the offsets of the terms on the page) starts; the record's
    /// size when the page holds no term.
    private(set) var leafSize = 0
    /// The leaf page number within its segment (or the record id for other records), -1 when
    /// nothing is loaded.
    var number = -1

    init(capacity: Int = 4096) {
        self.capacity = capacity
        bytes = .allocate(capacity: capacity + Self.padding)
        bytes.initialize(repeating: 0, count: capacity + Self.padding)
    }

    deinit { bytes.deallocate() }

    /// Copies a record in.
    func load(_ record: UnsafeRawBufferPointer, number: Int) {
        load(count: record.count, number: number) { buffer in
            if !record.isEmpty { buffer.copyMemory(from: record) }
        }
    }

    /// Loads a record of `count` bytes that `fill` writes into the buffer it is given (when it
    /// throws, the page holds nothing).
    func load(count: Int, number: Int, fill: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
        if count > capacity {
            bytes.deallocate()
            capacity = max(count, capacity * 2)
            bytes = .allocate(capacity: capacity + Self.padding)
        }
        self.count = 0
        leafSize = 0
        self.number = -1
        try fill(UnsafeMutableRawBufferPointer(start: bytes, count: count))
        (bytes + count).initialize(repeating: 0, count: Self.padding)
        self.count = count
        leafSize = count >= 4 ? Int(bytes[2]) << 8 | Int(bytes[3]) : 0
        self.number = number
    }

    /// A copy of `other`.
    func load(_ other: FTS5Page) {
        load(UnsafeRawBufferPointer(start: other.bytes, count: other.count), number: other.number)
    }

    /// Takes another page's contents (no copy: the two swap buffers). Plain assignments, not
    /// `Swift.swap` on two pages' properties: two overlapping accesses to one property would
    /// make the compiler check every access to the page's properties at run time.
    func swap(with other: FTS5Page) {
        let mine = (bytes, capacity, count, leafSize, number)
        (bytes, capacity, count, leafSize, number) = (other.bytes, other.capacity, other.count, other.leafSize, other.number)
        (other.bytes, other.capacity, other.count, other.leafSize, other.number) = mine
    }

    /// A leaf's header: where its first rowid is when one comes before its first term (else 0).
    var firstRowidOffset: Int { Int(bytes[0]) << 8 | Int(bytes[1]) }

    /// A leaf with at least one term (its footer is not empty).
    var hasTerms: Bool { leafSize < count }

    /// Whether the leaf's header is consistent with its size (FTS5's `fts5LeafRead` check).
    var isValidLeaf: Bool { count >= 4 && leafSize >= 4 && leafSize <= count }

    /// The SQLite varint at `offset` (big-endian groups of 7 bits, the high bit set on all but
    /// the last; a ninth byte carries 8 bits), advancing `offset` past it.
    @inline(__always)
    func varint(_ offset: inout Int) -> UInt64 {
        FTS5Page.varint(bytes, &offset)
    }

    @inline(__always)
    static func varint(_ bytes: UnsafePointer<UInt8>, _ offset: inout Int) -> UInt64 {
        let first = bytes[offset]
        if first < 0x80 {
            offset += 1
            return UInt64(first)
        }
        var value = UInt64(first & 0x7f)
        for index in 1..<9 {
            let byte = bytes[offset + index]
            if index == 8 {
                offset += 9
                return value << 8 | UInt64(byte)
            }
            value = value << 7 | UInt64(byte & 0x7f)
            if byte < 0x80 {
                offset += index + 1
                return value
            }
        }
        return value  // not reached
    }

    /// Decodes a position list (`sqlite3Fts5PoslistNext64`): varints of offset + 2, as deltas
    /// within a column; a 1 starts a new column, whose number follows. Calls `body` with each
    /// position's column and offset.
    @inline(__always)
    static func forEachPosition(_ bytes: UnsafePointer<UInt8>, _ size: Int, _ body: (Int, Int) throws -> Void) rethrows {
        var offset = 0
        var column = 0
        var position = 0
        while offset < size {
            let value = Int(truncatingIfNeeded: varint(bytes, &offset))
            if value == 1 {
                column = Int(truncatingIfNeeded: varint(bytes, &offset))
                position = 0
                continue
            }
            position += value - 2
            try body(column, position)
        }
    }
}
