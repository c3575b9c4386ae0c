// Error rate, percentiles and throughput of any slice of a run series (a window, a phase, a step),
// overall and per service or operation. Runs in: Node.
import { LatencyHistogram } from './latency-histogram.ts';
import type { BreakdownRow, SeriesPoint, SliceStats } from './types.ts';

/** Points whose span starts in [fromMs, toMs) (Unix ms); the whole series without bounds. */
export function pointsIn(
  points: readonly SeriesPoint[],
  fromMs = Number.NEGATIVE_INFINITY,
  toMs = Number.POSITIVE_INFINITY,
): SeriesPoint[] {
  return points.filter((p) => p.t * 1000 >= fromMs && p.t * 1000 < toMs);
}

/** Seconds covered by a slice: its bounds when given, else the points' own spans. */
function spanSeconds(points: readonly SeriesPoint[], fromMs?: number, toMs?: number): number {
  if (fromMs !== undefined && toMs !== undefined && Number.isFinite(fromMs) && Number.isFinite(toMs))
    return Math.max(0, (toMs - fromMs) / 1000);
  if (points.length === 0) return 0;
  const first = points[0];
  const last = points[points.length - 1];
  return last.t + last.spanS - first.t;
}

/** Figures of a slice from its counts, merged latency and length. */
export function statsOf(
  requests: number,
  failed: number,
  latency: LatencyHistogram,
  seconds: number,
): SliceStats {
  return {
    requests,
    failed,
    errorRate: requests > 0 ? failed / requests : null,
    p50Ms: latency.quantile(0.5),
    p95Ms: latency.quantile(0.95),
    p99Ms: latency.quantile(0.99),
    rps: seconds > 0 ? requests / seconds : 0,
  };
}

/** Figures of every request in [fromMs, toMs) (Unix ms), or of the whole series. */
export function sliceStats(points: readonly SeriesPoint[], fromMs?: number, toMs?: number): SliceStats {
  const slice = pointsIn(points, fromMs, toMs);
  let requests = 0;
  let failed = 0;
  const latency = new LatencyHistogram();
  for (const p of slice) {
    requests += p.requests;
    failed += p.failed;
    latency.merge(p.latency);
  }
  return statsOf(requests, failed, latency, spanSeconds(slice, fromMs, toMs));
}

/** One row per service or operation tag value in [fromMs, toMs), sorted by name. */
export function breakdown(
  points: readonly SeriesPoint[],
  by: 'byService' | 'byOperation',
  fromMs?: number,
  toMs?: number,
): BreakdownRow[] {
  const slice = pointsIn(points, fromMs, toMs);
  const acc = new Map<string, { requests: number; failed: number; latency: LatencyHistogram }>();
  for (const p of slice) {
    for (const [name, group] of Object.entries(p[by])) {
      let a = acc.get(name);
      if (!a) {
        a = { requests: 0, failed: 0, latency: new LatencyHistogram() };
        acc.set(name, a);
      }
      a.requests += group.requests;
      a.failed += group.failed;
      a.latency.merge(group.latency);
    }
  }
  const seconds = spanSeconds(slice, fromMs, toMs);
  return [...acc.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, a]) => ({ name, ...statsOf(a.requests, a.failed, a.latency, seconds) }));
}

/** The row with the highest error rate, then the highest p95; undefined without rows. */
export function worstRow(rows: readonly BreakdownRow[]): BreakdownRow | undefined {
  let worst: BreakdownRow | undefined;
  for (const row of rows) {
    if (row.requests === 0) continue;
    if (
      !worst ||
      (row.errorRate ?? 0) > (worst.errorRate ?? 0) ||
      ((row.errorRate ?? 0) === (worst.errorRate ?? 0) && (row.p95Ms ?? 0) > (worst.p95Ms ?? 0))
    )
      worst = row;
  }
  return worst;
}
