// k6 metrics as Prometheus series, named exactly as k6's experimental-prometheus-rw output names
// them, so one Grafana dashboard reads runs of real k6 and of the local runner alike:
//   counter → k6_<name>_total, rate → k6_<name>_rate (the pass fraction), gauge → k6_<name>,
//   trend → one gauge per K6_PROMETHEUS_RW_TREND_STATS entry, k6_<name>_<stat> with p(99) → p99,
//   p(99.9) → p999; time trends in seconds (k6 records ms; Prometheus's base unit is the second).
// Labels are the sample's tags; empty values are left out as k6 leaves them out.
// Runs in: Node (runner main thread; the dashboard tests).
import { percentileOf } from '../../metrics/hdr-units.ts';
import type { MetricType, Tags, ValueContains } from '../../metrics/types.ts';

export const METRIC_PREFIX = 'k6_';
export const NAME_LABEL = '__name__';

/** One entry of K6_PROMETHEUS_RW_TREND_STATS: the k6 stat and the suffix of its series name. */
export interface TrendStat {
  stat: string;
  suffix: string;
}

const PLAIN_TREND_STATS = ['count', 'sum', 'min', 'max', 'avg', 'med'];

/** `p(99)` → `p99`, `p(99.9)` → `p999` (k6 drops the parentheses and the dot); others as they are. */
export function trendStatSuffix(stat: string): string {
  return stat.startsWith('p(') ? `p${stat.slice(2, -1).replace('.', '')}` : stat;
}

/** A comma-separated stats list as k6 takes it; problems name each entry it would reject. */
export function parseTrendStats(text: string): { stats: TrendStat[]; problems: string[] } {
  const stats: TrendStat[] = [];
  const problems: string[] = [];
  for (const raw of text.split(',')) {
    const stat = raw.trim();
    if (!PLAIN_TREND_STATS.includes(stat) && percentileOf(stat) === undefined) {
      problems.push(
        `unknown trend stat "${stat}" (expected a comma-separated list of count, sum, min, max, avg, med, p(N) with 0 ≤ N ≤ 100)`,
      );
      continue;
    }
    if (!stats.some((s) => s.stat === stat)) stats.push({ stat, suffix: trendStatSuffix(stat) });
  }
  return { stats, problems };
}

/** Every series name a metric of `type` produces, in stats order. */
export function seriesNames(metric: string, type: MetricType, trendStats: readonly TrendStat[]): string[] {
  const base = METRIC_PREFIX + metric;
  switch (type) {
    case 'counter':
      return [`${base}_total`];
    case 'rate':
      return [`${base}_rate`];
    case 'gauge':
      return [base];
    case 'trend':
      return trendStats.map((s) => `${base}_${s.suffix}`);
  }
}

/**
 * A trend stat in Prometheus's base unit: time values ms → s. `count` stays a count (k6 scales it
 * too, as if it were a time; a count in thousands helps no query, so here it is left alone).
 */
export function inBaseUnit(contains: ValueContains, stat: string, value: number): number {
  return contains === 'time' && stat !== 'count' ? value / 1000 : value;
}

/** Prometheus label names are [a-zA-Z_][a-zA-Z0-9_]*: one other character would reject the whole push. */
function labelName(tag: string): string {
  const name = tag.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/**
 * Label pairs of a series, sorted by name as the remote-write spec requires, without `__name__`
 * (the caller adds it per series name). Tags win over static labels of the same name.
 */
export function seriesLabels(tags: Tags, staticLabels: Readonly<Record<string, string>>): [string, string][] {
  const labels = new Map<string, string>();
  for (const [name, value] of Object.entries(staticLabels)) labels.set(labelName(name), value);
  for (const [tag, value] of Object.entries(tags)) {
    if (tag === '' || value === '' || tag === NAME_LABEL) continue;
    labels.set(labelName(tag), value);
  }
  return [...labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Label pairs with `__name__` inserted at its sorted place. */
export function withName(name: string, labels: readonly [string, string][]): [string, string][] {
  const all: [string, string][] = [[NAME_LABEL, name], ...labels];
  return all.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
