// A small mergeable latency histogram with log-spaced buckets (2 % wide), so percentiles of any
// slice of a run (a window, a service, a minute) come from one structure whatever its length.
// The time series stores per-series quantiles, not samples: `addQuantiles` turns one series line
// back into mass at those quantiles (method and error bound in docs/analysis.md). Runs in: Node.

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
   * Adds one series line's samples as mass at its quantiles: the line's distribution is taken as
   * piecewise linear through (min, 0), (p50, .5), (p90, .9), (p95, .95), (p99, .99), (max, 1).
   */
  addQuantiles(line: QuantileLine): void {
    const n = line.count;
    if (!(n > 0)) return;
    const knots = quantileKnots(line);
    if (n <= 20) {
      // Few samples: the k-th sample sits near quantile (k − ½)/n.
      for (let k = 0; k < n; k++) this.add(valueAt(knots, (k + 0.5) / n));
      return;
    }
    for (let s = 1; s < knots.length; s++) {
      const [q0, v0] = knots[s - 1];
      const [q1, v1] = knots[s];
      const mass = (q1 - q0) * n;
      if (mass <= 0) continue;
      for (let i = 0; i < POINTS_PER_SEGMENT; i++) {
        const f = (i + 0.5) / POINTS_PER_SEGMENT;
        this.add(v0 + (v1 - v0) * f, mass / POINTS_PER_SEGMENT);
      }
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

  get max(): number | null {
    return this.total > 0 ? this.maxMs : null;
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

type Knot = [quantile: number, valueMs: number];

function quantileKnots(line: QuantileLine): Knot[] {
  const raw: Knot[] = [
    [0, line.min],
    [0.5, line['p(50)'] ?? Number.NaN],
    [0.9, line['p(90)'] ?? Number.NaN],
    [0.95, line['p(95)'] ?? Number.NaN],
    [0.99, line['p(99)'] ?? Number.NaN],
    [1, line.max],
  ];
  const knots: Knot[] = [];
  for (const [q, v] of raw) {
    if (!Number.isFinite(v)) continue;
    // Quantiles never decrease; repair rounding so segments stay ordered.
    const previous = knots.length ? knots[knots.length - 1][1] : v;
    knots.push([q, Math.max(previous, v)]);
  }
  return knots.length >= 2
    ? knots
    : [
        [0, line.min],
        [1, line.max],
      ];
}

function valueAt(knots: Knot[], q: number): number {
  for (let s = 1; s < knots.length; s++) {
    const [q0, v0] = knots[s - 1];
    const [q1, v1] = knots[s];
    if (q <= q1) return q1 === q0 ? v1 : v0 + ((v1 - v0) * (q - q0)) / (q1 - q0);
  }
  return knots[knots.length - 1][1];
}
