// A small mergeable latency histogram with log-spaced buckets (2 % wide), so percentiles of any
// slice of a run (a window, a service, a minute) come from one structure whatever its length.
// The time series stores per-series quantiles, not samples: `addQuantiles` turns one series line
// back into mass at those quantiles (method and error bound in docs/analysis.md). Runs in: Node.
import { normalQuantile } from './normal-score.ts';

/** Bucket i holds values in [MIN_MS·GROWTH^i, MIN_MS·GROWTH^(i+1)); bucket 0 also holds smaller ones. */
const MIN_MS = 0.001;
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
const MAX_BUCKET = Math.ceil(Math.log(3_600_000 / MIN_MS) / LOG_GROWTH);
/** Sub-points per quantile segment when a line has many samples (bounds the cost per line). */
const POINTS_PER_SEGMENT = 6;

export function bucketOf(valueMs: number): number {
  if (!(valueMs > MIN_MS)) return 0;
  return Math.min(MAX_BUCKET, Math.floor(Math.log(valueMs / MIN_MS) / LOG_GROWTH));
}

function bucketLowMs(bucket: number): number {
  return MIN_MS * GROWTH ** bucket;
}

/** The quantiles one time-series trend line carries (ms). */
export interface QuantileLine {
  count: number;
  min: number;
  max: number;
  'p(50)'?: number;
  'p(90)'?: number;
  'p(95)'?: number;
  'p(99)'?: number;
  avg?: number;
}

/** Flat [bucket, count, …] pairs of raw samples, in bucket order (a time-series line's `hist`). */
export function latencyBucketPairs(samplesMs: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const v of samplesMs) {
    const b = bucketOf(v);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  const pairs: number[] = [];
  for (const key of [...counts.keys()].sort((a, b) => a - b)) pairs.push(key, counts.get(key)!);
  return pairs;
}

export class LatencyHistogram {
  /** bucket → mass (a count; fractional once spread from quantiles). */
  private readonly buckets = new Map<number, number>();
  private total = 0;
  private maxMs = 0;
  private minMs = Number.POSITIVE_INFINITY;

  get count(): number {
    return this.total;
  }

  add(valueMs: number, count = 1): void {
    if (!(count > 0) || !Number.isFinite(valueMs)) return;
    const b = bucketOf(valueMs);
    this.buckets.set(b, (this.buckets.get(b) ?? 0) + count);
    this.total += count;
    if (valueMs > this.maxMs) this.maxMs = valueMs;
    if (valueMs < this.minMs) this.minMs = valueMs;
  }

  /**
   * Adds one series line's samples back as mass. Its stored percentiles are nearest-rank (each one
   * IS a sample, of rank ⌈q·n⌉), so those samples go in exactly; the samples between two stored
   * ranks are interpolated on a normal-score scale in log-latency (exact for a log-normal line; see
   * docs/analysis.md for the error measured on mixtures).
   */
  addQuantiles(line: QuantileLine): void {
    const n = line.count;
    if (!(n > 0)) return;
    const knots = rankKnots(line, n);
    this.add(knots[0].valueMs);
    for (let s = 1; s < knots.length; s++) {
      const a = knots[s - 1];
      const b = knots[s];
      const between = b.rank - a.rank - 1;
      if (between <= POINTS_PER_SEGMENT) {
        for (let r = a.rank + 1; r < b.rank; r++) this.add(interpolate(a, b, r, n));
      } else {
        for (let i = 0; i < POINTS_PER_SEGMENT; i++) {
          const r = a.rank + 0.5 + ((i + 0.5) * between) / POINTS_PER_SEGMENT;
          this.add(interpolate(a, b, r, n), between / POINTS_PER_SEGMENT);
        }
      }
      this.add(b.valueMs);
    }
    // Keep the exact extremes the line recorded.
    if (line.max > this.maxMs) this.maxMs = line.max;
    if (line.min < this.minMs) this.minMs = line.min;
  }

  merge(other: LatencyHistogram): this {
    for (const [b, mass] of other.buckets) this.buckets.set(b, (this.buckets.get(b) ?? 0) + mass);
    this.total += other.total;
    if (other.maxMs > this.maxMs) this.maxMs = other.maxMs;
    if (other.minMs < this.minMs) this.minMs = other.minMs;
    return this;
  }

  /** The value below which a share `q` (0..1) of the mass lies, ms; null when empty. */
  quantile(q: number): number | null {
    if (this.total <= 0) return null;
    if (q >= 1) return this.maxMs;
    const target = q * this.total;
    const keys = [...this.buckets.keys()].sort((a, b) => a - b);
    let seen = 0;
    for (const key of keys) {
      const mass = this.buckets.get(key)!;
      if (seen + mass >= target) {
        // Linear within the bucket, clamped to the exact extremes seen.
        const low = bucketLowMs(key);
        const high = bucketLowMs(key + 1);
        const value = low + (high - low) * ((target - seen) / mass);
        return Math.min(this.maxMs, Math.max(this.minMs, value));
      }
      seen += mass;
    }
    return this.maxMs;
  }

  /**
   * The edges of the bucket holding the sample of mass `q` (0..1) of the total, clamped to the exact
   * extremes: where that sample surely is, whatever the interpolation inside the bucket says. Confidence
   * bounds read from ranks widen to these edges, so the histogram's 2 % never narrows them.
   */
  quantileBucket(q: number): { low: number; high: number } | null {
    if (this.total <= 0) return null;
    const target = Math.min(1, Math.max(0, q)) * this.total;
    let seen = 0;
    for (const key of [...this.buckets.keys()].sort((a, b) => a - b)) {
      seen += this.buckets.get(key)!;
      if (seen >= target)
        return {
          low: Math.max(this.minMs, Math.min(this.maxMs, bucketLowMs(key))),
          high: Math.min(this.maxMs, Math.max(this.minMs, bucketLowMs(key + 1))),
        };
    }
    return { low: this.maxMs, high: this.maxMs };
  }

  get max(): number | null {
    return this.total > 0 ? this.maxMs : null;
  }

  /** Adds flat [bucket, count, …] pairs (a time-series line's `hist`). */
  addBuckets(pairs: readonly number[], minMs: number, maxMs: number): void {
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const mass = pairs[i + 1];
      if (!(mass > 0)) continue;
      this.buckets.set(pairs[i], (this.buckets.get(pairs[i]) ?? 0) + mass);
      this.total += mass;
    }
    if (maxMs > this.maxMs) this.maxMs = maxMs;
    if (minMs < this.minMs) this.minMs = minMs;
  }

  /** Flat [bucket, count, …] pairs in bucket order: the form a time-series line stores. */
  toPairs(): number[] {
    const pairs: number[] = [];
    for (const key of [...this.buckets.keys()].sort((a, b) => a - b)) {
      const mass = this.buckets.get(key)!;
      pairs.push(key, Number.isInteger(mass) ? mass : Number(mass.toFixed(3)));
    }
    return pairs;
  }

  /** Compact form for JSON (bucket index → mass) and back. */
  toJSON(): Record<string, number> {
    return Object.fromEntries(this.buckets);
  }

  static merged(histograms: Iterable<LatencyHistogram>): LatencyHistogram {
    const out = new LatencyHistogram();
    for (const h of histograms) out.merge(h);
    return out;
  }
}

/** A stored percentile: the sample of rank 1..n it is, its normal score and its value in ms. */
interface Knot {
  rank: number;
  z: number;
  valueMs: number;
}

const scoreOf = (rank: number, n: number) => normalQuantile((rank - 0.5) / n);

/** min (rank 1), p50, p90, p95, p99 (rank ⌈q·n⌉) and max (rank n), distinct ranks, values ordered. */
function rankKnots(line: QuantileLine, n: number): Knot[] {
  const stored: [number, number | undefined][] = [
    [1, line.min],
    [Math.ceil(0.5 * n - 1e-9), line['p(50)']],
    [Math.ceil(0.9 * n - 1e-9), line['p(90)']],
    [Math.ceil(0.95 * n - 1e-9), line['p(95)']],
    [Math.ceil(0.99 * n - 1e-9), line['p(99)']],
    [n, line.max],
  ];
  const knots: Knot[] = [];
  for (const [rank, value] of stored) {
    if (value === undefined || !Number.isFinite(value)) continue;
    const last = knots[knots.length - 1];
    // Quantiles never decrease; repair rounding so segments stay ordered.
    const valueMs = last ? Math.max(last.valueMs, value) : value;
    if (last && rank <= last.rank) {
      last.valueMs = valueMs;
      continue;
    }
    knots.push({ rank: Math.max(1, rank), z: scoreOf(Math.max(1, rank), n), valueMs });
  }
  return knots;
}

/** The sample of (fractional) rank r between knots a and b: linear in (normal score, log value). */
function interpolate(a: Knot, b: Knot, rank: number, n: number): number {
  if (b.z <= a.z) return b.valueMs;
  const f = Math.min(1, Math.max(0, (scoreOf(rank, n) - a.z) / (b.z - a.z)));
  if (a.valueMs > 0 && b.valueMs > a.valueMs) return a.valueMs * (b.valueMs / a.valueMs) ** f;
  return a.valueMs + (b.valueMs - a.valueMs) * f;
}
