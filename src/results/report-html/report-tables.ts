// The criteria table (every criterion with its limit, observed value, status and source) and the
// per-service / per-operation breakdown tables of report.html. Runs in: Node.
import type { BreakdownRow, CriterionResult, CriterionStatus } from '../types.ts';
import { escapeHtml } from './escape-html.ts';
import {
  formatCount,
  formatLimit,
  formatMs,
  formatPercent,
  formatRate,
  formatValue,
} from '../format-values.ts';
import { type Column, htmlTable } from './html-table.ts';

const STATUS_TEXT: Record<CriterionStatus, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  inconclusive: 'INCONCLUSIVE',
};

export function statusBadge(status: CriterionStatus): string {
  return `<span class="badge ${status}">${STATUS_TEXT[status]}</span>`;
}

const criteriaColumns: Column<CriterionResult>[] = [
  { header: 'Criterion', cell: (c) => `<code>${escapeHtml(c.id)}</code>` },
  { header: 'Description', cell: (c) => escapeHtml(c.description) },
  { header: 'Limit', cell: (c) => `<code>${escapeHtml(formatLimit(c.limit, c.unit))}</code>` },
  { header: 'Observed', numeric: true, cell: (c) => escapeHtml(formatValue(c.observed, c.unit)) },
  {
    header: 'Status',
    cell: (c) =>
      statusBadge(c.status) +
      (c.inconclusive ? `<div class="subtle">${escapeHtml(c.inconclusive)}</div>` : ''),
  },
  { header: 'Source', cell: (c) => escapeHtml(c.source) },
];

export function criteriaTable(criteria: readonly CriterionResult[]): string {
  return htmlTable(criteriaColumns, criteria, {
    id: 'criteria',
    rowClass: (c) => `status-${c.status}`,
    emptyText: 'This profile has no pass criteria.',
  });
}

function breakdownColumns(nameHeader: string): Column<BreakdownRow>[] {
  return [
    { header: nameHeader, cell: (r) => `<code>${escapeHtml(r.name)}</code>` },
    { header: 'Requests', numeric: true, cell: (r) => escapeHtml(formatCount(r.requests)) },
    { header: 'Req/s', numeric: true, cell: (r) => escapeHtml(formatRate(r.rps)) },
    {
      header: 'Errors',
      numeric: true,
      cell: (r) => {
        const text = escapeHtml(formatPercent(r.errorRate));
        return (r.errorRate ?? 0) > 0 ? `<span class="worse">${text}</span>` : text;
      },
    },
    { header: 'p50', numeric: true, cell: (r) => escapeHtml(formatMs(r.p50Ms)) },
    { header: 'p95', numeric: true, cell: (r) => escapeHtml(formatMs(r.p95Ms)) },
    { header: 'p99', numeric: true, cell: (r) => escapeHtml(formatMs(r.p99Ms)) },
  ];
}

export function breakdownTable(rows: readonly BreakdownRow[], kind: 'service' | 'operation'): string {
  return htmlTable(breakdownColumns(kind === 'service' ? 'Service' : 'Operation'), rows, {
    id: kind === 'service' ? 'services' : 'operations',
    emptyText: `No requests were tagged with a ${kind}.`,
  });
}
