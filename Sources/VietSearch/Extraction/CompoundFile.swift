/// Reads streams out of a Compound File Binary (OLE2) container, the format of Word 97–2003
/// `.doc` files: a FAT of sector chains, a directory of named streams, and a mini stream for
/// the small ones. Every number taken from the file is checked against the file's size, so a
/// damaged or hostile header cannot cause a large allocation or an endless chain walk.
struct CompoundFile {
    enum Failure: Error, Equatable {
        case notCompoundFile
        case damaged(String)
    }

    struct Entry {
        var name: String
        /// 1 storage, 2 stream, 5 root.
        var type: UInt8
        var left: UInt32
        var right: UInt32
        var child: UInt32
        var start: UInt32
        var size: UInt64
    }

    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    static let endOfChain: UInt32 = 0xFFFF_FFFE
    /// Entry ids at or above this mean "none" (NOSTREAM is 0xFFFFFFFF).
    static let noEntry: UInt32 = 0xFFFF_FFFA

    let bytes: [UInt8]
    let sectorSize: Int
    let miniSectorSize: Int
    let miniStreamCutoff: UInt64
    /// Sectors in the file: no chain can be longer without visiting a sector twice.
    let sectorCount: Int
    private(set) var fat: [UInt32] = []
    private(set) var miniFAT: [UInt32] = []
    private(set) var entries: [Entry] = []
    private var miniStream: [UInt8] = []

    init(_ bytes: [UInt8]) throws(Failure) {
        guard bytes.count >= 512, bytes.starts(with: Self.signature) else { throw .notCompoundFile }
        self.bytes = bytes
        let shift = Int(Self.uint16(bytes, 0x1E))
        let miniShift = Int(Self.uint16(bytes, 0x20))
        guard shift == 9 || shift == 12, miniShift == 6 else { throw .damaged("sector size") }
        sectorSize = 1 << shift
        miniSectorSize = 1 << miniShift
        miniStreamCutoff = UInt64(Self.uint32(bytes, 0x38))
        sectorCount = bytes.count / sectorSize

        // The DIFAT: 109 FAT sector numbers in the header, the rest in a chain of DIFAT sectors.
        let fatSectorCount = Int(Self.uint32(bytes, 0x2C))
        guard fatSectorCount <= sectorCount else { throw .damaged("FAT size") }
        var fatSectors: [UInt32] = []
        for slot in 0..<109 where fatSectors.count < fatSectorCount {
            fatSectors.append(Self.uint32(bytes, 0x4C + 4 * slot))
        }
        var difatSector = Self.uint32(bytes, 0x44)
        var difatSteps = 0
        while fatSectors.count < fatSectorCount, difatSector < Self.noEntry {
            difatSteps += 1
            guard difatSteps <= sectorCount, let offset = offset(ofSector: difatSector) else { throw .damaged("DIFAT") }
            let perSector = sectorSize / 4 - 1
            for slot in 0..<perSector where fatSectors.count < fatSectorCount {
                fatSectors.append(Self.uint32(bytes, offset + 4 * slot))
            }
            difatSector = Self.uint32(bytes, offset + 4 * perSector)
        }
        fat.reserveCapacity(fatSectors.count * sectorSize / 4)
        for sector in fatSectors {
            guard let offset = offset(ofSector: sector) else { throw .damaged("FAT sector") }
            for slot in 0..<sectorSize / 4 { fat.append(Self.uint32(bytes, offset + 4 * slot)) }
        }

        let directory = try chain(from: Self.uint32(bytes, 0x30))
        // Version 3 files (512-byte sectors) may leave garbage in a size's high half.
        let highSize = { (start: Int) in shift == 9 ? 0 : UInt64(Self.uint32(directory, start + 0x7C)) << 32 }
        for start in stride(from: 0, to: directory.count - 127, by: 128) {
            let nameLength = min(64, Int(Self.uint16(directory, start + 0x40)))
            let units = (0..<max(0, nameLength / 2 - 1)).map { Self.uint16(directory, start + 2 * $0) }
            entries.append(
                Entry(
                    name: String(decoding: units, as: UTF16.self), type: directory[start + 0x42],
                    left: Self.uint32(directory, start + 0x44), right: Self.uint32(directory, start + 0x48),
                    child: Self.uint32(directory, start + 0x4C), start: Self.uint32(directory, start + 0x74),
                    size: UInt64(Self.uint32(directory, start + 0x78)) | highSize(start)))
        }
        guard let root = entries.first, root.type == 5 else { throw .damaged("no root entry") }
        if root.size > 0 {
            miniStream = try chain(from: root.start, size: root.size)
            miniFAT = try chain(from: Self.uint32(bytes, 0x3C)).chunks4.map { $0 }
        }
    }

    /// The stream of that name directly in the root storage (not in embedded objects' storages).
    func stream(named name: String) throws(Failure) -> [UInt8]? {
        guard let entry = rootChildren().first(where: { $0.type == 2 && $0.name == name }) else { return nil }
        if entry.size < miniStreamCutoff { return try miniChain(from: entry.start, size: entry.size) }
        return try chain(from: entry.start, size: entry.size)
    }

    /// The root's children: a red-black tree threaded through `left`, `right`, `child`.
    func rootChildren() -> [Entry] {
        var found: [Entry] = []
        var pending = entries.isEmpty ? [] : [entries[0].child]
        var visited = Set<UInt32>()
        while let id = pending.popLast() {
            guard id < Self.noEntry, Int(id) < entries.count, visited.insert(id).inserted else { continue }
            let entry = entries[Int(id)]
            found.append(entry)
            pending.append(entry.left)
            pending.append(entry.right)
        }
        return found
    }

    private func offset(ofSector sector: UInt32) -> Int? {
        let offset = (Int(sector) + 1) * sectorSize
        return sector < Self.noEntry && offset + sectorSize <= bytes.count ? offset : nil
    }

    /// The bytes of a chain of sectors, cut to `size` when given.
    private func chain(from start: UInt32, size: UInt64? = nil) throws(Failure) -> [UInt8] {
        if let size, size > UInt64(bytes.count) { throw .damaged("stream larger than the file") }
        var result: [UInt8] = []
        var sector = start
        var steps = 0
        while sector != Self.endOfChain, sector < Self.noEntry {
            steps += 1
            guard steps <= sectorCount, let offset = offset(ofSector: sector), Int(sector) < fat.count else {
                throw .damaged("sector chain")
            }
            result.append(contentsOf: bytes[offset..<offset + sectorSize])
            if let size, UInt64(result.count) >= size { break }
            sector = fat[Int(sector)]
        }
        guard let size else { return result }
        guard UInt64(result.count) >= size else { throw .damaged("stream shorter than its size") }
        return Array(result.prefix(Int(size)))
    }

    private func miniChain(from start: UInt32, size: UInt64) throws(Failure) -> [UInt8] {
        guard size <= UInt64(miniStream.count) else { throw .damaged("mini stream") }
        var result: [UInt8] = []
        var sector = start
        var steps = 0
        while UInt64(result.count) < size {
            steps += 1
            let offset = Int(sector) * miniSectorSize
            guard sector < Self.noEntry, steps <= miniStream.count / miniSectorSize, Int(sector) < miniFAT.count,
                offset + miniSectorSize <= miniStream.count
            else { throw .damaged("mini sector chain") }
            result.append(contentsOf: miniStream[offset..<offset + miniSectorSize])
            sector = miniFAT[Int(sector)]
        }
        return Array(result.prefix(Int(size)))
    }

    static func uint16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        guard offset >= 0, offset + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= bytes.count else { return 0 }
        return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }
}

extension [UInt8] {
    /// Little-endian 32-bit words.
    fileprivate var chunks4: [UInt32] {
        stride(from: 0, to: count - 3, by: 4).map { CompoundFile.uint32(self, $0) }
    }
}
