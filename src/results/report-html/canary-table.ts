// report.html's canary panel: what was compared (the header, the share asked and seen, where v1 comes
// from) and v1 beside v2 over all requests and per service; the verdict's criteria table judges them.
// Runs in: Node.
import { formatCount, formatMs, formatPercent } from '../format-values.ts';
import type { CanaryAnalysis, CanaryVersionRow } from '../types.ts';
import { escapeHtml } from './escape-html.ts';
import { type Column, htmlTable } from './html-table.ts';

const cell = (text: string) => escapeHtml(text);

const columns: Column<CanaryVersionRow>[] = [
  { header: 'Requests', cell: (r) => `<code>${escapeHtml(r.name)}</code>` },
  { header: 'v1 requests', numeric: true, cell: (r) => cell(formatCount(r.v1.requests)) },
  { header: 'v2 requests', numeric: true, cell: (r) => cell(formatCount(r.v2.requests)) },
  { header: 'v1 errors', numeric: true, cell: (r) => cell(formatPercent(r.v1.errorRate)) },
  { header: 'v2 errors', numeric: true, cell: (r) => cell(formatPercent(r.v2.errorRate)) },
  { header: 'v1 p95', numeric: true, cell: (r) => cell(formatMs(r.v1.p95Ms)) },
  { header: 'v2 p95', numeric: true, cell: (r) => cell(formatMs(r.v2.p95Ms)) },
];

export function canaryTable(canary: CanaryAnalysis): string {
  const reference =
    canary.reference.kind === 'earlier steps'
      ? ` v1 is the earlier steps' (${canary.reference.runs.join(', ')}): this step sent no v1 of its own.`
      : '';
  const note =
    `<p class="subtle">Header <code>${escapeHtml(canary.header)}</code> on ${escapeHtml(formatPercent(canary.v2Share))} ` +
    `of requests (asked ${escapeHtml(canary.splitPercent)} %).${escapeHtml(reference)} The criteria judge ` +
    `<strong>${escapeHtml(canary.compared)}</strong> (after the warm-up); the other rows are for reading.</p>`;
  const rows: CanaryVersionRow[] = [
    { name: `compared: ${canary.compared}`, v1: canary.v1, v2: canary.v2 },
    ...canary.services,
  ];
  return note + htmlTable(columns, rows, { id: 'canary' });
}
