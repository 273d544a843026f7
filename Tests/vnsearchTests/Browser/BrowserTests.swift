import Foundation
import Testing

/// The search page in headless Chromium against the real server: typing, highlights, filters,
/// preview, keyboard, and documents whose titles, text and file names hold markup.
@Suite(
    .serialized,
    .enabled(if: HeadlessChromium.path != nil, "chromium is not installed (apt-get install chromium): browser tests skipped"))
struct BrowserTests {
    /// The fixture, with hostile documents: markup in a title, in a text, and in a file name.
    static func indexed() throws -> CommandLineTool {
        let tool = try ServeFixture.indexed()
        try tool.write(
            "docs/doc-hai.txt",
            "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"> Bài độc hại\n\nNội dung độc hại: <img src=x onerror=\"window.__pwned = 3\"> và <b>chữ đậm</b> cùng bóng chuyền.")
        try tool.write("docs/<img src=x onerror=window.__pwned=4>.txt", "Tên tệp có thẻ\n\nGiải bóng chuyền mùa hè.")
        try tool.write(
            "docs/trang-doc.html",
            "<html><head><title>&lt;script&gt;window.__pwned = 5&lt;/script&gt; Trang độc</title></head><body><p>&lt;img src=x onerror=window.__pwned=6&gt; bóng chuyền bãi biển</p></body></html>")
        let output = try tool.run(["index", tool.path("docs"), "--db", tool.database])
        guard output.status == 0 else { throw LoopbackHTTP.Failure(message: output.stderr) }
        return tool
    }

    /// The fixture served by a real server, with a browser: `page` is the server's address.
    static func withPage(_ body: (HeadlessChromium, _ page: String, CommandLineTool) throws -> Void) throws {
        let tool = try indexed()
        defer { tool.remove() }
        let server = try ServerProcess(tool: tool, ["--db", tool.database])
        defer { server.stop() }
        try body(try HeadlessChromium(), "http://127.0.0.1:\(server.port)/", tool)
    }

    /// The page is served and its script runs: filter choices come from /api/stats.
    @Test func pageLoads() throws {
        try Self.withPage { browser, page, tool in
            try browser.open("\(page)")
            #expect(try browser.evaluate("document.title") as? String == "VietSearch — tìm kiếm tài liệu")
            try browser.waitFor("document.querySelectorAll('#type option').length === 4")
            #expect(try browser.evaluate("Array.from(document.querySelectorAll('#type option')).map(o => o.value).join(',')") as? String == ",html,md,txt")
            #expect(try browser.evaluate("document.activeElement.id") as? String == "q")
            #expect(try browser.evaluate("document.documentElement.lang") as? String == "vi")
        }
    }

    /// Typed without diacritics, the query finds the accented title, its words marked; the
    /// address becomes a link to the search, and that link shows the same results.
    @Test func typingWithoutDiacriticsHighlightsTheAccentedTitle() throws {
        try Self.withPage { browser, page, tool in
            try browser.open("\(page)")
            try browser.evaluate("document.getElementById('q').focus()")
            try browser.type("xa lu")
            try browser.waitFor("document.querySelector('#results .result h3')?.textContent === 'Thuỷ điện Hoà Bình mùa lũ'")
            #expect(try browser.evaluate("Array.from(document.querySelectorAll('#results .result:first-child h3 mark')).map(m => m.textContent).join('|')") as? String == "lũ")
            #expect(try browser.evaluate("Array.from(document.querySelectorAll('#results .result:first-child .snippet mark')).map(m => m.textContent).join('|')") as? String == "lũ|xả|lũ")
            #expect(try browser.evaluate("location.search") as? String == "?q=xa+lu")

            try browser.open("\(page)?q=hoa+binh&type=md")
            try browser.waitFor("document.querySelectorAll('#results .result').length === 1")
            #expect(try browser.evaluate("document.querySelector('#results .result h3').textContent") as? String == "Xây dựng Đảng")
            #expect(try browser.evaluate("document.getElementById('q').value") as? String == "hoa binh")
        }
    }

    /// The filters change the results; the preview shows the selected document's text with its
    /// matches, and the keyboard moves between results and matches.
    @Test func filtersPreviewAndKeyboard() throws {
        try Self.withPage { browser, page, tool in
            try browser.open("\(page)?q=hoa+binh")
            try browser.waitFor("document.querySelectorAll('#results .result').length === 4")
            try browser.waitFor("document.querySelectorAll('#type option').length === 4")
            let paths = "Array.from(document.querySelectorAll('#results .path')).map(p => p.textContent.split('/').pop()).sort().join(',')"

            try browser.evaluate("{ const t = document.getElementById('type'); t.value = 'html'; t.dispatchEvent(new Event('change')) }")
            try browser.waitFor("\(paths) === 'trang.html'")
            #expect(try browser.evaluate("location.search") as? String == "?q=hoa+binh&type=html")
            try browser.evaluate("document.getElementById('clear-filters').click()")
            try browser.waitFor("document.querySelectorAll('#results .result').length === 4")
            let folder = HeadlessChromium.literal(tool.path("docs/luu-tru"))
            try browser.evaluate("{ const f = document.getElementById('folder'); f.value = \(folder); f.dispatchEvent(new Event('change')) }")
            try browser.waitFor("\(paths) === 'cu.txt'")
            try browser.evaluate("{ const f = document.getElementById('folder'); f.value = ''; f.dispatchEvent(new Event('change')) }")
            try browser.evaluate("{ const b = document.getElementById('before'); b.value = '2021-01-01'; b.dispatchEvent(new Event('change')) }")
            try browser.waitFor("\(paths) === 'cu.txt'")
            try browser.evaluate("document.getElementById('clear-filters').click()")
            try browser.waitFor("document.querySelectorAll('#results .result').length === 4")

            // The first result is previewed; ↓ selects the next, whose text and path the preview shows.
            try browser.waitFor("!document.getElementById('preview').hidden && document.querySelectorAll('#preview-text mark').length > 0")
            let secondPath = try #require(try browser.evaluate("document.querySelectorAll('#results .path')[1].textContent") as? String)
            try browser.evaluate("document.getElementById('q').focus()")
            try browser.press("ArrowDown")
            try browser.waitFor("document.getElementById('preview-path').textContent === \(HeadlessChromium.literal(secondPath))")
            #expect(try browser.evaluate("document.querySelectorAll('#results .result')[1].classList.contains('selected')") as? Bool == true)
            let marks = "Array.from(document.querySelectorAll('#preview-text mark')).map(m => m.textContent.normalize('NFC').toLowerCase())"
            try browser.waitFor("\(marks).length >= 2 && \(marks).every(t => t === 'hoà' || t === 'bình')")
            // Enter moves to the preview; n goes to the next match; Esc back to the search box.
            try browser.press("Enter")
            #expect(try browser.evaluate("document.activeElement.id") as? String == "preview-text")
            let current = "Array.from(document.querySelectorAll('#preview-text mark')).findIndex(m => m.classList.contains('current'))"
            #expect(try browser.evaluate(current) as? Int == 0)
            try browser.press("n")
            #expect(try browser.evaluate(current) as? Int == 1)
            try browser.press("Escape")
            #expect(try browser.evaluate("document.activeElement.id") as? String == "q")
            // A click previews that result.
            try browser.evaluate("document.querySelectorAll('#results .result')[0].click()")
            let firstPath = try #require(try browser.evaluate("document.querySelectorAll('#results .path')[0].textContent") as? String)
            try browser.waitFor("document.getElementById('preview-path').textContent === \(HeadlessChromium.literal(firstPath))")
        }
    }

    /// A question typed without accents says how it was searched; one click searches it as typed.
    @Test func searchedAsAndSearchingLiterally() throws {
        try Self.withPage { browser, page, tool in
            try browser.open("\(page)?q=hoi+nghi+ban+ve+cong+tac+xay+dung")
            try browser.waitFor("!document.getElementById('searched-as').hidden")
            #expect(try browser.evaluate("document.getElementById('searched-as-text').textContent") as? String == "hội nghị bàn về công tác xây dựng")
            try browser.evaluate("document.getElementById('search-literal').click()")
            try browser.waitFor("document.getElementById('searched-as').hidden && location.search.includes('restore_accents=0')")
        }
    }

    /// Markup in a title, a text, or a file name shows as text: nothing of it becomes an element
    /// or runs.
    @Test func markupInDocumentsAndFileNamesRendersAsText() throws {
        try Self.withPage { browser, page, tool in
            try browser.open("\(page)?q=bong+chuyen")
            // The three with both words first; "bóng đá" follows as a partial match.
            try browser.waitFor("document.querySelectorAll('#results .result').length >= 3")
            let titles = try #require(try browser.evaluate("Array.from(document.querySelectorAll('#results h3')).map(h => h.textContent)") as? [String])
            #expect(titles.contains("<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"> Bài độc hại"))
            #expect(titles.contains("<script>window.__pwned = 5</script> Trang độc"))
            let paths = try #require(try browser.evaluate("Array.from(document.querySelectorAll('#results .path')).map(p => p.textContent)") as? [String])
            #expect(paths.contains(tool.path("docs/<img src=x onerror=window.__pwned=4>.txt")))
            // Preview each one, so their texts and names are rendered too.
            for index in 0..<3 {
                try browser.evaluate("document.querySelectorAll('#results .result')[\(index)].click()")
                try browser.waitFor("document.getElementById('preview-path').textContent === document.querySelectorAll('#results .path')[\(index)].textContent")
            }
            try browser.evaluate("document.querySelectorAll('#results .result')[0].click()")
            Thread.sleep(forTimeInterval: 0.3)
            let injected = "document.querySelectorAll('main script, main img, main b, main iframe, [onerror]').length"
            #expect(try browser.evaluate(injected) as? Int == 0)
            #expect(try browser.evaluate("typeof window.__pwned") as? String == "undefined")
            // The first result's markup is in its preview, as text.
            let preview = try #require(try browser.evaluate("document.getElementById('preview-title').textContent + '\\n' + document.getElementById('preview-path').textContent + '\\n' + document.getElementById('preview-text').textContent") as? String)
            #expect(preview.contains("<script>") || preview.contains("<img src=x onerror"), "\(preview)")
        }
    }
}
