// Turns the summary's metrics into text-summary rows: k6's sections (CUSTOM, HTTP, EXECUTION,
// NETWORK), sub-metrics indented under their parent, values humanized per metric kind.
// Runs in: Node (runner main thread).
import { humanizeRate, humanizeValue, trimFixed } from './humanize.ts';
import type { SummaryMetric } from './summary-data.ts';
import type { TableRow } from './text-table.ts';

export const SECTION_ORDER = ['CUSTOM', 'HTTP', 'EXECUTION', 'NETWORK'] as const;
type Section = (typeof SECTION_ORDER)[number];

const EXECUTION = new Set([
  'iterations',
  'iteration_duration',
  'vus',
  'vus_max',
  'dropped_iterations',
  'group_duration',
]);
const NETWORK = new Set(['data_sent', 'data_received']);

export const baseName = (key: string): string => key.split('{', 1)[0]!;

/** Section of a metric key; undefined for `checks`, which has its own block. */
export function sectionOf(key: string): Section | undefined {
  const name = baseName(key);
  if (name === 'checks') return undefined;
  if (name.startsWith('http_')) return 'HTTP';
  if (EXECUTION.has(name)) return 'EXECUTION';
  if (NETWORK.has(name)) return 'NETWORK';
  return 'CUSTOM';
}

/** Parents sorted by name, each followed by its sub-metrics. */
export function orderKeys(keys: string[]): string[] {
  return [...keys].sort((a, b) => {
    const [pa, pb] = [baseName(a), baseName(b)];
    if (pa !== pb) return pa < pb ? -1 : 1;
    if (a.length === pa.length || b.length === pb.length) return a.length - b.length;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/** Display name: a sub-metric under its listed parent shows only `{ tags }`. */
export function displayName(key: string, parentListed: boolean): { name: string; depth: number } {
  const parent = baseName(key);
  if (key === parent || !parentListed) return { name: key, depth: 0 };
  return { name: `{ ${key.slice(parent.length + 1, -1)} }`, depth: 1 };
}

export function formatValue(metric: SummaryMetric, stat: string, value: number, timeUnit: string): string {
  if (stat === 'count' && metric.type === 'trend') return String(value);
  if (metric.type === 'counter' && stat === 'rate') return `${humanizeValue(value, metric, timeUnit)}/s`;
  return humanizeValue(value, metric, timeUnit);
}

export function rowFor(
  key: string,
  metric: SummaryMetric,
  depth: number,
  name: string,
  timeUnit: string,
): TableRow {
  const v = metric.values;
  const fmt = (stat: string) => formatValue(metric, stat, v[stat] ?? 0, timeUnit);
  switch (metric.type) {
    case 'trend':
      return { name, depth, kind: 'trend', cells: Object.keys(v).map((stat) => `${stat}=${fmt(stat)}`) };
    case 'counter':
      return { name, depth, kind: 'plain', cells: [fmt('count'), fmt('rate')] };
    case 'gauge':
      return { name, depth, kind: 'plain', cells: [fmt('value'), `min=${fmt('min')}`, `max=${fmt('max')}`] };
    case 'rate': {
      const total = (v.passes ?? 0) + (v.fails ?? 0);
      return {
        name,
        depth,
        kind: 'plain',
        cells: [humanizeRate(v.rate ?? 0), `${v.passes ?? 0} out of ${total}`],
      };
    }
  }
  throw new TypeError(`unknown metric type of ${key}`);
}

/** k6's derived check counters (display only): checks_total, checks_succeeded, checks_failed. */
export function checkRows(checks: SummaryMetric, testRunDurationMs: number): TableRow[] {
  const passes = checks.values.passes ?? 0;
  const fails = checks.values.fails ?? 0;
  const total = passes + fails;
  const perSecond = testRunDurationMs > 0 ? total / (testRunDurationMs / 1000) : 0;
  return [
    { name: 'checks_total', depth: 0, kind: 'plain', cells: [String(total), `${trimFixed(perSecond, 6)}/s`] },
    {
      name: 'checks_succeeded',
      depth: 0,
      kind: 'plain',
      cells: [humanizeRate(total ? passes / total : 0), `${passes} out of ${total}`],
    },
    {
      name: 'checks_failed',
      depth: 0,
      kind: 'plain',
      cells: [humanizeRate(total ? fails / total : 0), `${fails} out of ${total}`],
    },
  ];
}
