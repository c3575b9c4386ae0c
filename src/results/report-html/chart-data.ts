// Time-series arrays the report charts draw, downsampled so a 24 h soak (86,400 one-second points)
// still opens in a blink: points fall into equal time buckets, counts add up, latency histograms
// merge (so p95 of a bucket is a true p95, not an average of p95s). Runs in: Node.
import { LatencyHistogram } from '../latency-histogram.ts';
import type { RunSeries, SeriesPoint } from '../types.ts';

/** Column arrays, one entry per bucket, in time order; null where a bucket has no data. */
export interface ChartData {
  /** Bucket start, Unix seconds. */
  t: number[];
  /** Seconds each bucket covers (the last one may cover fewer). */
  bucketS: number;
  /** Completed requests per second over the bucket. */
  rps: number[];
  /** Highest VU count seen in the bucket. */
  vus: (number | null)[];
  p50: (number | null)[];
  p95: (number | null)[];
  /** Latency percentiles, ms. */
  p99: (number | null)[];
  /** failed / requests, 0..1. */
  errorRate: (number | null)[];
}

interface Bucket {
  requests: number;
  failed: number;
  vus: number | null;
  latency: LatencyHistogram;
}

/** Buckets `series` into at most `maxPoints` points of equal width (whole seconds). */
export function chartDataOf(series: RunSeries, maxPoints = 2000): ChartData {
  const points = series.points;
  const out: ChartData = { t: [], bucketS: 1, rps: [], vus: [], p50: [], p95: [], p99: [], errorRate: [] };
  if (points.length === 0) return out;
  const startS = points[0].t;
  // A loop, not Math.max(...points): a 24 h series is too many arguments for one call.
  let endS = startS;
  let widestSpanS = 1;
  for (const p of points) {
    endS = Math.max(endS, p.t + p.spanS);
    widestSpanS = Math.max(widestSpanS, p.spanS);
  }
  // Never narrower than a coarsened point, or its buckets would alternate between full and empty.
  const bucketS = Math.max(widestSpanS, Math.ceil((endS - startS) / Math.max(1, maxPoints)));
  const count = Math.ceil((endS - startS) / bucketS);
  const buckets = bucketsOf(points, startS, bucketS, count);
  out.bucketS = bucketS;
  for (let i = 0; i < count; i++) {
    const fromS = startS + i * bucketS;
    const coveredS = Math.min(bucketS, endS - fromS);
    const b = buckets[i];
    out.t.push(fromS);
    out.rps.push(b ? b.requests / coveredS : 0);
    out.vus.push(b?.vus ?? null);
    out.p50.push(b ? b.latency.quantile(0.5) : null);
    out.p95.push(b ? b.latency.quantile(0.95) : null);
    out.p99.push(b ? b.latency.quantile(0.99) : null);
    out.errorRate.push(b && b.requests > 0 ? b.failed / b.requests : null);
  }
  return out;
}

function bucketsOf(
  points: readonly SeriesPoint[],
  startS: number,
  bucketS: number,
  count: number,
): (Bucket | undefined)[] {
  const buckets: (Bucket | undefined)[] = new Array(count);
  for (const p of points) {
    const i = Math.min(count - 1, Math.floor((p.t - startS) / bucketS));
    let b = buckets[i];
    if (!b) {
      b = { requests: 0, failed: 0, vus: null, latency: new LatencyHistogram() };
      buckets[i] = b;
    }
    b.requests += p.requests;
    b.failed += p.failed;
    if (p.vus !== null && (b.vus === null || p.vus > b.vus)) b.vus = p.vus;
    b.latency.merge(p.latency);
  }
  return buckets;
}
