// Trend sink: exact count/sum/min/max plus an HDR histogram (3 significant digits) for median and
// percentiles, so memory depends on the value range, never on the number of samples.
// Runs in: Node (runner main thread and VU worker threads).
import * as hdr from 'hdr-histogram-js';
import type { Sink, SinkDelta } from './types.ts';

/** Histogram unit = value × 1000: µs for time trends (ms in), milli-units for plain trends. */
const UNITS_PER_VALUE = 1000;
/** Clamp for the histogram only (≈ 11.6 days in ms); exact min/max/avg keep the real value. */
const MAX_UNITS = 1e12;

type Bucketing = 32 | 'packed';

function buildHistogram(bucketing: Bucketing): hdr.Histogram {
  return hdr.build({
    bitBucketSize: bucketing,
    autoResize: true,
    lowestDiscernibleValue: 1,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });
}

/** `p(95)` → 95, `med` → 50; undefined for anything else or a percentile outside 0..100. */
export function percentileOf(stat: string): number | undefined {
  if (stat === 'med') return 50;
  if (!stat.startsWith('p(') || !stat.endsWith(')')) return undefined;
  const text = stat.slice(2, -1);
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const pct = Number(text);
  return pct >= 0 && pct <= 100 ? pct : undefined;
}

export class TrendSink implements Sink {
  count = 0;
  sum = 0;
  min = 0;
  max = 0;
  readonly bucketing: Bucketing;
  private readonly histogram: hdr.Histogram;

  /** `compact`: sparse ('packed') counts — slower to record, tiny when few samples (per-second buckets). */
  constructor(options: { compact?: boolean } = {}) {
    this.bucketing = options.compact ? 'packed' : 32;
    this.histogram = buildHistogram(this.bucketing);
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
    const units = Math.round(value * UNITS_PER_VALUE);
    // Negative or NaN values cannot go into an HDR histogram; they still count in avg/min/max.
    this.histogram.recordValue(units > 0 ? (units < MAX_UNITS ? units : MAX_UNITS) : 0);
  }

  /** Value at percentile 0..100, as k6: 0 when empty, the only value when there is one. */
  percentile(pct: number): number {
    if (this.count === 0) return 0;
    if (this.count === 1) return this.min;
    const raw = this.histogram.getValueAtPercentile(pct) / UNITS_PER_VALUE;
    // HDR reports the upper edge of the value's bucket (≤ 0.1 % above, never below: conservative for
    // `p(95)<x` thresholds); keep it inside the exact observed range.
    return Math.min(this.max, Math.max(this.min, raw));
  }

  value(stat: string): number | undefined {
    switch (stat) {
      case 'avg':
        return this.count > 0 ? this.sum / this.count : 0;
      case 'min':
        return this.min;
      case 'max':
        return this.max;
      case 'count':
        return this.count;
    }
    const pct = percentileOf(stat);
    return pct === undefined ? undefined : this.percentile(pct);
  }

  seriesValues(): Record<string, number> {
    return {
      count: this.count,
      avg: this.count > 0 ? this.sum / this.count : 0,
      min: this.min,
      max: this.max,
      'p(50)': this.percentile(50),
      'p(90)': this.percentile(90),
      'p(95)': this.percentile(95),
      'p(99)': this.percentile(99),
    };
  }

  takeDelta(): SinkDelta {
    const { count, sum, min, max } = this;
    const hist = count > 0 ? hdr.encodeIntoCompressedBase64(this.histogram) : '';
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
    if (this.count === 0 || delta.min < this.min) this.min = delta.min;
    if (this.count === 0 || delta.max > this.max) this.max = delta.max;
    this.count += delta.count;
    this.sum += delta.sum;
    this.histogram.add(hdr.decodeFromCompressedBase64(delta.hist, this.bucketing, false));
  }
}
