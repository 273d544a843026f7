/// The page's style sheet (`/app.css`).
enum PageStyle {
    static let text = #"""
        :root { --accent: #b3261e; --mark: #ffe08a; --muted: #5f6368; --line: #dadce0; color-scheme: light; }
        * { box-sizing: border-box; }
        [hidden] { display: none !important; }
        body { margin: 0; font: 15px/1.5 system-ui, "Noto Sans", "DejaVu Sans", sans-serif; color: #202124; background: #fff; }
        header { position: sticky; top: 0; z-index: 1; background: #f8f9fa; border-bottom: 1px solid var(--line); padding: 10px 16px; }
        form { display: flex; gap: 12px; align-items: center; }
        .brand { font-weight: 700; color: var(--accent); text-decoration: none; font-size: 18px; }
        #q { flex: 1; font-size: 18px; padding: 6px 10px; border: 1px solid #bdc1c6; border-radius: 6px; min-width: 8em; }
        #q:focus { outline: 2px solid #1a73e8; }
        .check { white-space: nowrap; color: var(--muted); }
        .filters { display: flex; flex-wrap: wrap; gap: 6px 14px; margin-top: 8px; font-size: 13px; color: var(--muted); }
        .filters input, .filters select { font-size: 13px; }
        .filters input[type=text] { width: 18em; }
        main { display: flex; gap: 16px; padding: 8px 16px; align-items: flex-start; }
        #results-pane { flex: 1 1 48%; min-width: 0; }
        .preview { flex: 1 1 52%; min-width: 0; position: sticky; top: 120px; max-height: calc(100vh - 130px); overflow: auto;
          border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; }
        .status { color: var(--muted); font-size: 13px; }
        .searched-as { background: #fef7e0; padding: 4px 8px; border-radius: 4px; }
        .error { color: var(--accent); }
        .results { list-style: none; padding: 0; margin: 0; }
        .result { padding: 8px 10px; border-radius: 6px; cursor: pointer; border: 1px solid transparent; }
        .result:hover { background: #f1f3f4; }
        .result.selected { border-color: #1a73e8; background: #e8f0fe; }
        .result h3 { margin: 0; font-size: 16px; font-weight: 600; color: #1a0dab; }
        .path { margin: 0; color: #188038; font-size: 12px; overflow-wrap: anywhere; }
        .snippet { margin: 2px 0 0; }
        .meta { color: var(--muted); font-size: 12px; margin: 2px 0; }
        .partial { color: var(--muted); font-size: 12px; }
        mark { background: var(--mark); color: inherit; padding: 0 1px; border-radius: 2px; }
        mark.current { background: #fbbc04; outline: 2px solid #e37400; }
        .pager { display: flex; gap: 12px; align-items: center; margin: 12px 0; }
        .preview h2 { font-size: 18px; margin: 4px 0; }
        .preview-actions { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; font-size: 13px; }
        .preview-text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 14px; border-top: 1px solid var(--line); padding-top: 8px; }
        .preview-text:focus { outline: none; }
        .keys { color: var(--muted); font-size: 12px; margin-top: 16px; }
        kbd { border: 1px solid #bdc1c6; border-bottom-width: 2px; border-radius: 3px; padding: 0 4px; font-size: 12px; background: #fff; }
        button.link { border: none; background: none; color: #1a0dab; text-decoration: underline; cursor: pointer; padding: 0; font: inherit; }
        @media (max-width: 800px) { main { flex-direction: column; } .preview { position: static; max-height: none; width: 100%; } }

        """#
}
