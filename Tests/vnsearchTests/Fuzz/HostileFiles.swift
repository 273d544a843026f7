import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A folder of files written to break an indexing run, seeded: random and mutated bytes in every
/// format (the repository's RTF, DOC, DOCX and PDF fixtures cut, flipped and spliced), nesting
/// bombs, damaged UTF-8 and UTF-16, names that are not UTF-8 or hold control characters, deep
/// folders, links (inside, outside, dangling, loops, to folders and devices), FIFOs, unreadable
/// files and folders, and FIFOs swapped in for files while the run goes (`swapInFIFOs`).
struct HostileFiles {
    var random: SeededRandom
    /// Raw bytes of the folder's path.
    let root: [UInt8]
    /// Files and other entries made.
    private(set) var made = 0
    /// Regular files that `swapInFIFOs` replaces with FIFOs, with the FIFO made for each.
    private(set) var swaps: [(file: [UInt8], fifo: [UInt8])] = []

    static let extensions = ["txt", "md", "html", "htm", "rtf", "docx", "doc", "pdf", "text", "markdown", "TXT", "Pdf", "png", ""]
    static let templates: [(String, [UInt8])] = {
        let names = [
            "legacy/tcvn3/noi-quy-thu-vien.rtf", "legacy/tcvn3/noi-quy-thu-vien.doc", "legacy/tcvn3/noi-quy-thu-vien.docx",
            "legacy/vni/tiem-chung.docx", "legacy/vni/tiem-chung.doc", "legacy/synthetic/mua-bao.cp1258.txt",
            "legacy/synthetic/mua-bao.utf8.txt", "legacy/tcvn3-vni/bien-ban-hop-to.tcvn3-vni.txt",
        ]
        var templates = names.compactMap { name in (try? RepositoryFixtures.bytes(name)).map { (String(name.split(separator: ".").last!), $0) } }
        if let pdf = try? FileManager.default.contentsOfDirectory(atPath: RepositoryFixtures.url("pdf").path).first(where: { $0.hasSuffix(".pdf") }),
            let bytes = try? RepositoryFixtures.bytes("pdf/" + pdf)
        {
            templates.append(("pdf", bytes))
        }
        return templates
    }()

    init(seed: UInt64, root: String) {
        random = SeededRandom(seed: seed)
        self.root = Array(root.utf8)
    }

    /// Makes `count` entries under the root.
    mutating func make(count: Int) {
        mkdirRaw(root)
        mkdirRaw(root + Array("/.swap".utf8))
        while made < count {
            switch random.int(0...13) {
            case 0, 1: file(name(), random.bytes(random.int(0...65_536)))
            case 2, 3: file(name(forExtension: nil), mutatedTemplate())
            case 4: file(name(forExtension: "rtf"), rtfBomb())
            case 5: file(name(forExtension: random.pick(["html", "htm"])), htmlBomb())
            case 6: file(name(forExtension: random.pick(["txt", "md"])), damagedText())
            case 7: deepFolder()
            case 8: link()
            case 9: fifo()
            case 10: unreadable()
            case 11: file(weirdName(), Array("Văn bản có tên lạ về nông thôn mới".utf8))
            case 12: swapTarget()
            default: file(name(forExtension: "txt"), Array(String(repeating: "Xây dựng Đảng, nông thôn mới. ", count: random.int(1...2_000)).utf8))
            }
        }
    }

    /// Replaces the files kept for it with FIFOs (called while an indexing run goes on).
    func swapInFIFOs() {
        for swap in swaps { _ = Self.cPath(swap.fifo) { from in Self.cPath(swap.file) { rename(from, $0) } } }
    }

    // MARK: - Contents

    private mutating func mutatedTemplate() -> [UInt8] {
        guard !Self.templates.isEmpty else { return random.bytes(100) }
        var bytes = random.pick(Self.templates).1
        for _ in 0..<random.int(1...8) {
            guard !bytes.isEmpty else { break }
            switch random.int(0...3) {
            case 0: bytes[random.int(0...(bytes.count - 1))] = UInt8.random(in: 0...255, using: &random)
            case 1: bytes = Array(bytes.prefix(random.int(0...bytes.count)))
            case 2:
                let start = random.int(0...(bytes.count - 1))
                bytes.insert(contentsOf: bytes[start..<min(bytes.count, start + random.int(1...4_096))], at: random.int(0...bytes.count))
            default: bytes.replaceSubrange(random.int(0...(bytes.count - 1))..<bytes.count, with: random.bytes(random.int(0...512)))
            }
        }
        return bytes
    }

    private mutating func rtfBomb() -> [UInt8] {
        let depth = random.int(1_000...400_000)
        switch random.int(0...2) {
        case 0: return Array("{\\rtf1 ".utf8) + [UInt8](repeating: UInt8(ascii: "{"), count: depth) + Array("xin chao".utf8)
        case 1: return Array("{\\rtf1{\\fonttbl{\\f0 .VnTime;}}\\f0 ".utf8) + Array(String(repeating: "\\'e0\\u-1234 \\bin5 ", count: depth / 10).utf8)
        default: return Array("{\\rtf1 ".utf8) + Array(String(repeating: "{\\*\\unknown ", count: depth / 10).utf8)
        }
    }

    private mutating func htmlBomb() -> [UInt8] {
        let count = random.int(1_000...100_000)
        switch random.int(0...2) {
        case 0: return Array((String(repeating: "<div>", count: count) + "Bình thường").utf8)
        case 1: return Array(("<title>" + String(repeating: "Tiêu đề rất dài ", count: count) + "</title>").utf8)
        default: return Array(String(repeating: "&amp;&#x1b;&#0;&#xD800;&#99999999;&lt;", count: count).utf8)
        }
    }

    private mutating func damagedText() -> [UInt8] {
        let text = Array(String(repeating: "Người dân xây dựng nông thôn mới. ", count: random.int(1...200)).utf8)
        switch random.int(0...4) {
        case 0: return text + [0xFF]
        case 1: return Array(text.dropLast(random.int(1...2)))
        case 2: return [0xFF, 0xFE] + random.bytes(random.int(1...999))  // UTF-16, odd length
        case 3: return text + [0x00] + text
        default: return (0..<random.int(1...2_000)).map { _ in random.pick([0x1B, 0x07, 0x9B, 0x0D, 0x41, 0xC2]) }
        }
    }

    // MARK: - Names and kinds of entries

    private mutating func name(forExtension forced: String? = nil) -> [UInt8] {
        let stem = "f\(made)-" + String(random.int(0...999_999))
        let ext = forced ?? random.pick(Self.extensions)
        return Array((ext.isEmpty ? stem : stem + "." + ext).utf8)
    }

    private mutating func weirdName() -> [UInt8] {
        let stem: [UInt8]
        switch random.int(0...5) {
        case 0: stem = [0xD5, 0xAE, 0xFF, 0x80] + Array("\(made)".utf8)  // not UTF-8
        case 1: stem = Array("\u{1B}]0;pwned\u{7}\u{1B}[2J-\(made)".utf8)
        case 2: stem = Array("line\nbreak\ttab-\(made)".utf8)
        case 3: stem = Array(("-" + String(repeating: "dài", count: 60) + "\(made)").utf8.prefix(240))
        case 4: stem = Array("Nghi\u{323}\u{302} quye\u{301}\u{302}t-\(made)".utf8)  // NFD
        default: stem = Array("\u{202E}txt.exe\"*?-\(made)".utf8)
        }
        return stem + Array(".txt".utf8)
    }

    private mutating func file(_ name: [UInt8], _ bytes: [UInt8], in folder: [UInt8]? = nil) {
        let path = (folder ?? root) + [UInt8(ascii: "/")] + name
        let descriptor = Self.cPath(path) { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o644) }
        if descriptor >= 0 {
            _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
        }
        made += 1
    }

    private mutating func deepFolder() {
        var path = root
        for level in 0..<random.int(10...120) {
            path += Array("/d\(level % 10)".utf8)
            mkdirRaw(path)
        }
        file(name(forExtension: "txt"), Array("Sâu trong thư mục".utf8), in: path)
    }

    private mutating func link() {
        let targets = [
            "/etc/hostname", "/dev/zero", "/dev/urandom", "/proc/self/environ", "/", "..", ".", "nowhere/at/all.txt",
            "f0-1.txt", "../\(String(decoding: root.split(separator: UInt8(ascii: "/")).last ?? [], as: UTF8.self))",
        ]
        let target = random.chance(0.2) ? String(decoding: name(forExtension: "txt"), as: UTF8.self) : random.pick(targets)
        let path = root + [UInt8(ascii: "/")] + name(forExtension: random.pick(["txt", "pdf", "docx", ""]))
        if random.chance(0.1) {
            _ = Self.cPath(path) { symlink(String(decoding: path, as: UTF8.self), $0) }  // a loop on itself
        } else {
            _ = Self.cPath(path) { symlink(target, $0) }
        }
        made += 1
    }

    private mutating func fifo() {
        let path = root + [UInt8(ascii: "/")] + name(forExtension: random.pick(["txt", "pdf", "rtf"]))
        _ = Self.cPath(path) { mkfifo($0, 0o644) }
        made += 1
    }

    private mutating func unreadable() {
        if random.chance(0.5) {
            let folder = root + Array("/locked-\(made)".utf8)
            mkdirRaw(folder)
            file(Array("inside.txt".utf8), Array("Không đọc được".utf8), in: folder)
            _ = Self.cPath(folder) { chmod($0, 0) }
        } else {
            let name = name(forExtension: "txt")
            file(name, Array("Không đọc được".utf8))
            _ = Self.cPath(root + [UInt8(ascii: "/")] + name) { chmod($0, 0) }
        }
    }

    private mutating func swapTarget() {
        let name = name(forExtension: random.pick(["txt", "docx"]))
        let fifoPath = root + Array("/.swap/".utf8) + name
        _ = Self.cPath(fifoPath) { mkfifo($0, 0o644) }
        file(name, Array(String(repeating: "Sẽ thành FIFO. ", count: 100).utf8))
        swaps.append((root + [UInt8(ascii: "/")] + name, fifoPath))
    }

    private func mkdirRaw(_ path: [UInt8]) { _ = Self.cPath(path) { mkdir($0, 0o755) } }

    static func cPath<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (path.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// Makes everything under `root` removable again (unreadable folders were made 0).
    static func unlock(_ root: String) {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return }
        chmod(root, 0o755)
        while let relative = enumerator.nextObject() as? String {
            let path = root + "/" + relative
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR || info.st_mode & S_IFMT == S_IFREG { chmod(path, 0o755) }
        }
    }
}
