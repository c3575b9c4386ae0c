// Builds exactly k6's handleSummary(data) object (k6 internal/js/summary.go summarizeMetricsToObject):
// root_group, options, state, metrics (incl. sub-metric keys, with threshold ok flags), setup_data.
// Runs in: Node (runner main thread).
import type { MetricRegistry } from '../metrics/registry.ts';
import { percentileOf } from '../metrics/trend-sink.ts';
import type { MetricType, ValueContains } from '../metrics/types.ts';
import type { ThresholdResult } from '../thresholds/evaluate-thresholds.ts';

/** A group of the script (root: name '', path '', id of ''), with its checks in first-seen order. */
export interface GroupNode {
  name: string;
  /** `::`-joined group names from the root, e.g. `::checkout::pay`. */
  path: string;
  /** md5 hex of the path, as k6. */
  id: string;
  groups: GroupNode[];
  checks: { name: string; path: string; id: string; passes: number; fails: number }[];
}

export interface SummaryMetric {
  type: MetricType;
  contains: ValueContains;
  /** counter {count, rate}; gauge {value, min, max}; rate {rate, passes, fails}; trend: summaryTrendStats keys (ms for time). */
  values: Record<string, number>;
  /** Expression → { ok }; only on metrics that have thresholds. */
  thresholds?: Record<string, { ok: boolean }>;
}

export interface SummaryData {
  root_group: GroupNode;
  options: { summaryTrendStats: string[]; summaryTimeUnit: string; noColor: boolean };
  state: { isStdOutTTY: boolean; isStdErrTTY: boolean; testRunDurationMs: number };
  metrics: Record<string, SummaryMetric>;
  setup_data: unknown;
}

interface SummaryInput {
  registry: MetricRegistry;
  thresholds: ThresholdResult[];
  rootGroup: GroupNode;
  options: { summaryTrendStats: string[]; summaryTimeUnit?: string; noColor: boolean };
  testRunDurationMs: number;
  setupData?: unknown;
  isStdOutTTY: boolean;
  isStdErrTTY: boolean;
}

/** Problems with a summaryTrendStats list (k6 accepts avg, min, med, max, count, p(N) with N in 0..100). */
export function validateTrendStats(stats: readonly string[]): string[] {
  const plain = new Set(['avg', 'min', 'med', 'max', 'count']);
  return stats
    .filter((s) => !plain.has(s) && percentileOf(s) === undefined)
    .map(
      (s) =>
        `summaryTrendStats: invalid stat (got "${s}", expected avg, min, med, max, count or p(N) with N in 0..100)`,
    );
}

const NON_TREND_STATS: Record<Exclude<MetricType, 'trend'>, readonly string[]> = {
  counter: ['count', 'rate'],
  gauge: ['value', 'min', 'max'],
  rate: ['rate', 'passes', 'fails'],
};

function statsFor(type: MetricType, trendStats: readonly string[], thresholds: ThresholdResult[]): string[] {
  if (type !== 'trend') return [...NON_TREND_STATS[type]];
  // Since k6 v1.0 a threshold's percentile is shown even when summaryTrendStats lacks it; we do the
  // same for any trend aggregation a threshold uses, so reports can always show the observed value.
  const extra = thresholds.map((r) => r.spec.aggregation).filter((a) => !trendStats.includes(a));
  return [...new Set([...trendStats, ...extra])];
}

export function buildSummaryData(input: SummaryInput): SummaryData {
  const { registry, testRunDurationMs } = input;
  const byKey = new Map<string, ThresholdResult[]>();
  for (const result of input.thresholds) {
    const key = registry.resolveKey(result.spec.metricKey) ?? result.spec.metricKey;
    byKey.set(key, [...(byKey.get(key) ?? []), result]);
  }
  const metrics: Record<string, SummaryMetric> = {};
  const keys = registry.metricNames().filter((k) => registry.isObserved(k) || byKey.has(k));
  for (const key of keys.sort()) {
    const aggregate = registry.get(key);
    if (aggregate === undefined) continue;
    const results = byKey.get(key) ?? [];
    const values: Record<string, number> = {};
    for (const stat of statsFor(aggregate.type, input.options.summaryTrendStats, results)) {
      const value = aggregate.value(stat, testRunDurationMs);
      if (value !== undefined) values[stat] = value;
    }
    const metric: SummaryMetric = { type: aggregate.type, contains: aggregate.contains, values };
    if (results.length > 0)
      metric.thresholds = Object.fromEntries(results.map((r) => [r.spec.expression, { ok: r.ok }]));
    metrics[key] = metric;
  }
  return {
    root_group: input.rootGroup,
    options: {
      summaryTrendStats: [...input.options.summaryTrendStats],
      summaryTimeUnit: input.options.summaryTimeUnit ?? '',
      noColor: input.options.noColor,
    },
    state: { isStdOutTTY: input.isStdOutTTY, isStdErrTTY: input.isStdErrTTY, testRunDurationMs },
    metrics,
    setup_data: input.setupData,
  };
}
