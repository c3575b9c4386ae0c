// The stats both trend sinks derive from count/sum/min/max and a percentile function, so the
// whole-test and the per-second trend report the same names with the same semantics.
// Runs in: Node (runner main thread and VU worker threads).
import { percentileOf } from './hdr-units.ts';

interface TrendState {
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  /** 0..100; 0 when empty, the only value when there is one (k6). */
  percentile(pct: number): number;
}

/** avg, min, max, count, med, p(N); undefined for anything else. */
export function trendValue(state: TrendState, stat: string): number | undefined {
  switch (stat) {
    case 'avg':
      return state.count > 0 ? state.sum / state.count : 0;
    case 'min':
      return state.min;
    case 'max':
      return state.max;
    case 'count':
      return state.count;
  }
  const pct = percentileOf(stat);
  return pct === undefined ? undefined : state.percentile(pct);
}

/** Values of a trend time-series line. */
export function trendSeriesValues(state: TrendState): Record<string, number> {
  return {
    count: state.count,
    avg: state.count > 0 ? state.sum / state.count : 0,
    min: state.min,
    max: state.max,
    'p(50)': state.percentile(50),
    'p(90)': state.percentile(90),
    'p(95)': state.percentile(95),
    'p(99)': state.percentile(99),
  };
}

/** The exact aggregates a trend sink keeps beside its histogram (ms). */
interface ExactTrendStats {
  count: number;
  sum: number;
  min: number;
  max: number;
}

/**
 * Merges another sink's exact aggregates (a worker's delta) into `into`, shared by both trend sinks;
 * the caller merges the histogram part itself.
 */
export function mergeExactStats(into: ExactTrendStats, delta: ExactTrendStats): void {
  if (delta.count === 0) return;
  if (into.count === 0 || delta.min < into.min) into.min = delta.min;
  if (into.count === 0 || delta.max > into.max) into.max = delta.max;
  into.count += delta.count;
  into.sum += delta.sum;
}
