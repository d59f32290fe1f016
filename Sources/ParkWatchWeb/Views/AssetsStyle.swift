extension Assets {
    /// One stylesheet for every page. System fonts only (no web fonts to fetch).
    static let css = """
        :root {
          --bg: #f3f5f8; --card: #fff; --ink: #0f172a; --muted: #64748b; --line: #e2e8f0;
          --free: #16a34a; --occupied: #dc2626; --unknown: #94a3b8; --reserved: #2563eb; --warn: #b45309;
          --accent: #2563eb; --radius: 14px;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Liberation Sans", sans-serif;
          color: var(--ink); background: var(--bg);
        }
        * { box-sizing: border-box; }
        body { margin: 0; min-height: 100vh; display: flex; flex-direction: column; font-size: 15px; line-height: 1.45; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        .topbar { display: flex; align-items: center; gap: 28px; padding: 12px 28px; background: #0f172a; color: #e2e8f0; }
        .brand { display: flex; align-items: center; gap: 10px; color: #fff; font-weight: 700; font-size: 18px; letter-spacing: .2px; }
        .brand:hover { text-decoration: none; }
        .topbar nav { display: flex; gap: 6px; }
        .topbar nav a { color: #cbd5e1; padding: 6px 12px; border-radius: 8px; font-weight: 500; }
        .topbar nav a:hover { background: #1e293b; text-decoration: none; }
        .topbar nav a.active { background: #1e293b; color: #fff; }
        .live-state { margin-left: auto; font-size: 13px; color: #94a3b8; }
        .live-state::before { content: ""; display: inline-block; width: 8px; height: 8px; border-radius: 50%; background: #22c55e; margin-right: 7px; vertical-align: 1px; }
        .live-state:empty::before { display: none; }
        .live-state.offline { color: #fbbf24; }
        .live-state.offline::before { background: #f59e0b; }
        main { flex: 1; width: 100%; max-width: 1280px; margin: 0 auto; padding: 24px 28px 40px; }
        .foot { text-align: center; color: var(--muted); font-size: 12px; padding: 16px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 19px; margin: 0; }
        h3 { font-size: 13px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 18px 0 8px; font-weight: 600; }
        .muted { color: var(--muted); }
        .page-head { display: flex; align-items: flex-end; justify-content: space-between; gap: 16px; margin-bottom: 18px; flex-wrap: wrap; }
        .page-head p { margin: 0; color: var(--muted); }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 20px; }
        .card { background: var(--card); border-radius: var(--radius); box-shadow: 0 1px 2px rgba(15,23,42,.06), 0 4px 14px rgba(15,23,42,.05); padding: 20px; border: 1px solid var(--line); }
        .card.narrow { max-width: 620px; margin: 40px auto; }
        .card-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 12px; }
        .card-head p { margin: 2px 0 0; color: var(--muted); font-size: 13px; }
        .figure { text-align: right; white-space: nowrap; }
        .figure .big { font-size: 36px; font-weight: 700; color: var(--free); line-height: 1; }
        .figure .big.none { color: var(--occupied); }
        .figure .big.unknown { color: var(--unknown); }
        .figure .of { display: block; font-size: 13px; color: var(--muted); margin-top: 4px; }
        .freshness { margin: 12px 0; font-size: 13px; color: var(--muted); display: flex; align-items: center; gap: 8px; }
        .freshness .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--free); }
        .stale { margin: 12px 0; padding: 9px 12px; border-radius: 10px; background: #fffbeb; border: 1px solid #fcd34d; color: var(--warn); font-size: 13px; font-weight: 500; }
        .shot { display: block; border-radius: 10px; overflow: hidden; background: #0f172a; aspect-ratio: 16 / 9; }
        .shot img { width: 100%; height: 100%; object-fit: contain; display: block; }
        .shot.empty { display: flex; align-items: center; justify-content: center; color: #94a3b8; font-size: 14px; background: repeating-linear-gradient(45deg, #f1f5f9, #f1f5f9 10px, #e2e8f0 10px, #e2e8f0 20px); }
        .meter { width: 100%; height: 10px; display: block; margin-top: 14px; border-radius: 5px; }
        .legend { display: flex; flex-wrap: wrap; gap: 14px; list-style: none; padding: 0; margin: 8px 0 0; font-size: 13px; color: var(--muted); }
        .legend b { color: var(--ink); }
        .sw { display: inline-block; width: 10px; height: 10px; border-radius: 3px; margin-right: 6px; vertical-align: -1px; }
        .sw.free { background: var(--free); } .sw.occupied { background: var(--occupied); }
        .sw.unknown { background: var(--unknown); } .sw.reserved { background: var(--reserved); }
        .chart { width: 100%; height: auto; display: block; }
        .chart-note { font-size: 12px; color: var(--muted); margin: 4px 0 0; }
        .card-foot { display: flex; justify-content: space-between; margin-top: 14px; padding-top: 12px; border-top: 1px solid var(--line); font-size: 14px; font-weight: 500; }
        .lot-layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(360px, 2fr); gap: 20px; align-items: start; }
        .lot-layout > .card:first-child { position: sticky; top: 16px; }
        @media (max-width: 980px) { .lot-layout { grid-template-columns: 1fr; } }
        table { width: 100%; border-collapse: collapse; font-size: 14px; }
        th { text-align: left; font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); font-weight: 600; padding: 8px 10px; border-bottom: 1px solid var(--line); }
        td { padding: 9px 10px; border-bottom: 1px solid var(--line); vertical-align: middle; }
        tr:last-child td { border-bottom: none; }
        tr.flagged td { background: #fef2f2; }
        .pill { display: inline-block; padding: 2px 10px; border-radius: 999px; font-size: 12px; font-weight: 600; }
        .pill.free { background: #dcfce7; color: #166534; } .pill.occupied { background: #fee2e2; color: #991b1b; }
        .pill.unknown { background: #f1f5f9; color: #475569; } .pill.reserved { background: #dbeafe; color: #1e40af; }
        .flag { display: inline-block; margin-left: 6px; padding: 2px 8px; border-radius: 6px; background: #fee2e2; color: #991b1b; font-size: 12px; font-weight: 600; }
        .conf { display: flex; align-items: center; gap: 8px; white-space: nowrap; font-variant-numeric: tabular-nums; }
        .conf svg { width: 60px; height: 6px; }
        .space-id { font-weight: 600; font-variant-numeric: tabular-nums; }
        .label-layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(280px, 1fr); gap: 20px; align-items: start; }
        @media (max-width: 980px) { .label-layout { grid-template-columns: 1fr; } }
        .label-photo { width: 100%; height: auto; display: block; border-radius: 8px; }
        .label-space { stroke-width: 2; cursor: pointer; fill-opacity: 0.35; vector-effect: non-scaling-stroke; }
        .label-space.occupied { fill: #dc2626; stroke: #dc2626; }
        .label-space.free { fill: #16a34a; stroke: #16a34a; }
        .label-space:hover, .label-space:focus { fill-opacity: 0.6; outline: none; }
        .label-table th, .label-table td { text-align: left; padding: 2px 12px 2px 0; }
        .label-table label { display: inline-flex; flex-direction: row; align-items: center; gap: 4px; margin: 0; font-weight: 400; }
        .label-photos { margin: 0; padding-left: 18px; }
        .editor-tools { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 10px; }
        .edit-space { fill: #2563eb; fill-opacity: 0.25; stroke: #2563eb; stroke-width: 2; vector-effect: non-scaling-stroke; cursor: move; }
        .edit-space.selected { fill: #f59e0b; stroke: #b45309; fill-opacity: 0.4; }
        .edit-label { fill: #fff; font-size: 14px; text-anchor: middle; pointer-events: none; paint-order: stroke; stroke: #000; stroke-width: 3px; }
        .edit-corner { fill: #fff; stroke: #b45309; stroke-width: 2; vector-effect: non-scaling-stroke; cursor: crosshair; }
        .edit-adding { fill: none; stroke: #f59e0b; stroke-width: 2; stroke-dasharray: 6 4; vector-effect: non-scaling-stroke; }
        .no-photo { fill: #e5e7eb; }
        .edit-proposal { fill: #16a34a; fill-opacity: 0.15; stroke: #16a34a; stroke-width: 2; stroke-dasharray: 8 5; vector-effect: non-scaling-stroke; cursor: pointer; }
        .edit-proposal.selected { fill-opacity: 0.4; stroke: #166534; }
        .editor-fields { display: flex; flex-wrap: wrap; gap: 10px; }
        .space-list { columns: 4; margin: 0; padding: 0; list-style: none; }
        .space-list button { background: none; border: 0; padding: 2px 4px; color: #1d4ed8; font: inherit; cursor: pointer; text-align: left; }
        .space-list button:hover, .space-list button:focus { text-decoration: underline; }
        .space-list button.selected { font-weight: 700; color: #b45309; }
        .booking-layout { display: grid; grid-template-columns: minmax(320px, 460px) minmax(0, 1fr); gap: 20px; align-items: start; }
        @media (max-width: 900px) { .booking-layout { grid-template-columns: 1fr; } }
        form.stack { display: flex; flex-direction: column; gap: 14px; margin-top: 12px; }
        label { display: flex; flex-direction: column; gap: 5px; font-size: 13px; font-weight: 600; color: #334155; }
        input, select { font: inherit; font-weight: 400; width: 100%; min-width: 0; padding: 9px 11px; border: 1px solid #cbd5e1; border-radius: 9px; background: #fff; color: var(--ink); }
        input[type="datetime-local"] { font-size: 14px; padding: 9px 6px 9px 9px; }
        input:focus, select:focus { outline: 2px solid #93c5fd; border-color: var(--accent); }
        .row { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
        td.nowrap { white-space: nowrap; }
        .button, button { font: inherit; font-weight: 600; border: none; border-radius: 9px; padding: 10px 16px; background: var(--accent); color: #fff; cursor: pointer; display: inline-block; }
        .button:hover, button:hover { background: #1d4ed8; text-decoration: none; }
        button.quiet { background: #fff; color: #b91c1c; border: 1px solid #fecaca; padding: 5px 12px; font-size: 13px; }
        button.quiet:hover { background: #fef2f2; }
        .notice { padding: 11px 14px; border-radius: 10px; margin-bottom: 16px; font-size: 14px; }
        .notice.ok { background: #f0fdf4; border: 1px solid #86efac; color: #166534; }
        .notice.bad { background: #fef2f2; border: 1px solid #fca5a5; color: #991b1b; }
        .empty-state { color: var(--muted); padding: 24px 0; text-align: center; }
        .error-card h1 { color: #991b1b; }
        .hint { font-size: 12px; color: var(--muted); font-weight: 400; }
        .history-picker { display: flex; flex-wrap: wrap; gap: 14px; align-items: flex-end; margin-bottom: 18px; }
        .history-picker label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: var(--muted); font-weight: 600; }
        .history-picker select, .history-picker input { font: inherit; padding: 7px 9px; border: 1px solid var(--line); border-radius: 8px; }
        .history h3 { margin: 22px 0 8px; font-size: 15px; }
        .figures { display: flex; flex-wrap: wrap; gap: 12px; margin: 10px 0 0; }
        .figures div { background: #f8fafc; border: 1px solid var(--line); border-radius: 10px; padding: 10px 14px; min-width: 130px; }
        .figures dt { font-size: 12px; color: var(--muted); }
        .figures dd { margin: 2px 0 0; font-size: 20px; font-weight: 700; }
        .figures small { display: block; font-size: 12px; font-weight: 400; color: var(--muted); }
        .history svg.chart { width: 100%; height: auto; max-width: 760px; }
        .heat-legend { display: block; width: 100%; max-width: 430px; height: auto; margin-top: 6px; }
        .space-map { margin: 0 0 16px; }
        .space-map svg { width: 100%; max-width: 760px; height: auto; border-radius: 10px; }
        .space-map figcaption { font-size: 13px; color: var(--muted); }
        .downloads { margin-top: 18px; font-size: 14px; }
        """
}
