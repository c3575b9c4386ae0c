// The HTML reports of the results layer: report.html for one run, history.html across runs, and
// the downsampling that keeps their charts quick to open. Runs in: Node.
export { chartDataOf } from './chart-data.ts';
export { type HistoryEntry, renderHistoryHtml } from './render-history.ts';
export { renderReportHtml } from './render-report.ts';
