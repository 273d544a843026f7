/// The page's script (`/app.js`). Document data reaches the page only as `textContent` of
/// elements made here (and highlighted ranges as `<mark>` elements around such text): a title,
/// text or file name that holds markup shows as that markup, and never runs.
enum PageScript {
    static let text = #"""
        "use strict";
        (() => {
          const $ = (id) => document.getElementById(id);
          const pageSize = 10;
          const state = { q: "", exact: false, literal: false, folder: "", type: "", encoding: "", after: "", before: "", offset: 0 };
          let token = null;
          let sequence = 0;
          let controller = null;
          let timer = null;
          let results = [];
          let selected = -1;
          let marks = [];
          let currentMark = -1;
          let shownDocument = null;

          // A token given as #token=… is kept for this tab and taken out of the address bar.
          function readToken() {
            const match = /(?:^#|&)token=([^&]*)/.exec(location.hash);
            if (match) {
              token = decodeURIComponent(match[1]);
              try { sessionStorage.setItem("vnsearch-token", token); } catch (e) {}
              history.replaceState(null, "", location.pathname + location.search);
            } else {
              try { token = sessionStorage.getItem("vnsearch-token"); } catch (e) {}
            }
          }

          async function api(path, signal) {
            const headers = token ? { Authorization: "Bearer " + token } : {};
            const response = await fetch(path, { headers, signal });
            let body = null;
            try { body = await response.json(); } catch (e) {}
            if (!response.ok) throw new Error((body && body.error) || ("HTTP " + response.status));
            return body;
          }

          // Text with [start, end) ranges in Unicode code points wrapped in <mark>.
          function highlighted(text, ranges, into) {
            into.replaceChildren();
            const points = Array.from(text);
            let cursor = 0;
            for (const [start, end] of ranges || []) {
              if (start < cursor || end > points.length || start >= end) continue;
              if (start > cursor) into.append(document.createTextNode(points.slice(cursor, start).join("")));
              const mark = document.createElement("mark");
              mark.textContent = points.slice(start, end).join("");
              into.append(mark);
              cursor = end;
            }
            if (cursor < points.length) into.append(document.createTextNode(points.slice(cursor).join("")));
            return into;
          }

          function element(tag, className, text) {
            const node = document.createElement(tag);
            if (className) node.className = className;
            if (text !== undefined) node.textContent = text;
            return node;
          }

          function parameters(forAddressBar) {
            const p = new URLSearchParams();
            p.set("q", state.q);
            if (state.exact) p.set("exact", "1");
            if (state.literal) { p.set("restore_accents", "0"); p.set("literal", "1"); }
            if (state.folder) p.set("in", state.folder);
            if (state.type) p.set("type", state.type);
            if (state.encoding) p.set("encoding", state.encoding);
            if (state.after) p.set("after", state.after);
            if (state.before) p.set("before", state.before);
            if (state.offset) p.set("offset", String(state.offset));
            if (!forAddressBar) p.set("limit", String(pageSize));
            return p;
          }

          function readAddress() {
            const p = new URLSearchParams(location.search);
            state.q = p.get("q") || "";
            state.exact = p.get("exact") === "1";
            state.literal = p.get("restore_accents") === "0" || p.get("literal") === "1";
            state.folder = p.get("in") || "";
            state.type = p.get("type") || "";
            state.encoding = p.get("encoding") || "";
            state.after = p.get("after") || "";
            state.before = p.get("before") || "";
            state.offset = Math.max(0, parseInt(p.get("offset") || "0", 10) || 0);
            $("q").value = state.q;
            $("exact").checked = state.exact;
            $("folder").value = state.folder;
            $("after").value = state.after;
            $("before").value = state.before;
          }

          function readForm() {
            state.q = $("q").value;
            state.exact = $("exact").checked;
            state.folder = $("folder").value.trim();
            state.type = $("type").value;
            state.encoding = $("encoding").value;
            state.after = $("after").value;
            state.before = $("before").value;
          }

          function setStatus(text, isError) {
            $("status").textContent = text;
            $("status").classList.toggle("error", !!isError);
          }

          function schedule(delay) {
            clearTimeout(timer);
            timer = setTimeout(search, delay);
          }

          async function search() {
            const mine = ++sequence;
            if (controller) controller.abort();
            const query = state.q.trim();
            history.replaceState(null, "", query ? "/?" + parameters(true).toString() : "/");
            if (!query) {
              results = [];
              render(null);
              setStatus("Gõ để tìm. Không cần gõ dấu: dang tìm thấy Đảng, đang, đáng.");
              return;
            }
            controller = new AbortController();
            setStatus("Đang tìm…");
            try {
              const body = await api("/api/search?" + parameters(false).toString(), controller.signal);
              if (mine !== sequence) return;
              results = body.results;
              render(body);
            } catch (error) {
              if (error.name === "AbortError" || mine !== sequence) return;
              results = [];
              render(null);
              setStatus("Lỗi: " + error.message, true);
            }
          }

          function render(body) {
            const list = $("results");
            list.replaceChildren();
            selected = -1;
            $("searched-as").hidden = !(body && body.searched_as);
            if (body && body.searched_as) $("searched-as-text").textContent = body.searched_as;
            if (!body) {
              $("pager").hidden = true;
              return;
            }
            body.results.forEach((result, index) => {
              const item = element("li", "result");
              item.dataset.index = String(index);
              item.append(highlighted(result.title, result.title_highlights, element("h3")));
              item.append(element("p", "path", result.path));
              item.append(highlighted(result.snippet, result.snippet_highlights, element("p", "snippet")));
              const when = result.modified ? result.modified.slice(0, 10) : "";
              item.append(element("p", "meta", [result.format.toUpperCase(), when].filter(Boolean).join(" · ")
                + (result.matches_all_words ? "" : " · không đủ mọi từ")));
              item.addEventListener("click", () => select(index, true));
              list.append(item);
            });
            const shown = body.results.length;
            if (shown === 0) {
              setStatus("Không tìm thấy tài liệu nào cho “" + body.query + "”.");
            } else {
              const first = state.offset + 1;
              const last = state.offset + shown;
              setStatus("Kết quả " + first + "–" + last + (body.total >= last ? " trong " + (body.total_is_estimate ? "khoảng " : "") + body.total + " tài liệu" : ""));
            }
            $("pager").hidden = state.offset === 0 && shown < pageSize;
            $("previous-page").disabled = state.offset === 0;
            $("next-page").disabled = shown < pageSize;
            $("page-info").textContent = "Trang " + (Math.floor(state.offset / pageSize) + 1);
            if (shown > 0) select(0, false);
            else $("preview").hidden = true;
          }

          function select(index, focusPreview) {
            if (index < 0 || index >= results.length) return;
            const items = $("results").children;
            if (selected >= 0 && items[selected]) items[selected].classList.remove("selected");
            selected = index;
            items[index].classList.add("selected");
            items[index].scrollIntoView({ block: "nearest" });
            preview(results[index], focusPreview);
          }

          async function preview(result, focus) {
            const mine = sequence;
            const p = new URLSearchParams({ q: state.q });
            if (state.exact) p.set("exact", "1");
            if (state.literal) { p.set("restore_accents", "0"); p.set("literal", "1"); }
            try {
              const doc = await api("/api/documents/" + encodeURIComponent(String(result.id)) + "?" + p.toString());
              if (mine !== sequence || results[selected] !== result) return;
              shownDocument = doc;
              highlighted(doc.title, doc.title_matches, $("preview-title"));
              $("preview-path").textContent = doc.path;
              const kb = Math.max(1, Math.round(doc.size / 1024));
              $("preview-meta").textContent = [doc.format.toUpperCase(), doc.encoding, kb + " KB", "sửa " + doc.modified.slice(0, 10)]
                .join(" · ") + (doc.truncated ? " · chỉ hiện phần đầu" : "");
              highlighted(doc.text, doc.text_matches, $("preview-text"));
              marks = Array.from($("preview-text").querySelectorAll("mark"));
              currentMark = -1;
              $("preview").hidden = false;
              $("preview").scrollTop = 0;
              showMatch(marks.length ? 0 : -1);
              if (focus) $("preview-text").focus();
            } catch (error) {
              setStatus("Lỗi: " + error.message, true);
            }
          }

          function showMatch(index) {
            if (currentMark >= 0 && marks[currentMark]) marks[currentMark].classList.remove("current");
            currentMark = index;
            $("match-info").textContent = marks.length ? "chỗ khớp " + (index + 1) + "/" + marks.length : "không có chỗ khớp trong văn bản";
            if (index < 0) return;
            marks[index].classList.add("current");
            marks[index].scrollIntoView({ block: "center" });
          }

          function page(delta) {
            const offset = state.offset + delta * pageSize;
            if (offset < 0 || (delta > 0 && results.length < pageSize)) return;
            state.offset = offset;
            search();
          }

          function onFilterChange() {
            readForm();
            state.offset = 0;
            schedule(0);
          }

          async function loadChoices() {
            try {
              const stats = await api("/api/stats");
              const add = (select, counts) => {
                for (const name of Object.keys(counts)) {
                  const option = element("option", "", name + " (" + counts[name] + ")");
                  option.value = name;
                  select.append(option);
                }
              };
              add($("type"), stats.formats || {});
              add($("encoding"), stats.encodings || {});
              for (const folder of stats.folders || []) {
                const option = document.createElement("option");
                option.value = folder.path;
                $("folder-list").append(option);
              }
              $("type").value = state.type;
              $("encoding").value = state.encoding;
            } catch (error) {
              setStatus("Lỗi: " + error.message, true);
            }
          }

          function onKey(event) {
            const inField = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
            if (event.key === "/" && !inField) {
              event.preventDefault();
              $("q").focus();
              $("q").select();
            } else if (event.key === "ArrowDown" && (event.target === $("q") || !inField)) {
              event.preventDefault();
              select(Math.min(selected + 1, results.length - 1), false);
            } else if (event.key === "ArrowUp" && (event.target === $("q") || !inField)) {
              event.preventDefault();
              select(Math.max(selected - 1, 0), false);
            } else if (event.key === "Enter" && event.target === $("q")) {
              event.preventDefault();
              if (selected >= 0) $("preview-text").focus();
            } else if (event.key === "Escape") {
              $("q").focus();
            } else if (event.key === "PageDown" && !inField) {
              event.preventDefault();
              page(1);
            } else if (event.key === "PageUp" && !inField) {
              event.preventDefault();
              page(-1);
            } else if ((event.key === "n" || event.key === "p") && !inField && marks.length) {
              event.preventDefault();
              const step = event.key === "n" ? 1 : -1;
              showMatch((currentMark + step + marks.length) % marks.length);
            }
          }

          function start() {
            readToken();
            readAddress();
            loadChoices();
            $("search-form").addEventListener("submit", (event) => { event.preventDefault(); schedule(0); });
            $("q").addEventListener("input", () => { readForm(); state.offset = 0; state.literal = false; schedule(200); });
            for (const id of ["exact", "type", "encoding", "after", "before"]) $(id).addEventListener("change", onFilterChange);
            $("folder").addEventListener("change", onFilterChange);
            $("clear-filters").addEventListener("click", () => {
              for (const id of ["folder", "type", "encoding", "after", "before"]) $(id).value = "";
              onFilterChange();
            });
            $("search-literal").addEventListener("click", () => { state.literal = true; state.offset = 0; schedule(0); });
            $("previous-page").addEventListener("click", () => page(-1));
            $("next-page").addEventListener("click", () => page(1));
            $("next-match").addEventListener("click", () => marks.length && showMatch((currentMark + 1) % marks.length));
            $("previous-match").addEventListener("click", () => marks.length && showMatch((currentMark - 1 + marks.length) % marks.length));
            $("only-folder").addEventListener("click", () => {
              if (!shownDocument) return;
              $("folder").value = shownDocument.path.slice(0, shownDocument.path.lastIndexOf("/")) || "/";
              onFilterChange();
            });
            document.addEventListener("keydown", onKey);
            window.addEventListener("popstate", () => { readAddress(); search(); });
            if (state.q) search();
          }

          start();
        })();

        """#
}
