// This run's overall figures next to a baseline run's, with the change marked better or worse, so
// a regression stands out without opening two reports. Runs in: Node.
import type { SliceStats } from '../types.ts';
import { escapeHtml } from './escape-html.ts';
import { formatChange, formatCount, formatMs, formatPercent, formatRate } from '../format-values.ts';
import { type Column, htmlTable } from './html-table.ts';

export interface Baseline {
  runId: string;
  overall: SliceStats;
}

interface MetricRow {
  label: string;
  current: number | null;
  baseline: number | null;
  format: (v: number | null) => string;
  /** Whether a higher value is the better one (throughput) or the worse one (latency, errors). */
  higherIsBetter: boolean;
  /** Error rates change in percentage points; everything else relatively. */
  absolute?: boolean;
}

function changeCell(row: MetricRow): string {
  const { current, baseline } = row;
  if (current === null || baseline === null) return '—';
  const diff = current - baseline;
  let text: string;
  if (row.absolute) text = formatChange(diff * 100, 'ratio');
  else if (baseline === 0) text = diff === 0 ? '±0 %' : 'new';
  else text = formatChange(diff / baseline);
  if (diff === 0) return escapeHtml(text);
  const better = diff > 0 === row.higherIsBetter;
  return `<span class="${better ? 'better' : 'worse'}">${escapeHtml(text)}</span>`;
}

export function baselineTable(current: SliceStats, baseline: Baseline): string {
  const rows: MetricRow[] = [
    {
      label: 'p50',
      current: current.p50Ms,
      baseline: baseline.overall.p50Ms,
      format: formatMs,
      higherIsBetter: false,
    },
    {
      label: 'p95',
      current: current.p95Ms,
      baseline: baseline.overall.p95Ms,
      format: formatMs,
      higherIsBetter: false,
    },
    {
      label: 'p99',
      current: current.p99Ms,
      baseline: baseline.overall.p99Ms,
      format: formatMs,
      higherIsBetter: false,
    },
    {
      label: 'Error rate',
      current: current.errorRate,
      baseline: baseline.overall.errorRate,
      format: formatPercent,
      higherIsBetter: false,
      absolute: true,
    },
    {
      label: 'Throughput',
      current: current.rps,
      baseline: baseline.overall.rps,
      format: formatRate,
      higherIsBetter: true,
    },
    {
      label: 'Requests',
      current: current.requests,
      baseline: baseline.overall.requests,
      format: formatCount,
      higherIsBetter: true,
    },
  ];
  const columns: Column<MetricRow>[] = [
    { header: 'Metric', cell: (r) => escapeHtml(r.label) },
    { header: 'This run', numeric: true, cell: (r) => escapeHtml(r.format(r.current)) },
    { header: `Baseline ${baseline.runId}`, numeric: true, cell: (r) => escapeHtml(r.format(r.baseline)) },
    { header: 'Change', numeric: true, cell: changeCell },
  ];
  return htmlTable(columns, rows, { id: 'baseline' });
}
