import Testing

@testable import VietSearch

/// The title and visible text `HTMLText` takes from a page, one rule per case.
@Suite struct HTMLTextTests {
    @Test(arguments: [
        // Block tags are line breaks; spaces are collapsed and blank lines dropped.
        ("<html><head><title>Tin  mới</title></head><body><p>Xây dựng</p>\n\n<div> Đảng </div></body></html>", "Tin mới", "Xây dựng\nĐảng"),
        // Inline tags are spaces.
        ("<p>Xây<b>dựng</b><span>Đảng</span></p>", "", "Xây dựng Đảng"),
        // No <title>: the first <h1> is the title; every heading stays in the text.
        ("<h1>Tiêu <i>đề</i></h1><p>Nội dung</p><h1>Thứ hai</h1>", "Tiêu đề", "Tiêu đề\nNội dung\nThứ hai"),
        ("<title> </title><H1>Hoa</H1>", "Hoa", "Hoa"),
        // Script and style content is dropped, end tags found in any case; unclosed, the rest is dropped.
        ("<p>a</p><script>var x = \"<p>b</p>\";</script><style>p { }</style><p>c</p>", "", "a\nc"),
        ("<SCRIPT type=\"x\">x</ScRiPt >y", "", "y"),
        ("<p>a</p><script>b", "", "a"),
        // Comments are dropped, whatever they hold.
        ("a<!-- <p>b</p> -->c", "", "ac"),
        ("a<!-- unclosed", "", "a"),
        // Character references, named and numeric; unknown ones stay as written.
        ("&amp; &#273; &#x110; &LT;p&gt; &bogus; &#xZZ;", "", "& đ Đ <p> &bogus; &#xZZ;"),
        ("<title>Hoà&nbsp;bình</title>", "Hoà bình", ""),
        // A "<" that opens no tag is text; doctypes and processing instructions are not.
        ("1 < 2 <= 3", "", "1 < 2 <= 3"),
        ("<!DOCTYPE html><?xml version=\"1.0\"?>x", "", "x"),
        // A ">" inside a quoted attribute value does not end the tag.
        ("<a title=\"a>b\" data-x='c>d'>liên kết</a>", "", "liên kết"),
    ])
    func extracts(html: String, title: String, text: String) {
        let page = HTMLText(html)
        #expect(page.title == title)
        #expect(page.text == text)
    }

    /// A page of a megabyte, text and references, in one pass: appended a character at a time
    /// through `append(contentsOf:)`, the scan copied all the text so far each time (a 4 MB page
    /// of references kept an indexer busy for minutes).
    @Test func aLargePageIsScannedInOnePass() {
        let page = HTMLText("<title>Tiêu đề</title><p>" + String(repeating: "Xây dựng &amp; phát triển&#x1b; ", count: 30_000) + "</p>")
        #expect(page.title == "Tiêu đề")
        #expect(page.text.utf8.count == 30_000 * "Xây dựng & phát triển\u{1B} ".utf8.count - 1)
    }
}
