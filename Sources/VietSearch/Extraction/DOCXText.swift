import Foundation
import VietnameseText
import ZIPFoundation

/// The text of a Word 2007+ (`.docx`) document: the runs of `word/document.xml`, then its
/// footnotes and endnotes; the title from `docProps/core.xml`.
///
/// Documents converted from the legacy era still hold TCVN3 or VNI text: characters that
/// stand for legacy bytes read as Windows-1252, shown through a `.VnTime` or `VNI-Times` font.
/// The font of each run (its own, its character style's, its paragraph style's, or the
/// document default) decides, and runs in a legacy font are decoded.
struct DOCXText {
    enum Failure: Error, Equatable {
        case notZip
        case missingPart(String)
        case tooLarge(String)
        case damaged(String)

        var reason: String {
            switch self {
            case .notZip: "not a ZIP archive"
            case .missingPart(let path): "no \(path)"
            case .tooLarge(let path): "\(path) too large"
            case .damaged(let path): "cannot read \(path)"
            }
        }
    }

    /// A part larger than this is not read (a zip bomb, or not a real document).
    static let partLimit = 64 << 20

    var title: String
    var body: String
    /// "tcvn3", "vni", "tcvn3+vni" when legacy fonts held non-ASCII text, else "utf-8".
    var encoding: String

    init(_ bytes: [UInt8]) throws(Failure) {
        // From a file, not from memory: ZIPFoundation's in-memory archive traps on an offset past
        // the end (0.9.20), and damaged ZIPs have those.
        let file: URL
        do { file = try TemporaryCopy.write(bytes, suffix: ".docx") } catch { throw .damaged("a temporary copy") }
        defer { TemporaryCopy.remove(file) }
        let archive: Archive
        do { archive = try Archive(url: file, accessMode: .read) } catch { throw .notZip }
        guard let document = try Self.part("word/document.xml", in: archive) else {
            throw .missingPart("word/document.xml")
        }
        let styles = FontStyles(try Self.part("word/styles.xml", in: archive) ?? [])
        var output = RunText()
        Self.collect(document, styles: styles, into: &output)
        for notes in ["word/footnotes.xml", "word/endnotes.xml"] {
            if let part = try Self.part(notes, in: archive) { Self.collect(part, styles: styles, into: &output) }
        }
        output.flush()
        body = output.text
        let legacy = [LegacyEncoding.tcvn3, .vni].filter { output.legacyUsed.contains($0) }
        encoding = legacy.isEmpty ? "utf-8" : legacy.map(\.rawValue).joined(separator: "+")
        // A legacy document's title property is legacy bytes with no font to tell which.
        title = ""
        if legacy.isEmpty, let core = try Self.part("docProps/core.xml", in: archive) {
            title = Self.elementText("dc:title", in: core)
        }
    }

    static func part(_ path: String, in archive: Archive) throws(Failure) -> [UInt8]? {
        guard let entry = archive[path] else { return nil }
        guard entry.uncompressedSize <= UInt64(partLimit) else { throw .tooLarge(path) }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: true) { chunk in
                // The header's size may lie; count what actually comes out.
                guard data.count + chunk.count <= partLimit else { throw Failure.tooLarge(path) }
                data.append(chunk)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .damaged(path)
        }
        return Array(data)
    }

    static func elementText(_ element: String, in xml: [UInt8]) -> String {
        var inside = false
        var text = ""
        XMLTagScanner.scan(xml) { token in
            switch token {
            case .open(let name, _, let empty): if name == element, !empty { inside = true }
            case .close(let name): if name == element { inside = false }
            case .text(let bytes): if inside { text += XMLTagScanner.unescape(bytes) }
            }
        }
        return text
    }

    /// Walks the paragraphs and runs of a story part.
    static func collect(_ xml: [UInt8], styles: FontStyles, into output: inout RunText) {
        var paragraphStyle: String?
        var runFont: String?
        var runStyle: String?
        var inRun = false
        var inText = false
        var inProperties = false  // w:pPr: its w:rPr is the paragraph mark's, its w:tab are tab stops
        var fallbackDepth = 0  // mc:Fallback repeats mc:Choice's content for old readers
        XMLTagScanner.scan(xml) { token in
            switch token {
            case .open(let name, let tag, let empty):
                if name == "mc:Fallback", !empty { fallbackDepth += 1 }
                guard fallbackDepth == 0 else { return }
                switch name {
                case "w:p":
                    paragraphStyle = nil
                    if empty { output.append("\n", legacy: nil) }
                case "w:pPr": inProperties = !empty
                case "w:pStyle": if inProperties { paragraphStyle = XMLTagScanner.attribute("w:val", in: tag) }
                case "w:r":
                    inRun = !empty
                    runFont = nil
                    runStyle = nil
                case "w:rStyle": if inRun { runStyle = XMLTagScanner.attribute("w:val", in: tag) }
                case "w:rFonts": if inRun, !inProperties { runFont = FontStyles.font(in: tag) ?? runFont }
                case "w:t": inText = !empty
                case "w:tab": if inRun, !inProperties { output.append("\t", legacy: nil) }
                case "w:br", "w:cr": if inRun { output.append("\n", legacy: nil) }
                case "w:noBreakHyphen": if inRun { output.append("-", legacy: nil) }
                default: break
                }
            case .close(let name):
                if name == "mc:Fallback" {
                    fallbackDepth = max(0, fallbackDepth - 1)
                    return
                }
                guard fallbackDepth == 0 else { return }
                switch name {
                case "w:p": output.append("\n", legacy: nil)
                case "w:pPr": inProperties = false
                case "w:r": inRun = false
                case "w:t": inText = false
                default: break
                }
            case .text(let bytes):
                guard inText, fallbackDepth == 0 else { return }
                let font = runFont ?? styles.font(ofStyle: runStyle) ?? styles.font(ofParagraphStyle: paragraphStyle)
                output.append(XMLTagScanner.unescape(bytes), legacy: font.flatMap { LegacyFont(name: $0) })
            }
        }
    }
}

extension DOCXText {
    /// Collects text; consecutive text in the same legacy font is decoded together.
    struct RunText {
        var text = ""
        var legacyUsed: Set<LegacyEncoding> = []
        private var pending = ""
        private var pendingFont: LegacyFont?

        mutating func append(_ piece: String, legacy: LegacyFont?) {
            // Structure (newlines, tabs) is ASCII: it joins whatever run is open.
            if piece.utf8.allSatisfy({ $0 < 0x20 }) {
                if pendingFont != nil { pending += piece } else { text += piece }
                return
            }
            if legacy != pendingFont { flush() }
            guard let legacy else {
                text += piece
                return
            }
            pendingFont = legacy
            pending += piece
            if piece.utf8.contains(where: { $0 >= 0x80 }) { legacyUsed.insert(legacy.encoding) }
        }

        mutating func flush() {
            if let font = pendingFont, !pending.isEmpty { text += font.decode(windows1252Text: pending) }
            pending = ""
            pendingFont = nil
        }
    }

    /// The fonts that `word/styles.xml` gives: the document default, and each style's own or
    /// inherited through `w:basedOn`.
    struct FontStyles {
        struct Style {
            var font: String?
            var basedOn: String?
        }

        var defaultFont: String?
        var defaultParagraphStyle: String?
        var styles: [String: Style] = [:]

        init(_ xml: [UInt8]) {
            var current: String?
            var inDefaults = false
            var defaultFont: String?
            var defaultParagraphStyle: String?
            var styles: [String: Style] = [:]
            XMLTagScanner.scan(xml) { token in
                switch token {
                case .open(let name, let tag, let empty):
                    switch name {
                    case "w:docDefaults": inDefaults = !empty
                    case "w:style":
                        current = XMLTagScanner.attribute("w:styleId", in: tag)
                        if let id = current {
                            styles[id] = Style()
                            if XMLTagScanner.attribute("w:type", in: tag) == "paragraph",
                                XMLTagScanner.attribute("w:default", in: tag) == "1"
                            {
                                defaultParagraphStyle = id
                            }
                        }
                    case "w:basedOn":
                        if let id = current { styles[id]?.basedOn = XMLTagScanner.attribute("w:val", in: tag) }
                    case "w:rFonts":
                        guard let font = Self.font(in: tag) else { break }
                        if let id = current {
                            styles[id]?.font = font
                        } else if inDefaults {
                            defaultFont = font
                        }
                    default: break
                    }
                case .close(let name):
                    if name == "w:style" { current = nil }
                    if name == "w:docDefaults" { inDefaults = false }
                case .text: break
                }
            }
            self.defaultFont = defaultFont
            self.defaultParagraphStyle = defaultParagraphStyle
            self.styles = styles
        }

        /// The font for characters above ASCII (`w:hAnsi`, else `w:ascii`); "" for a theme
        /// font, which is never a legacy one; nil when the tag names none of them.
        static func font(in tag: ArraySlice<UInt8>) -> String? {
            if let font = XMLTagScanner.attribute("w:hAnsi", in: tag) ?? XMLTagScanner.attribute("w:ascii", in: tag) {
                return font
            }
            let theme = XMLTagScanner.attribute("w:hAnsiTheme", in: tag) ?? XMLTagScanner.attribute("w:asciiTheme", in: tag)
            return theme == nil ? nil : ""
        }

        /// A style's font, following `w:basedOn` (at most 20 steps: cycles exist in the wild).
        func font(ofStyle id: String?) -> String? {
            var id = id
            for _ in 0..<20 {
                guard let current = id, let style = styles[current] else { return nil }
                if let font = style.font { return font }
                id = style.basedOn
            }
            return nil
        }

        func font(ofParagraphStyle id: String?) -> String? {
            font(ofStyle: id ?? defaultParagraphStyle) ?? defaultFont
        }
    }
}
