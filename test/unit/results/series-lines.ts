// Time-series line builders for the run-series tests: one helper per metric type, with k6's
// meaning of http_req_failed. Runs in: Node (tests).
import type { TimeSeriesLine } from '../../../src/results/timeseries-file.ts';

export const T0 = 1_700_000_000;

export type Tags = Record<string, string>;

/** k6 semantics: a "pass" of http_req_failed is a request that failed. */
export const failedLine = (t: number, failed: number, ok: number, tags: Tags = {}): TimeSeriesLine => ({
  t,
  metric: 'http_req_failed',
  type: 'rate',
  tags,
  values: { rate: failed + ok > 0 ? failed / (failed + ok) : 0, passes: failed, fails: ok },
});

/** A trend line whose percentiles all sit at `ms` (so the rebuilt latency is exactly `ms`). */
export const durationLine = (t: number, count: number, ms: number, tags: Tags = {}): TimeSeriesLine => ({
  t,
  metric: 'http_req_duration',
  type: 'trend',
  tags,
  values: { count, avg: ms, min: ms, max: ms, 'p(50)': ms, 'p(90)': ms, 'p(95)': ms, 'p(99)': ms },
});

export const counterLine = (t: number, metric: string, count: number, tags: Tags = {}): TimeSeriesLine => ({
  t,
  metric,
  type: 'counter',
  tags,
  values: { count, rate: count },
});

export const gaugeLine = (t: number, metric: string, values: Record<string, number>): TimeSeriesLine => ({
  t,
  metric,
  type: 'gauge',
  tags: {},
  values,
});

export const trendLine = (t: number, metric: string, values: Record<string, number>): TimeSeriesLine => ({
  t,
  metric,
  type: 'trend',
  tags: {},
  values,
});
