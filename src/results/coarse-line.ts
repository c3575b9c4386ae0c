// Merges the per-second lines of one (metric, tag set) into one line over a coarse span, keeping the
// shape of a time-series line: counts add up exactly, extremes stay exact, trend buckets (`hist`) add
// up exactly, and trend percentiles come from those buckets, or are re-estimated from the lines' own
// percentiles where a line has none. Runs in: Node.
import { LatencyHistogram, type QuantileLine } from './latency-histogram.ts';
import type { TimeSeriesLine } from './timeseries-file.ts';

const PERCENTILE_KEY = /^p\((\d+(?:\.\d+)?)\)$/;

export class CoarseLine {
  /** Unix second the span starts at. */
  readonly t: number;
  /** Seconds the span covers (the line's `span`). */
  readonly span: number;
  private readonly first: TimeSeriesLine;
  /** counter: sum of counts; rate: passes; trend: sample count. */
  private count = 0;
  private fails = 0;
  /** trend: Σ avg·count, for the weighted average. */
  private weightedSum = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;
  /** gauge: the value of the latest second seen, and that second. */
  private last = 0;
  private lastT = Number.NEGATIVE_INFINITY;
  private readonly latency = new LatencyHistogram();
  /** Whether every trend line with samples carried its buckets (`hist`), so the sum is exact too. */
  private everyLineHasBuckets = true;
  /** Percentile keys the merged lines carried, e.g. `p(95)`. */
  private readonly percentiles = new Set<string>();

  /** `first` gives the metric, type and tags; add it (and every other line) with `add`. */
  constructor(t: number, span: number, first: TimeSeriesLine) {
    this.t = t;
    this.span = span;
    this.first = first;
  }

  add(line: TimeSeriesLine): void {
    const v = line.values;
    switch (line.type) {
      case 'counter':
        this.count += v.count ?? 0;
        return;
      case 'rate':
        this.count += v.passes ?? 0;
        this.fails += v.fails ?? 0;
        return;
      case 'gauge':
        if (line.t >= this.lastT) {
          this.last = v.value ?? 0;
          this.lastT = line.t;
        }
        this.extend(v.min ?? v.value, v.max ?? v.value);
        return;
      case 'trend': {
        for (const key of Object.keys(v)) if (PERCENTILE_KEY.test(key)) this.percentiles.add(key);
        const n = v.count ?? 0;
        if (!(n > 0)) return;
        this.count += n;
        this.weightedSum += (v.avg ?? 0) * n;
        this.extend(v.min, v.max);
        if (line.hist) {
          this.latency.addBuckets(line.hist, v.min ?? 0, v.max ?? 0);
        } else {
          this.everyLineHasBuckets = false;
          this.latency.addQuantiles(v as unknown as QuantileLine);
        }
        return;
      }
    }
  }

  toLine(): TimeSeriesLine {
    const { metric, type, tags } = this.first;
    const line: TimeSeriesLine = { t: this.t, span: this.span, metric, type, tags, values: this.values() };
    // Summed buckets stay exact only when no line's samples had to be rebuilt from percentiles.
    if (type === 'trend' && this.count > 0 && this.everyLineHasBuckets) line.hist = this.latency.toPairs();
    return line;
  }

  private extend(min: number | undefined, max: number | undefined): void {
    if (typeof min === 'number' && min < this.min) this.min = min;
    if (typeof max === 'number' && max > this.max) this.max = max;
  }

  private values(): Record<string, number> {
    switch (this.first.type) {
      case 'counter':
        return { count: this.count, rate: this.count / this.span };
      case 'rate': {
        const total = this.count + this.fails;
        return { rate: total > 0 ? this.count / total : 0, passes: this.count, fails: this.fails };
      }
      case 'gauge':
        return { value: this.last, min: this.finite(this.min), max: this.finite(this.max) };
      case 'trend':
        return this.trendValues();
    }
  }

  private trendValues(): Record<string, number> {
    const empty = this.count === 0;
    const min = empty ? 0 : this.min;
    const max = empty ? 0 : this.max;
    const values: Record<string, number> = {
      count: this.count,
      avg: empty ? 0 : this.weightedSum / this.count,
      min,
      max,
    };
    const keys = [...this.percentiles].sort((a, b) => percentOf(a) - percentOf(b));
    for (const key of keys) {
      const estimate = this.latency.quantile(percentOf(key) / 100) ?? 0;
      values[key] = empty ? 0 : Math.min(max, Math.max(min, estimate));
    }
    return values;
  }

  private finite(value: number): number {
    return Number.isFinite(value) ? value : this.last;
  }
}

function percentOf(key: string): number {
  return Number(PERCENTILE_KEY.exec(key)?.[1] ?? 0);
}
