import Foundation
import TestSupport
import Testing

@testable import VietSearch

@Suite struct PDFTextTests {
    /// A one-page PDF showing lines of ASCII text in Helvetica, with a correct cross-reference table.
    static func pdf(lines: [String]) -> [UInt8] {
        let content = "BT /F1 12 Tf 72 720 Td 14 TL " + lines.map { "(\($0)) Tj T* " }.joined() + "ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var file = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(file.utf8.count)
            file += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = file.utf8.count
        file += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { file += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n" }
        file += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(file.utf8)
    }

    @Test(.enabled(if: PDFText.tool != nil, "pdftotext is not installed"))
    func textThroughPdftotext() throws {
        let bytes = Self.pdf(lines: ["Bao cao tai chinh", "Xin chao Viet Nam"])
        guard case .document(let title, let body, let encoding) = DocumentExtractor.extract(bytes, format: "pdf") else {
            Issue.record("not extracted: \(DocumentExtractor.extract(bytes, format: "pdf"))")
            return
        }
        #expect(title == "Bao cao tai chinh")
        #expect(body.contains("Xin chao Viet Nam"))
        #expect(encoding == "pdf/utf-8")
    }

    /// A PDF of Vietnamese text (the fixture tool's, its characters named by a ToUnicode map).
    @Test(.enabled(if: PDFText.tool != nil, "pdftotext is not installed"))
    func vietnameseFixture() throws {
        let bytes = try RepositoryFixtures.bytes("pdf/bao-cao-nam-hoc.pdf")
        let transcript = try RepositoryFixtures.text("pdf/bao-cao-nam-hoc.utf8.txt")
        guard case .document(let title, let body, let encoding) = DocumentExtractor.extract(bytes, format: "pdf") else {
            Issue.record("not extracted: \(DocumentExtractor.extract(bytes, format: "pdf"))")
            return
        }
        #expect(title == "Báo cáo tổng kết năm học của trường tiểu học Hòa Thuận")
        #expect(body.split(whereSeparator: \.isNewline) == transcript.split(whereSeparator: \.isNewline))
        #expect(encoding == "pdf/utf-8")
    }

    @Test(.enabled(if: PDFText.tool != nil, "pdftotext is not installed"))
    func brokenPDFsAreSkipped() throws {
        let bytes = Self.pdf(lines: ["Bao cao"])
        #expect(DocumentExtractor.extract(Array(bytes.prefix(40)), format: "pdf").isSkipped)
        #expect(DocumentExtractor.extract(Array("%PDF-1.4\n".utf8) + (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }, format: "pdf").isSkipped)
        #expect(DocumentExtractor.extract(Array("no header".utf8), format: "pdf") == .skipped("pdf: not a PDF file"))
    }

    @Test func withoutPdftotextTheFileIsSkippedWithTheReason() {
        let result = PDFText.extract(Self.pdf(lines: ["x"]), tool: nil)
        #expect(result == .failure(.notInstalled))
        #expect(PDFText.Failure.notInstalled.reason == "pdftotext not installed (apt install poppler-utils)")
    }

    @Test func aToolThatFailsIsReported() {
        #expect(PDFText.extract(Self.pdf(lines: ["x"]), tool: "/bin/false") == .failure(.failed("exit status 1")))
    }

    @Test func aToolThatHangsIsStopped() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("hang-\(UUID().uuidString).sh")
        defer { try? FileManager.default.removeItem(at: script) }
        try "#!/bin/sh\nexec sleep 30\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let started = Date()
        #expect(PDFText.extract(Self.pdf(lines: ["x"]), tool: script.path, timeout: 0.5) == .failure(.timedOut))
        #expect(Date().timeIntervalSince(started) < 10)
    }
}
