import Testing

@testable import VietSearch

/// Whitespace handling shared by titles and HTML text (`HTMLText.collapseSpaces`,
/// `DocumentExtractor.firstLine`).
@Suite struct TitleAndSpacesTests {
    /// The table-free whitespace test agrees with Unicode's property on every scalar.
    @Test func whitespaceMatchesTheUnicodeProperty() {
        var disagreements: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if HTMLText.isWhitespace(scalar) != scalar.properties.isWhitespace { disagreements.append(value) }
        }
        #expect(disagreements.isEmpty)
    }

    @Test(arguments: [
        ("  Xây   dựng\tĐảng \n", "Xây dựng Đảng"),
        ("\u{A0}Hà\u{2003}Nội\u{3000}", "Hà Nội"),
        ("Đa\u{309}ng", "Đa\u{309}ng"),  // combining marks stay with their letter
        ("\r\n\r\n", ""),
        ("một", "một"),
        ("", ""),
    ])
    func collapseSpaces(input: String, expected: String) {
        #expect(HTMLText.collapseSpaces(input) == expected)
    }

    @Test func firstLineSkipsBlankLinesAndStopsAt200Characters() {
        #expect(DocumentExtractor.firstLine("\n  \r\n  Tiêu   đề bài báo \nThân bài") == "Tiêu đề bài báo")
        let long = String(repeating: "Việt ", count: 100)
        let title = DocumentExtractor.firstLine(long)
        #expect(title.count == 200)
        #expect(title.hasPrefix("Việt Việt"))
    }
}
