// The latency histogram every window percentile is read from: bucket boundaries, add / merge /
// quantile / max / count, the stored-bucket round trip (`latencyBucketPairs` → `addBuckets`) and
// `addQuantiles` rebuilding series lines from their nearest-rank percentiles, checked against the
// exact percentiles of seeded log-normal samples (single lines and mixtures of many lines).
import { describe, expect, test } from 'vitest';
import {
  bucketOf,
  LatencyHistogram,
  latencyBucketPairs,
  type QuantileLine,
} from '../../../src/results/latency-histogram.ts';
import { seededRandom } from './synthetic-series.ts';

const MIN_MS = 0.001;
const GROWTH = 1.02;

/** The sample of rank ⌈q·n⌉ (1-based) of the samples: k6's and the series' nearest-rank percentile. */
function nearestRank(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length - 1e-9));
  return sorted[rank - 1]!;
}

function histogramOf(samples: readonly number[]): LatencyHistogram {
  const h = new LatencyHistogram();
  for (const v of samples) h.add(v);
  return h;
}

/** Log-normal samples (ms) with the given median and log-spread, from a seeded PRNG. */
function logNormalSamples(random: () => number, count: number, medianMs: number, sigma: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    // Box–Muller; 1 − u keeps the log argument in (0, 1].
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    out.push(medianMs * Math.exp(sigma * z));
  }
  return out;
}

/** The line the time series stores for these samples: count, exact extremes, nearest-rank percentiles. */
function quantileLine(samples: readonly number[]): QuantileLine {
  return {
    count: samples.length,
    min: Math.min(...samples),
    max: Math.max(...samples),
    'p(50)': nearestRank(samples, 0.5),
    'p(90)': nearestRank(samples, 0.9),
    'p(95)': nearestRank(samples, 0.95),
    'p(99)': nearestRank(samples, 0.99),
  };
}

const relativeError = (estimate: number | null, exact: number) =>
  Math.abs((estimate ?? Number.NaN) - exact) / exact;

describe('bucketOf', () => {
  test.each([
    ['zero', 0],
    ['negative', -5],
    ['NaN', Number.NaN],
    ['the lowest edge itself', MIN_MS],
    ['below the lowest edge', MIN_MS / 2],
  ])('%s goes to bucket 0', (_, value) => {
    expect(bucketOf(value)).toBe(0);
  });

  test.each([1, 10, 100, 500, 700, 900])('bucket %i holds [MIN·1.02^i, MIN·1.02^(i+1))', (i) => {
    expect(bucketOf(MIN_MS * GROWTH ** (i + 0.01))).toBe(i);
    expect(bucketOf(MIN_MS * GROWTH ** (i + 0.5))).toBe(i);
    expect(bucketOf(MIN_MS * GROWTH ** (i + 0.99))).toBe(i);
  });

  test('is monotone and clamps values beyond an hour to the last bucket', () => {
    const values = [0.002, 0.5, 1, 2, 10, 250, 499, 500, 501, 10_000, 3_600_000];
    const buckets = values.map(bucketOf);
    expect([...buckets].sort((a, b) => a - b)).toEqual(buckets);
    const last = bucketOf(3_600_000 * 1.5);
    expect(bucketOf(1e12)).toBe(last);
    expect(bucketOf(Number.POSITIVE_INFINITY)).toBe(last);
  });

  test('neighbouring buckets are 2 % apart', () => {
    expect(bucketOf(100 * GROWTH) - bucketOf(100)).toBe(1);
    expect(bucketOf(100 * GROWTH ** 10) - bucketOf(100)).toBe(10);
  });
});

describe('LatencyHistogram', () => {
  test('an empty histogram has no quantile, no max and count 0', () => {
    const h = new LatencyHistogram();
    expect(h.count).toBe(0);
    expect(h.quantile(0.5)).toBeNull();
    expect(h.quantile(1)).toBeNull();
    expect(h.max).toBeNull();
  });

  test('add counts weights; zero, negative and non-finite inputs are ignored', () => {
    const h = new LatencyHistogram();
    h.add(10);
    h.add(20, 3);
    h.add(30, 0);
    h.add(40, -1);
    h.add(Number.NaN);
    h.add(Number.POSITIVE_INFINITY);
    expect(h.count).toBe(4);
    expect(h.max).toBe(20);
    expect(h.quantile(1)).toBe(20);
    expect(h.quantile(0)).toBe(10);
  });

  test('quantiles stay within the exact extremes', () => {
    const h = histogramOf([100, 100, 100]);
    for (const q of [0, 0.01, 0.5, 0.99, 1]) expect(h.quantile(q)).toBe(100);
  });

  test.each([
    ['uniform 1..1000 ms', Array.from({ length: 1000 }, (_, i) => i + 1)],
    ['log-normal, median 50 ms', logNormalSamples(seededRandom(1), 5000, 50, 0.6)],
    ['bimodal 5 ms / 800 ms', [...Array(900).fill(5), ...Array(100).fill(800)].map((v, i) => v + i * 1e-3)],
    ['a handful of samples', [3, 7, 7, 12, 40]],
  ])('%s: quantiles within a 2 % bucket of the exact nearest-rank value', (_, samples) => {
    const h = histogramOf(samples);
    expect(h.count).toBe(samples.length);
    expect(h.max).toBe(Math.max(...samples));
    for (const q of [0.1, 0.5, 0.9, 0.95, 0.99]) {
      expect(relativeError(h.quantile(q), nearestRank(samples, q))).toBeLessThanOrEqual(0.02);
    }
  });

  test('merge equals one histogram of all samples and keeps the larger max', () => {
    const random = seededRandom(2);
    const a = logNormalSamples(random, 700, 30, 0.4);
    const b = logNormalSamples(random, 300, 300, 0.4);
    const merged = histogramOf(a).merge(histogramOf(b));
    const all = histogramOf([...a, ...b]);
    expect(merged.count).toBe(1000);
    expect(merged.max).toBe(Math.max(...a, ...b));
    expect(merged.toPairs()).toEqual(all.toPairs());
    for (const q of [0, 0.5, 0.95, 0.99, 1]) expect(merged.quantile(q)).toBe(all.quantile(q));
  });

  test('merged() of several equals merging them one by one; merging an empty one changes nothing', () => {
    const parts = [[1, 2, 3], [40, 50], [600]].map(histogramOf);
    const merged = LatencyHistogram.merged(parts);
    expect(merged.count).toBe(6);
    expect(merged.max).toBe(600);
    const before = merged.quantile(0.5);
    merged.merge(new LatencyHistogram());
    expect(merged.count).toBe(6);
    expect(merged.quantile(0.5)).toBe(before);
  });
});

describe('stored buckets: latencyBucketPairs → addBuckets', () => {
  test('pairs are [bucket, count] in bucket order and match toPairs of the same samples', () => {
    const samples = [12, 0.5, 12, 300, 12.01, 0.5];
    const pairs = latencyBucketPairs(samples);
    expect(pairs).toEqual([bucketOf(0.5), 2, bucketOf(12), 3, bucketOf(300), 1]);
    expect(histogramOf(samples).toPairs()).toEqual(pairs);
  });

  test.each([
    ['log-normal', logNormalSamples(seededRandom(3), 2000, 80, 0.7)],
    ['one sample', [42]],
    ['sub-microsecond and multi-second', [0.0001, 0.0002, 4500, 12_000]],
  ])('%s: the round trip gives the same count, max and quantiles as adding the samples', (_, samples) => {
    const direct = histogramOf(samples);
    const stored = new LatencyHistogram();
    stored.addBuckets(latencyBucketPairs(samples), Math.min(...samples), Math.max(...samples));
    expect(stored.count).toBe(direct.count);
    expect(stored.max).toBe(direct.max);
    for (const q of [0, 0.25, 0.5, 0.9, 0.95, 0.99, 1]) expect(stored.quantile(q)).toBe(direct.quantile(q));
  });

  test('buckets of several lines add up like their samples', () => {
    const random = seededRandom(4);
    const lines = [logNormalSamples(random, 50, 20, 0.3), logNormalSamples(random, 150, 200, 0.3)];
    const stored = new LatencyHistogram();
    for (const s of lines) stored.addBuckets(latencyBucketPairs(s), Math.min(...s), Math.max(...s));
    const direct = histogramOf(lines.flat());
    for (const q of [0.5, 0.95, 0.99]) expect(stored.quantile(q)).toBe(direct.quantile(q));
  });

  test('pairs with a zero or negative count add nothing', () => {
    const h = new LatencyHistogram();
    h.addBuckets([bucketOf(10), 0, bucketOf(20), -2, bucketOf(30), 1], 30, 30);
    expect(h.count).toBe(1);
    expect(h.quantile(0.5)).toBe(30);
  });
});

describe('addQuantiles: a series line back into mass', () => {
  test.each([
    ['one sample', [37]],
    ['two samples', [5, 900]],
    ['three samples', [12, 13, 250]],
    ['three equal samples', [8, 8, 8]],
  ])('%s (n ≤ 3) is rebuilt exactly', (_, samples) => {
    const rebuilt = new LatencyHistogram();
    rebuilt.addQuantiles(quantileLine(samples));
    const direct = histogramOf(samples);
    expect(rebuilt.count).toBe(samples.length);
    expect(rebuilt.max).toBe(direct.max);
    expect(rebuilt.toPairs()).toEqual(direct.toPairs());
    for (const q of [0, 0.34, 0.5, 0.67, 0.99, 1]) expect(rebuilt.quantile(q)).toBe(direct.quantile(q));
  });

  test('a line without samples adds nothing', () => {
    const h = new LatencyHistogram();
    h.addQuantiles({ count: 0, min: 0, max: 0 });
    expect(h.count).toBe(0);
    expect(h.max).toBeNull();
  });

  test('keeps the count and the exact extremes of a large line', () => {
    const samples = logNormalSamples(seededRandom(5), 1000, 60, 0.5);
    const h = new LatencyHistogram();
    h.addQuantiles(quantileLine(samples));
    expect(h.count).toBeCloseTo(1000, 9);
    expect(h.max).toBe(Math.max(...samples));
    expect(h.quantile(0)).toBe(Math.min(...samples));
    expect(h.quantile(1)).toBe(Math.max(...samples));
  });

  test('a line with only min and max (no percentiles) still carries its count between them', () => {
    const h = new LatencyHistogram();
    h.addQuantiles({ count: 10, min: 10, max: 1000 });
    expect(h.count).toBeCloseTo(10, 9);
    const median = h.quantile(0.5)!;
    expect(median).toBeGreaterThan(10);
    expect(median).toBeLessThan(1000);
  });

  test.each([
    { seed: 11, lines: 300, sigma: 0.5 },
    { seed: 12, lines: 120, sigma: 0.8 },
    { seed: 13, lines: 600, sigma: 0.3 },
  ])(
    'mixture of $lines lines (counts 1..200, medians 10..400 ms, σ $sigma): p50/p95/p99 within 3 %',
    ({ seed, lines, sigma }) => {
      const random = seededRandom(seed);
      const rebuilt = new LatencyHistogram();
      const all: number[] = [];
      for (let i = 0; i < lines; i++) {
        const count = 1 + Math.floor(random() * 200);
        const medianMs = 10 * 40 ** random();
        const samples = logNormalSamples(random, count, medianMs, sigma);
        rebuilt.addQuantiles(quantileLine(samples));
        all.push(...samples);
      }
      expect(rebuilt.count).toBeCloseTo(all.length, 6);
      for (const q of [0.5, 0.95, 0.99]) {
        expect(relativeError(rebuilt.quantile(q), nearestRank(all, q))).toBeLessThanOrEqual(0.03);
      }
    },
  );
});
