// The reports' stylesheet: system fonts only (nothing to fetch), one readable column up to 1200 px,
// status colours shared by the headline, the criteria table and the history page. Runs in: Node
// (inlined into the page).

export const PAGE_CSS = `
:root {
  --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --panel: #ffffff; --page: #f1f5f9;
  --pass: #15803d; --pass-bg: #dcfce7; --fail: #b91c1c; --fail-bg: #fee2e2;
  --warn: #a16207; --warn-bg: #fef9c3;
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--page); color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
}
main { max-width: 1200px; margin: 0 auto; padding: 24px 24px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 0 0 12px; }
h3 { font-size: 14px; margin: 0 0 6px; color: #334155; }
section.panel {
  background: var(--panel); border: 1px solid var(--line); border-radius: 8px;
  padding: 18px 20px; margin-top: 16px;
}
.headline { display: flex; gap: 16px; align-items: flex-start; }
.headline.pass { border-left: 6px solid var(--pass); }
.headline.fail { border-left: 6px solid var(--fail); }
.badge {
  display: inline-block; padding: 2px 10px; border-radius: 999px; font-weight: 700;
  font-size: 12px; letter-spacing: .04em; white-space: nowrap;
}
.badge.big { font-size: 18px; padding: 6px 16px; }
.badge.pass { color: var(--pass); background: var(--pass-bg); }
.badge.fail { color: var(--fail); background: var(--fail-bg); }
.badge.inconclusive { color: var(--warn); background: var(--warn-bg); }
.badge.not-measured { color: var(--muted); background: #f1f5f9; border: 1px dashed #cbd5e1; }
.badge.reported { color: #1d4ed8; background: #dbeafe; }
.headline p { margin: 4px 0 0; }
.headline .reason { font-size: 16px; font-weight: 500; overflow-wrap: anywhere; }
.subtle { color: var(--muted); }
.meta { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 10px 20px; margin: 0; }
.meta div { min-width: 0; }
.meta dt { color: var(--muted); font-size: 12px; }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.kpis { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 12px; }
.kpi { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.kpi .value { font-size: 20px; font-weight: 650; }
.kpi .label { color: var(--muted); font-size: 12px; }
.kpi .delta { font-size: 12px; }
.worse { color: var(--fail); }
.better { color: var(--pass); }
.chart-block { margin-top: 18px; }
.chart-block:first-of-type { margin-top: 4px; }
.chart { width: 100%; }
.history-charts { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px; margin-bottom: 14px; }
.notes { margin: 0 0 8px; padding-left: 18px; }
.legend-key { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -1px; margin: 0 4px 0 12px; }
.legend-key.phase { background: rgba(100,116,139,.25); }
.legend-key.chaos { background: rgba(220,38,38,.35); }
.legend-key.breaking { background: rgba(234,88,12,.4); }
.legend-key.lag { background: rgba(71,85,105,.35); }
.legend-key.recovered { background: #16a34a; width: 3px; }
.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: #f8fafc; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.status-fail td { background: #fff5f5; }
tr.status-inconclusive td { background: #fffdf0; }
tr.status-not-measured td { color: var(--muted); }
/* Ids and k6 expressions break at any character rather than push Status and Source off a 1280 px page. */
#criteria td:nth-child(1) code, #criteria td:nth-child(3) code { overflow-wrap: anywhere; }
#criteria td:nth-child(2) { min-width: 14em; }
#chaos th, #chaos td { padding: 6px 8px; }
#chaos td:first-child { min-width: 190px; }
#baseline { width: auto; min-width: 60%; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.tables { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.tables > section.panel { margin-top: 0; }
.empty { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: 12px; margin-top: 24px; text-align: center; }
.u-legend { font-size: 12px; }
@media (max-width: 900px) {
  .meta { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .kpis { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .tables, .history-charts { grid-template-columns: 1fr; }
}
`;
