// HDR histogram plumbing shared by the trend sinks: 3 significant digits, auto-resizing 32-bit counts,
// values stored as integer units (value × 1000: µs for time trends given in ms).
// Runs in: Node (runner main thread and VU worker threads).
import * as hdr from 'hdr-histogram-js';

const UNITS_PER_VALUE = 1000;
/** Clamp for the histogram only (≈ 11.6 days in ms); exact min/max/avg keep the real value. */
const MAX_UNITS = 1e12;

export type Histogram = hdr.Histogram;

/**
 * Default: 3 significant digits (≤ 0.1 % error), 32-bit counts, for the whole-test and per-second
 * trends. `compact`: 2 digits (≤ 1 %) in packed counts, a few KB at most, for stores that keep one
 * histogram per tag set for a whole run (Prometheus remote write).
 */
export function buildHistogram(options: { compact?: boolean } = {}): Histogram {
  return hdr.build({
    bitBucketSize: options.compact ? 'packed' : 32,
    autoResize: true,
    lowestDiscernibleValue: 1,
    numberOfSignificantValueDigits: options.compact ? 2 : 3,
    useWebAssembly: false,
  });
}

export function recordValue(histogram: Histogram, value: number): void {
  const units = Math.round(value * UNITS_PER_VALUE);
  // Negative or NaN values cannot go into an HDR histogram; they still count in avg/min/max.
  histogram.recordValue(units > 0 ? Math.min(units, MAX_UNITS) : 0);
}

/**
 * Value at percentile 0..100. HDR reports the upper edge of the value's bucket (≤ 0.1 % above, never
 * below: conservative for `p(95)<x` thresholds); kept inside the exact observed [min, max].
 */
export function histogramPercentile(histogram: Histogram, pct: number, min: number, max: number): number {
  const raw = histogram.getValueAtPercentile(pct) / UNITS_PER_VALUE;
  return Math.min(max, Math.max(min, raw));
}

export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export function addEncodedHistogram(histogram: Histogram, encoded: string): void {
  histogram.add(hdr.decodeFromCompressedBase64(encoded, 32, false));
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
