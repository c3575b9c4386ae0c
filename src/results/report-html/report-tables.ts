// The criteria table (every criterion with its limit, observed value, status and source; a
// not-measured one says why), the per-service / per-operation breakdown tables and the per-service
// resources table of report.html. Runs in: Node.
import type {
  BreakdownRow,
  CriterionResult,
  CriterionStatus,
  ResourceAnalysis,
  ServiceResources,
} from '../types.ts';
import { escapeHtml } from './escape-html.ts';
import {
  formatCount,
  formatLimit,
  formatMs,
  formatPercent,
  formatRate,
  formatValue,
  NO_VALUE,
} from '../format-values.ts';
import { type Column, htmlTable } from './html-table.ts';

const STATUS_TEXT: Record<CriterionStatus, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  inconclusive: 'INCONCLUSIVE',
  'not-measured': 'NOT MEASURED',
  reported: 'REPORTED',
};

export function statusBadge(status: CriterionStatus): string {
  return `<span class="badge ${status}">${STATUS_TEXT[status]}</span>`;
}

const criteriaColumns: Column<CriterionResult>[] = [
  { header: 'Criterion', cell: (c) => `<code>${escapeHtml(c.id)}</code>` },
  { header: 'Description', cell: (c) => escapeHtml(c.description) },
  { header: 'Limit', cell: (c) => `<code>${escapeHtml(formatLimit(c.limit, c.unit))}</code>` },
  {
    header: 'Observed',
    numeric: true,
    cell: (c) => (c.status === 'not-measured' ? '—' : escapeHtml(formatValue(c.observed, c.unit))),
  },
  {
    header: 'Status',
    cell: (c) => {
      const why = c.inconclusive ?? c.notMeasured;
      return statusBadge(c.status) + (why ? `<div class="subtle">${escapeHtml(why)}</div>` : '');
    },
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

const share = (value: number | null) => escapeHtml(value === null ? NO_VALUE : formatPercent(value));

const resourceColumns: Column<ServiceResources>[] = [
  { header: 'Service', cell: (r) => `<code>${escapeHtml(r.name)}</code>` },
  { header: 'CPU of requests, peak', numeric: true, cell: (r) => share(r.cpuOfRequestsPeak) },
  { header: 'CPU of requests, mean', numeric: true, cell: (r) => share(r.cpuOfRequestsMean) },
  { header: 'Memory of limits, peak', numeric: true, cell: (r) => share(r.memoryOfLimitsPeak) },
  {
    header: 'Memory trend',
    numeric: true,
    cell: (r) => escapeHtml(formatValue(r.memoryOfLimitsSlopePerHour, 'ratio/h')),
  },
];

/** Per service CPU and memory from Prometheus, with the query's window; or why there are none. */
export function resourcesTable(resources: ResourceAnalysis): string {
  if (!resources.measured)
    return `<p class="empty">${escapeHtml(`Not measured: ${resources.notMeasured ?? 'no data'}.`)}</p>`;
  const note = `<p class="subtle">Namespace <code>${escapeHtml(resources.namespace)}</code>; CPU rate over ${escapeHtml(resources.rateWindowS)} s, a point every ${escapeHtml(resources.stepS)} s; memory trend per scaled hour after the warm-up.</p>`;
  return (
    note +
    htmlTable(resourceColumns, resources.services, {
      id: 'resources',
      emptyText: 'Prometheus returned no series for the services.',
    })
  );
}
