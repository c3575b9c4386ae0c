// Trend sink for one second of one series: raw samples while few (exact nearest-rank percentiles,
// a few KB), spilling into an HDR histogram past RAW_LIMIT so a hot series stays bounded too.
// Runs in: Node (runner main thread and VU worker threads).
import {
  addEncodedHistogram,
  buildHistogram,
  encodeHistogram,
  type Histogram,
  histogramPercentile,
  recordValue,
} from './hdr-units.ts';
import { mergeExactStats, trendSeriesValues, trendValue } from './trend-stats.ts';
import type { Sink, SinkDelta } from './types.ts';

/** Raw samples kept before switching to a histogram (8 KB of doubles). */
export const RAW_LIMIT = 1024;

export class SecondTrendSink implements Sink {
  count = 0;
  sum = 0;
  min = 0;
  max = 0;
  private values: number[] | undefined = [];
  private sorted = true;
  private histogram: Histogram | undefined;

  private record(value: number): void {
    if (this.values === undefined) {
      recordValue(this.histogram!, value);
      return;
    }
    this.values.push(value);
    this.sorted = false;
    if (this.values.length > RAW_LIMIT) this.spill();
  }

  private spill(): Histogram {
    if (this.histogram === undefined) this.histogram = buildHistogram();
    for (const v of this.values ?? []) recordValue(this.histogram, v);
    this.values = undefined;
    return this.histogram;
  }

  add(value: number): void {
    if (this.count === 0 || value < this.min) this.min = value;
    if (this.count === 0 || value > this.max) this.max = value;
    this.count++;
    this.sum += value;
    this.record(value);
  }

  percentile(pct: number): number {
    if (this.count === 0) return 0;
    if (this.count === 1) return this.min;
    const values = this.values;
    if (values === undefined) return histogramPercentile(this.histogram!, pct, this.min, this.max);
    if (!this.sorted) {
      values.sort((a, b) => a - b);
      this.sorted = true;
    }
    // Nearest rank, the rule HDR applies to its buckets (the tiny epsilon absorbs float noise).
    const rank = Math.max(1, Math.ceil((pct * values.length) / 100 - 1e-9));
    return values[rank - 1]!;
  }

  /** This second's raw samples (unsorted), or undefined once they spilled into the histogram. */
  samples(): readonly number[] | undefined {
    return this.values;
  }

  value(stat: string): number | undefined {
    return trendValue(this, stat);
  }

  seriesValues(): Record<string, number> {
    return trendSeriesValues(this);
  }

  takeDelta(): SinkDelta {
    const { count, sum, min, max, values } = this;
    const delta: SinkDelta = { kind: 'trend', count, sum, min, max, hist: '' };
    if (values !== undefined) delta.values = values;
    else delta.hist = encodeHistogram(this.histogram!);
    this.count = 0;
    this.sum = 0;
    this.min = 0;
    this.max = 0;
    this.values = [];
    this.sorted = true;
    this.histogram = undefined;
    return delta;
  }

  mergeDelta(delta: SinkDelta): void {
    if (delta.kind !== 'trend') throw new TypeError(`cannot merge a ${delta.kind} delta into a trend`);
    if (delta.count === 0) return;
    mergeExactStats(this, delta);
    for (const v of delta.values ?? []) this.record(v);
    if (delta.hist !== '') addEncodedHistogram(this.spill(), delta.hist);
  }
}
