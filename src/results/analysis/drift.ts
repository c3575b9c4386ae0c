// Soak drift: Theil–Sen slopes of per-bucket p95, error rate and replica memory against time.
// Buckets are a minute and an hour is an hour at full scale; both shrink with LOAD_SCALE so a
// scaled run is judged on the same shape (docs/analysis.md). Runs in: Node.
import { LatencyHistogram } from '../latency-histogram.ts';
import type { DriftAnalysis, RunSeries } from '../types.ts';
import type { AnalysisContext } from './context.ts';
import { overlapsLag } from './generator-lag.ts';
import { DRIFT_BUCKET_FLOOR_MS, DRIFT_BUCKET_MS, MIN_DRIFT_BUCKETS, scaledMs } from './limits.ts';
import { median, theilSenSlope } from './theil-sen.ts';

const HOUR_MS = 3_600_000;

export interface DriftFindings {
  drift: DriftAnalysis;
  /** Buckets with requests, and how many of them were left out because the generator lagged. */
  buckets: number;
  laggedBuckets: number;
  /** The replica whose memory grew fastest relative to its median, when memory was recorded. */
  memory: { replica: string; medianBytes: number } | null;
}

interface Bucket {
  requests: number;
  failed: number;
  latency: LatencyHistogram;
}

export function analyzeDrift(series: RunSeries, ctx: AnalysisContext): DriftFindings {
  const bucketMs = scaledMs(DRIFT_BUCKET_MS, ctx.loadScale, DRIFT_BUCKET_FLOOR_MS);
  const hourMs = HOUR_MS * ctx.loadScale;
  const indexOf = (tS: number) => Math.floor((tS * 1000 - ctx.runStartMs) / bucketMs);
  // x of bucket i: its midpoint in (scaled) hours from the run start.
  const hoursOf = (i: number) => ((i + 0.5) * bucketMs) / hourMs;

  const buckets = new Map<number, Bucket>();
  for (const p of series.points) {
    const i = indexOf(p.t);
    if (i < 0 || p.requests <= 0) continue;
    const b = buckets.get(i) ?? { requests: 0, failed: 0, latency: new LatencyHistogram() };
    buckets.set(i, b);
    b.requests += p.requests;
    b.failed += p.failed;
    b.latency.merge(p.latency);
  }
  const kept = [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .filter(
      ([i]) => !overlapsLag(ctx.lag, ctx.runStartMs + i * bucketMs, ctx.runStartMs + (i + 1) * bucketMs),
    );
  const enough = kept.length >= MIN_DRIFT_BUCKETS;
  const xs = kept.map(([i]) => hoursOf(i));
  const p95s = kept.map(([, b]) => b.latency.quantile(0.95) ?? 0);
  const errorRates = kept.map(([, b]) => b.failed / b.requests);
  const memory = memorySlope(series, indexOf, hoursOf);
  return {
    drift: {
      p95SlopeMsPerHour: enough ? theilSenSlope(xs, p95s) : null,
      errorRateSlopePerHour: enough ? theilSenSlope(xs, errorRates) : null,
      memorySlopeBytesPerHour: memory?.slope ?? null,
      minutes: kept.length,
    },
    buckets: buckets.size,
    laggedBuckets: buckets.size - kept.length,
    memory: memory && { replica: memory.replica, medianBytes: memory.medianBytes },
  };
}

/** Per replica: mean bytes per bucket, slope over them; the replica growing fastest per its median. */
function memorySlope(
  series: RunSeries,
  indexOf: (tS: number) => number,
  hoursOf: (i: number) => number,
): { replica: string; slope: number; medianBytes: number } | null {
  const perReplica = new Map<string, Map<number, { sum: number; n: number }>>();
  for (const sample of series.targetMemory ?? []) {
    const i = indexOf(sample.t);
    if (i < 0) continue;
    const byBucket = perReplica.get(sample.replica) ?? new Map<number, { sum: number; n: number }>();
    perReplica.set(sample.replica, byBucket);
    const cell = byBucket.get(i) ?? { sum: 0, n: 0 };
    byBucket.set(i, { sum: cell.sum + sample.bytes, n: cell.n + 1 });
  }
  let worst: { replica: string; slope: number; medianBytes: number } | null = null;
  for (const [replica, byBucket] of [...perReplica.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (byBucket.size < MIN_DRIFT_BUCKETS) continue;
    const cells = [...byBucket.entries()].sort(([a], [b]) => a - b);
    const means = cells.map(([, c]) => c.sum / c.n);
    const slope = theilSenSlope(
      cells.map(([i]) => hoursOf(i)),
      means,
    );
    const medianBytes = median(means) ?? 0;
    if (slope === null || medianBytes <= 0) continue;
    if (!worst || slope / medianBytes > worst.slope / worst.medianBytes)
      worst = { replica, slope, medianBytes };
  }
  return worst;
}
