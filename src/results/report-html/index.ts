// The HTML reports of the results layer: report.html for one run, history.html across runs, and
// the downsampling that keeps their charts quick to open. Runs in: Node.
export { type ChartData, chartDataOf } from './chart-data.ts';
export { type HistoryEntry, renderHistoryHtml } from './render-history.ts';
export { type ReportInput, renderReportHtml } from './render-report.ts';
export type { Baseline } from './baseline-table.ts';
export type { PhaseWindow } from './report-annotations.ts';
