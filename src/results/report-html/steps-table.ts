// The stress steps of report.html: VUs, throughput, p95 and error rate per step, the breaking step
// highlighted, so "where did it break, and how" reads as one table. Runs in: Node.
import { formatCount, formatMs, formatPercent, formatRate } from '../format-values.ts';
import type { BreakingPointAnalysis } from '../types.ts';
import { escapeHtml } from './escape-html.ts';
import { type Column, htmlTable } from './html-table.ts';

type Step = BreakingPointAnalysis['steps'][number];

const columns: Column<Step>[] = [
  { header: 'Step', cell: (s) => `<code>${escapeHtml(s.name)}</code>` },
  { header: 'VUs', numeric: true, cell: (s) => escapeHtml(formatCount(s.vus)) },
  { header: 'Req/s', numeric: true, cell: (s) => escapeHtml(formatRate(s.rps)) },
  { header: 'p95', numeric: true, cell: (s) => (s.p95Ms === null ? '—' : escapeHtml(formatMs(s.p95Ms))) },
  {
    header: 'Errors',
    numeric: true,
    cell: (s) => (s.errorRate === null ? '—' : escapeHtml(formatPercent(s.errorRate))),
  },
];

export function stepsTable(analysis: BreakingPointAnalysis): string {
  const breaking = analysis.step?.name;
  return htmlTable(columns, analysis.steps, {
    id: 'steps',
    rowClass: (s) => (s.name === breaking ? 'status-fail' : ''),
    emptyText: 'No step had requests.',
  });
}
