// Trend sink for whole-test aggregates: exact count/sum/min/max plus an HDR histogram for median and
// percentiles, so memory depends on the value range, never on the number of samples.
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

export { percentileOf } from './hdr-units.ts';

export class TrendSink implements Sink {
  count = 0;
  sum = 0;
  min = 0;
  max = 0;
  private readonly histogram: Histogram;

  /** `histogram`: another configuration than buildHistogram()'s default (e.g. a compact one). */
  constructor(histogram: Histogram = buildHistogram()) {
    this.histogram = histogram;
  }

  /** Estimated bytes held by the histogram (grows with the value range only). */
  get footprintBytes(): number {
    return this.histogram.estimatedFootprintInBytes;
  }

  add(value: number): void {
    if (this.count === 0 || value < this.min) this.min = value;
    if (this.count === 0 || value > this.max) this.max = value;
    this.count++;
    this.sum += value;
    recordValue(this.histogram, value);
  }

  /** Value at percentile 0..100, as k6: 0 when empty, the only value when there is one. */
  percentile(pct: number): number {
    if (this.count === 0) return 0;
    if (this.count === 1) return this.min;
    return histogramPercentile(this.histogram, pct, this.min, this.max);
  }

  value(stat: string): number | undefined {
    return trendValue(this, stat);
  }

  seriesValues(): Record<string, number> {
    return trendSeriesValues(this);
  }

  takeDelta(): SinkDelta {
    const { count, sum, min, max } = this;
    const hist = count > 0 ? encodeHistogram(this.histogram) : '';
    this.count = 0;
    this.sum = 0;
    this.min = 0;
    this.max = 0;
    this.histogram.reset();
    return { kind: 'trend', count, sum, min, max, hist };
  }

  mergeDelta(delta: SinkDelta): void {
    if (delta.kind !== 'trend') throw new TypeError(`cannot merge a ${delta.kind} delta into a trend`);
    if (delta.count === 0) return;
    mergeExactStats(this, delta);
    if (delta.values !== undefined) for (const v of delta.values) recordValue(this.histogram, v);
    if (delta.hist !== '') addEncodedHistogram(this.histogram, delta.hist);
  }
}
