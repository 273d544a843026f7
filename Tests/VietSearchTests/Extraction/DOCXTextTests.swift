import Foundation
import Testing
import VietnameseText
import ZIPFoundation

@testable import VietSearch

@Suite struct DOCXTextTests {
    /// A .docx in memory from XML parts.
    static func docx(_ parts: [String: String]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, xml) in parts.sorted(by: { $0.key < $1.key }) {
            let data = Data(xml.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                position, size in data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return Array(try #require(archive.data))
    }

    static func document(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
        xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>\(body)</w:body></w:document>
        """
    }

    @Test func unicodeDocument() throws {
        let body = """
            <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Xin chào</w:t></w:r>\
            <w:r><w:tab/><w:t xml:space="preserve">Việt Nam &amp; thế giới </w:t></w:r><w:r><w:br/><w:t>&#7897;t &lt;1&gt;</w:t></w:r></w:p>
            <w:p/><w:p><w:r><w:instrText> HYPERLINK </w:instrText></w:r><w:r><w:t>Đà Nẵng</w:t></w:r>\
            <w:r><w:delText>đã xoá</w:delText></w:r></w:p>\
            <w:p><mc:AlternateContent><mc:Choice><w:r><w:t>hộp</w:t></w:r></mc:Choice>\
            <mc:Fallback><w:r><w:t>hộp</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>
            """
        let core = """
            <cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Thông báo &quot;mới&quot;</dc:title></cp:coreProperties>
            """
        let bytes = try Self.docx(["word/document.xml": Self.document(body), "docProps/core.xml": core])
        let docx = try DOCXText(bytes)
        #expect(docx.body == "Xin chào\tViệt Nam & thế giới \nột <1>\n\nĐà Nẵng\nhộp\n")
        #expect(docx.title == "Thông báo \"mới\"")
        #expect(docx.encoding == "utf-8")
        #expect(DocumentExtractor.extract(bytes, format: "docx")
            == .document(title: "Thông báo \"mới\"", body: docx.body, encoding: "docx/utf-8"))
    }

    /// TCVN3 "Bộ Tài chính" and VNI "Độc lập" as the Windows-1252 characters Word stores.
    static let tcvn3Ministry = Windows1252.decode(RTFTextTests.tcvn3Ministry)
    static let vniIndependence = Windows1252.decode(RTFTextTests.vniIndependence)

    static var legacyDocument: [UInt8] {
        get throws {
            // .VnTime by default; a style in VNI-Times; a run in Arial; a run in VNI-Times.
            let styles = """
                <w:styles xmlns:w="x"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/>\
                </w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal">\
                <w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Heading"><w:basedOn w:val="Vni"/>\
                </w:style><w:style w:type="paragraph" w:styleId="Vni"><w:rPr><w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/>\
                </w:rPr></w:style></w:styles>
                """
            let body = """
                <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>\(tcvn3Ministry)</w:t></w:r></w:p>\
                <w:p><w:pPr><w:pStyle w:val="Heading"/><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr></w:pPr>\
                <w:r><w:t>\(vniIndependence)</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr>\
                <w:t xml:space="preserve"> – Café</w:t></w:r></w:p>\
                <w:p><w:r><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/></w:rPr><w:t>Unicode ở đây</w:t></w:r></w:p>
                """
            let core = #"<cp:coreProperties xmlns:dc="d"><dc:title>Bé Tµi</dc:title></cp:coreProperties>"#
            return try docx(["word/document.xml": document(body), "word/styles.xml": styles, "docProps/core.xml": core])
        }
    }

    @Test func legacyFontsFromRunsStylesAndDefaults() throws {
        let docx = try DOCXText(try Self.legacyDocument)
        let expected = LegacyEncoding.tcvn3.decode(windows1252Text: Self.tcvn3Ministry + "\n")
            + LegacyEncoding.vni.decode(windows1252Text: Self.vniIndependence) + " – Café\nUnicode ở đây\n"
        #expect(docx.body == expected)
        #expect(docx.encoding == "tcvn3+vni")
        #expect(docx.title == "")  // legacy bytes in the title property: the first line is used instead
    }

    @Test func malformedFilesAreSkipped() throws {
        #expect(DocumentExtractor.extract(Array("not a zip".utf8), format: "docx") == .skipped("docx: not a ZIP archive"))
        let noDocument = try Self.docx(["word/styles.xml": "<w:styles/>"])
        #expect(DocumentExtractor.extract(noDocument, format: "docx") == .skipped("docx: no word/document.xml"))
        let empty = try Self.docx(["word/document.xml": Self.document("<w:p/>")])
        #expect(DocumentExtractor.extract(empty, format: "docx") == .skipped("docx: no text"))
        let valid = try Self.docx(["word/document.xml": Self.document(String(repeating: "<w:p><w:r><w:t>chữ</w:t></w:r></w:p>", count: 200))])
        for length in stride(from: 0, to: valid.count, by: max(1, valid.count / 40)) {
            #expect(DocumentExtractor.extract(Array(valid.prefix(length)), format: "docx").isSkipped)
        }
        // Broken XML ends the text early, never the process.
        let broken = try Self.docx(["word/document.xml": "<w:p><w:r><w:t>a<b &#99999999; &#xD800; &bogus; <w:t"])
        _ = DocumentExtractor.extract(broken, format: "docx")
    }
}
