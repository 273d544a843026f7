/// SQLite's variable-length integers, as its file format and FTS5's records (`%_docsize`, the
/// structure record in `%_data`) hold them: big-endian groups of 7 bits, the high bit set on every
/// byte but the last, at most nine bytes, the ninth carrying 8 bits, so that nine bytes hold any
/// 64-bit value (a negative rowid, in two's complement, takes all nine).
///
/// Not LEB128 (little-endian groups, no ninth-byte rule), the format of `TermPairTable`.
package enum SQLiteVarint {
    /// The varint at `offset`, which moves past it; nil, `offset` unchanged, when `bytes` ends
    /// inside it.
    @inlinable
    package static func read(_ bytes: [UInt8], at offset: inout Int) -> UInt64? {
        bytes.withUnsafeBytes { read($0, at: &offset) }
    }

    /// `read(_:at:)` from bytes lent by SQLite (`SQLiteStatement.withBlob`): `DocumentLengths`
    /// reads every row's sizes at a first search, and copying each into an array cost more than
    /// decoding it.
    @inlinable
    package static func read(_ bytes: UnsafeRawBufferPointer, at offset: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var position = offset
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if position - offset == 9 {
                value = value << 8 | UInt64(byte)
            } else {
                value = value << 7 | UInt64(byte & 0x7f)
                if byte & 0x80 != 0 { continue }
            }
            offset = position
            return value
        }
        return nil
    }
}
