// How the gate reports show numbers: values in their unit (`12.3 ms`, `0.40 %`, `45.1 req/s`) and
// changes from the baseline (`+12.3 %`, `+0.4 pt`). Runs in: Node.
import type { GateCheck } from './types.ts';

const significant = (value: number, digits = 3) => String(Number(value.toPrecision(digits)));

export function formatValue(value: number | null, unit: GateCheck['unit']): string {
  if (value === null) return '—';
  if (unit === 'ms') return `${significant(value)} ms`;
  if (unit === 'ratio') return `${(value * 100).toFixed(2)} %`;
  if (unit === 'rps') return `${significant(value)} req/s`;
  if (unit === 'count') return String(Math.round(value));
  return unit ? `${significant(value)} ${unit}` : significant(value);
}

/** Shares for ms and req/s, percentage points for ratios; '—' without a baseline. */
export function formatChange(change: number | null, unit: GateCheck['unit']): string {
  if (change === null) return '—';
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  const size = Math.abs(change);
  return unit === 'ratio' ? `${sign}${size.toFixed(2)} pt` : `${sign}${(size * 100).toFixed(1)} %`;
}

/** `observed 24.1 ms vs limit ≤ 22 ms`: the failure line of a check. */
export function describeFailure(check: GateCheck): string {
  return `observed ${formatValue(check.observed, check.unit)} vs limit ${check.limit}`;
}
