import VietnameseText

/// The text of an RTF document, decoded font by font.
///
/// Vietnamese RTF from before Unicode holds TCVN3 or VNI bytes as `\'xx` escapes under
/// `\ansicpg1252` and relies on the font (`.VnTime`, `VNI-Times`) to show them, switching fonts
/// run by run, so the font table decides how each run's bytes are read. Consecutive bytes in
/// the same legacy font are collected and decoded together (VNI marks follow their letters).
struct RTFText {
    /// The text: paragraphs end in `\n`, table cells in a tab.
    var body: String
    /// "tcvn3", "vni" or "tcvn3+vni" when legacy fonts held non-ASCII text, else the code page
    /// ("windows-1252", "windows-1258").
    var encoding: String
    /// The 8-bit text layer before any decoding: legacy bytes exactly as the file has them, the
    /// structure mapped as in `body`. What the legacy corpus's `.tcvn3.txt` files hold.
    var byteLayer: [UInt8]

    /// Nil when the bytes are not RTF.
    init?(_ bytes: [UInt8]) {
        guard bytes.starts(with: Array("{\\rtf".utf8)) else { return nil }
        var parser = Parser(bytes)
        parser.parse()
        body = parser.output.text
        byteLayer = parser.output.layer
        let legacy = [LegacyEncoding.tcvn3, .vni].filter { parser.output.legacyUsed.contains($0) }
        encoding = legacy.isEmpty
            ? (parser.codePage == 1258 ? LegacyEncoding.windows1258.rawValue : "windows-1252")
            : legacy.map(\.rawValue).joined(separator: "+")
    }
}

extension RTFText {
    /// How the bytes of a run are read.
    enum Run: Equatable {
        case legacy(LegacyFont)
        case codePage(Int)
    }

    /// Collects text run by run; a run's bytes are decoded when the run ends.
    struct Output {
        var text = ""
        var layer: [UInt8] = []
        var legacyUsed: Set<LegacyEncoding> = []
        private var pending: [UInt8] = []
        private var pendingRun = Run.codePage(1252)

        mutating func append(byte: UInt8, in run: Run) {
            if run != pendingRun { flush() }
            pendingRun = run
            pending.append(byte)
            layer.append(byte)
            if byte >= 0x80, case .legacy(let font) = run { legacyUsed.insert(font.encoding) }
        }

        /// A character given by number (`\uN`). In a legacy font it stands for the Windows-1252
        /// byte a word processor read the legacy byte as, so it becomes that byte again.
        mutating func append(scalar: Unicode.Scalar, in run: Run) {
            if case .legacy = run, let byte = Windows1252.byte(scalar) {
                append(byte: byte, in: run)
                return
            }
            flush()
            text.unicodeScalars.append(scalar)
            layer.append(contentsOf: Windows1252.byte(scalar).map { [$0] } ?? Array(String(scalar).utf8))
        }

        mutating func flush() {
            guard !pending.isEmpty else { return }
            switch pendingRun {
            case .legacy(let font): text += font.decode(pending)
            case .codePage(1258): text += LegacyEncoding.windows1258.decode(pending)
            case .codePage: text += Windows1252.decode(pending)
            }
            pending.removeAll(keepingCapacity: true)
        }
    }

    enum Destination {
        case text
        case fontTable
        case skipped
    }

    /// Formatting state that a group saves and `}` restores.
    struct Group {
        var destination = Destination.text
        var font: Int?
        /// Bytes of fallback text after `\uN` (`\ucN`).
        var unicodeSkip = 1
    }

    /// Destinations whose text is not document text. Headers and footers are left out too: they
    /// hold page numbers and file names repeated on every page.
    static let skippedDestinations: Set<String> = [
        "colortbl", "stylesheet", "info", "pict", "objdata", "fldinst", "listtable", "listoverridetable",
        "revtbl", "rsidtbl", "xmlnstbl", "filetbl", "themedata", "colorschememapping", "datastore", "latentstyles",
        "pgdsctbl", "userprops", "docvar", "template", "ftnsep", "ftnsepc", "aftnsep", "aftnsepc", "nonshppict",
        "bkmkstart", "bkmkend", "private", "generator", "fldtype", "xe", "tc", "atnid", "atnauthor", "annotation",
        "atrfstart", "atrfend", "atndate", "header", "headerl", "headerr", "headerf", "footer", "footerl",
        "footerr", "footerf", "shpinst", "sp", "sn", "sv", "mmathPr", "panose", "falt", "listtext",
        "pntext", "pntxta", "pntxtb", "leveltext", "levelnumbers", "objclass", "objname", "oleclsid", "passwordhash",
    ]

    /// Control words that stand for a character; the ones Windows-1252 has become its byte, so a
    /// legacy run decodes them as it would the byte.
    static let characterWords: [String: UInt8] = [
        "par": 0x0A, "line": 0x0A, "sect": 0x0A, "page": 0x0A, "row": 0x0A, "tab": 0x09, "cell": 0x09,
        "nestcell": 0x09, "emdash": 0x97, "endash": 0x96, "lquote": 0x91, "rquote": 0x92, "ldblquote": 0x93,
        "rdblquote": 0x94, "bullet": 0x95, "emspace": 0x20, "enspace": 0x20, "qmspace": 0x20,
    ]

    struct Parser {
        /// Groups saved at most. A group deeper than this (real documents nest a few dozen)
        /// saves nothing: its formatting lasts until the group at this depth closes. Memory
        /// stays bounded whatever the nesting (20 MB of `{` would otherwise save 20 million
        /// states).
        static let maximumDepth = 256

        let bytes: [UInt8]
        var position = 0
        var group = Group()
        var saved: [Group] = []
        /// Groups open deeper than `maximumDepth`, not saved.
        var unsaved = 0
        var output = Output()
        var codePage = 1252
        var defaultFont: Int?
        /// Font number → the legacy font its name implies (nil: an ordinary font).
        var fonts: [Int: LegacyFont?] = [:]
        /// Font number → code page, from `\fcharsetN` (163 is Vietnamese, Windows-1258).
        var fontCodePages: [Int: Int] = [:]
        var fontTableEntry: Int?
        var fontName: [UInt8] = []
        /// `\*`: the next control word opens a destination to skip unless it is understood.
        var starred = false
        /// Fallback bytes still to drop after `\uN`.
        var skipping = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var currentRun: Run {
            guard let font = group.font ?? defaultFont else { return .codePage(codePage) }
            if let legacy = fonts[font] ?? nil { return .legacy(legacy) }
            return .codePage(fontCodePages[font] ?? codePage)
        }

        mutating func parse() {
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                switch byte {
                case UInt8(ascii: "{"):
                    if saved.count < Self.maximumDepth { saved.append(group) } else { unsaved += 1 }
                    skipping = 0
                case UInt8(ascii: "}"):
                    if group.destination == .fontTable { finishFont() }
                    if unsaved > 0 {
                        unsaved -= 1
                    } else if let outer = saved.popLast() {
                        group = outer
                    }
                    skipping = 0
                case UInt8(ascii: "\\"):
                    control()
                case 0x0D, 0x0A:
                    break
                default:
                    text(byte)
                }
            }
            output.flush()
        }

        mutating func text(_ byte: UInt8) {
            if skipping > 0 {
                skipping -= 1
                return
            }
            switch group.destination {
            case .skipped: break
            case .fontTable:
                if byte == UInt8(ascii: ";") { finishFont() } else { fontName.append(byte) }
            case .text:
                output.append(byte: byte, in: currentRun)
            }
        }

        mutating func finishFont() {
            if let number = fontTableEntry {
                let name = String(decoding: fontName, as: UTF8.self)
                fonts[number] = LegacyFont(name: name.trimmingSpaces)
            }
            fontTableEntry = nil
            fontName.removeAll()
        }

        mutating func control() {
            guard position < bytes.count else { return }
            let first = bytes[position]
            guard isLetter(first) else {
                position += 1
                symbol(first)
                return
            }
            let start = position
            while position < bytes.count, isLetter(bytes[position]), position - start < 32 { position += 1 }
            let word = String(decoding: bytes[start..<position], as: UTF8.self)
            var parameter: Int?
            var negative = false
            if position < bytes.count, bytes[position] == UInt8(ascii: "-") {
                negative = true
                position += 1
            }
            var digits = 0
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                if digits < 10 { parameter = (parameter ?? 0) * 10 + Int(bytes[position] - 0x30) }
                digits += 1
                position += 1
            }
            if negative, let value = parameter { parameter = -value }
            if position < bytes.count, bytes[position] == 0x20 { position += 1 }
            controlWord(word, parameter)
        }

        mutating func symbol(_ symbol: UInt8) {
            switch symbol {
            case UInt8(ascii: "'"):
                guard position + 1 < bytes.count, let high = hexValue(bytes[position]), let low = hexValue(bytes[position + 1])
                else { return }
                position += 2
                text(high << 4 | low)
            case UInt8(ascii: "*"):
                starred = true
            case UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                text(symbol)
            case UInt8(ascii: "~"):
                text(0xA0)
            case UInt8(ascii: "_"):
                text(UInt8(ascii: "-"))
            case 0x0A, 0x0D:
                text(0x0A)
            default:
                break  // \- optional hyphen, \: index subentry, \| formula
            }
        }

        mutating func controlWord(_ word: String, _ parameter: Int?) {
            if starred {
                starred = false
                group.destination = .skipped
                return
            }
            if word == "bin" {
                // Raw binary data follows, whatever the destination.
                position = min(bytes.count, position + max(0, parameter ?? 0))
                return
            }
            if RTFText.skippedDestinations.contains(word) {
                group.destination = .skipped
                return
            }
            if skipping > 0 && word != "u" {
                skipping -= 1
                return
            }
            switch word {
            case "fonttbl":
                group.destination = .fontTable
            case "f":
                if group.destination == .fontTable {
                    finishFont()
                    fontTableEntry = parameter
                } else {
                    group.font = parameter
                }
            case "fcharset":
                if group.destination == .fontTable, let number = fontTableEntry, parameter == 163 { fontCodePages[number] = 1258 }
            case "ansicpg":
                codePage = parameter ?? 1252
            case "deff":
                defaultFont = parameter
            case "plain":
                group.font = nil
            case "uc":
                group.unicodeSkip = max(0, min(parameter ?? 1, 8))
            case "u":
                // Values above 32767 are written negative (signed 16-bit).
                guard var value = parameter else { return }
                if value < 0 { value += 65536 }
                if group.destination == .text, value > 0, let scalar = Unicode.Scalar(UInt32(clamping: value)) {
                    output.append(scalar: scalar, in: currentRun)
                }
                skipping = group.unicodeSkip
            default:
                if let byte = RTFText.characterWords[word], group.destination == .text {
                    output.append(byte: byte, in: currentRun)
                }
            }
        }

        func isLetter(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
        }

        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x61...0x66: byte - 0x61 + 10
            case 0x41...0x46: byte - 0x41 + 10
            default: nil
            }
        }
    }
}

fileprivate extension String {
    var trimmingSpaces: Substring {
        let start = firstIndex { $0 != " " } ?? endIndex
        let end = lastIndex { $0 != " " }.map { index(after: $0) } ?? endIndex
        return start < end ? self[start..<end] : ""
    }
}
