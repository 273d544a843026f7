/// The search page (`/`): markup only, no data. The script fills it, from `/api/` answers, with
/// `textContent` and elements it makes, never with markup from a document.
enum PageHTML {
    static let text = #"""
        <!doctype html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>VietSearch — tìm kiếm tài liệu</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="/app.css">
        <script src="/app.js" defer></script>
        </head>
        <body>
        <header>
          <form id="search-form" role="search" autocomplete="off">
            <a class="brand" href="/">VietSearch</a>
            <input id="q" name="q" type="search" placeholder="Tìm kiếm — gõ có dấu hoặc không dấu" aria-label="Từ khoá tìm kiếm" autofocus>
            <label class="check"><input id="exact" type="checkbox"> Đúng dấu</label>
          </form>
          <div id="filters" class="filters">
            <label>Thư mục <input id="folder" type="text" list="folder-list" placeholder="mọi thư mục"></label>
            <datalist id="folder-list"></datalist>
            <label>Loại tệp <select id="type"><option value="">tất cả</option></select></label>
            <label>Bảng mã <select id="encoding"><option value="">tất cả</option></select></label>
            <label>Sửa từ ngày <input id="after" type="date"></label>
            <label>trước ngày <input id="before" type="date"></label>
            <button id="clear-filters" type="button">Bỏ lọc</button>
          </div>
        </header>
        <main>
          <section id="results-pane" aria-label="Kết quả">
            <p id="status" class="status" role="status">Gõ để tìm. Không cần gõ dấu: <kbd>dang</kbd> tìm thấy Đảng, đang, đáng.</p>
            <p id="searched-as" class="searched-as" hidden>Đã tìm theo: <strong id="searched-as-text"></strong> · <button id="search-literal" type="button" class="link">Tìm đúng như đã gõ</button></p>
            <ol id="results" class="results"></ol>
            <nav id="pager" class="pager" hidden>
              <button id="previous-page" type="button">← Trang trước</button>
              <span id="page-info"></span>
              <button id="next-page" type="button">Trang sau →</button>
            </nav>
            <p class="keys"><kbd>/</kbd> ô tìm · <kbd>↑</kbd><kbd>↓</kbd> chọn kết quả · <kbd>Enter</kbd> xem · <kbd>n</kbd><kbd>p</kbd> chỗ khớp · <kbd>Esc</kbd> quay lại · <kbd>PgUp</kbd><kbd>PgDn</kbd> trang</p>
          </section>
          <section id="preview" class="preview" aria-label="Xem trước" hidden>
            <h2 id="preview-title"></h2>
            <p id="preview-path" class="path"></p>
            <p id="preview-meta" class="meta"></p>
            <p class="preview-actions">
              <button id="only-folder" type="button">Chỉ tìm trong thư mục này</button>
              <span id="match-info"></span>
              <button id="previous-match" type="button">↑ Chỗ trước</button>
              <button id="next-match" type="button">↓ Chỗ sau</button>
            </p>
            <div id="preview-text" class="preview-text" tabindex="0"></div>
          </section>
        </main>
        </body>
        </html>

        """#
}
