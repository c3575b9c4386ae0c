// Percentile bounds of the canary's p95 comparison on synthetic data with known answers: the ranks of
// the order-statistic bounds equal the exact binomial ones (computed independently), seeded simulations
// cover the true 95th percentile at least 95 % of the time from raw samples and from the histogram the
// series keeps, and the ratio bounds of two versions cover the true ratio about as often.
import { describe, expect, test } from 'vitest';
import { LatencyHistogram } from '../../../../src/results/latency-histogram.ts';
import {
  histogramQuantileBounds,
  orderStatisticRanks,
  ratioBounds,
} from '../../../../src/results/canary/quantile-bounds.ts';
import { createRandom, type RandomSource } from '../../../../src/vu/seeded-random.ts';

/** Log-normal samples (ms): median × e^(σ·z), z standard normal by Box–Muller. */
function logNormal(random: RandomSource, count: number, medianMs: number, sigma: number): number[] {
  return Array.from({ length: count }, () => {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return medianMs * Math.exp(sigma * z);
  });
}

const Z95 = 1.6448536;
const histogramOf = (samples: readonly number[]) => {
  const h = new LatencyHistogram();
  for (const v of samples) h.add(v);
  return h;
};

describe('orderStatisticRanks', () => {
  // Exact binomial answers, from Σ C(n,i) pⁱ(1−p)ⁿ⁻ⁱ (Python, math.comb).
  test.each([
    { n: 100, p: 0.5, lower: 42, upper: 59 },
    { n: 200, p: 0.95, lower: 185, upper: 196 },
    { n: 1000, p: 0.95, lower: 938, upper: 962 },
    { n: 59, p: 0.95, lower: 53, upper: 59 },
  ])('n $n, p $p → ranks $lower and $upper', ({ n, p, lower, upper }) => {
    expect(orderStatisticRanks(n, p, 0.05)).toEqual({ lower, upper });
  });

  test('no upper bound below 59 samples (0.95⁵⁸ > 0.05): null', () => {
    expect(orderStatisticRanks(58, 0.95, 0.05)).toBeNull();
    expect(orderStatisticRanks(0, 0.95, 0.05)).toBeNull();
  });

  test('large samples stay exact and fast (a million requests)', () => {
    const ranks = orderStatisticRanks(1_000_000, 0.95, 0.05)!;
    const sd = Math.sqrt(1_000_000 * 0.95 * 0.05);
    expect(Math.abs(ranks.lower - (950_000 - Z95 * sd))).toBeLessThan(2);
    expect(Math.abs(ranks.upper - (950_000 + Z95 * sd))).toBeLessThan(3);
  });
});

describe('LatencyHistogram.quantileBucket', () => {
  test('the sample of every rank lies within the bucket edges read for it', () => {
    const samples = logNormal(createRandom(3), 2000, 10, 0.8);
    const sorted = [...samples].sort((a, b) => a - b);
    const histogram = histogramOf(samples);
    const outside = sorted.filter((value, i) => {
      const bucket = histogram.quantileBucket((i + 1) / sorted.length)!;
      return value < bucket.low || value > bucket.high;
    });
    expect(outside).toEqual([]);
    expect(new LatencyHistogram().quantileBucket(0.5)).toBeNull();
  });
});

describe('coverage of the 95th percentile (seeded simulation)', () => {
  const sigma = 0.6;
  const median = 10;
  const truth = median * Math.exp(sigma * Z95);
  const trials = 1000;

  test('raw samples and the series histogram: each one-sided bound holds ≥ 94 % of the time', () => {
    const random = createRandom(7);
    let lowerHeld = 0;
    let upperHeld = 0;
    let histLowerHeld = 0;
    let histUpperHeld = 0;
    for (let i = 0; i < trials; i++) {
      const samples = logNormal(random, 400, median, sigma);
      const sorted = [...samples].sort((a, b) => a - b);
      const ranks = orderStatisticRanks(400, 0.95, 0.05)!;
      if (sorted[ranks.lower - 1]! <= truth) lowerHeld++;
      if (sorted[ranks.upper - 1]! >= truth) upperHeld++;
      const bounds = histogramQuantileBounds(histogramOf(samples), 0.95, 0.05)!;
      if (bounds.lower <= truth) histLowerHeld++;
      if (bounds.upper >= truth) histUpperHeld++;
    }
    for (const held of [lowerHeld, upperHeld, histLowerHeld, histUpperHeld]) {
      expect(held / trials).toBeGreaterThanOrEqual(0.94);
      // Not vacuous: a bound that always held would be useless.
      expect(held / trials).toBeLessThan(0.995);
    }
  });

  test('ratio bounds of a 1.3× slower v2 cover 1.3 on each side ≥ 93 % of the time', () => {
    const random = createRandom(11);
    let lowerHeld = 0;
    let upperHeld = 0;
    for (let i = 0; i < trials; i++) {
      const v2 = histogramQuantileBounds(
        histogramOf(logNormal(random, 500, median * 1.3, sigma)),
        0.95,
        0.05,
      )!;
      const v1 = histogramQuantileBounds(histogramOf(logNormal(random, 4500, median, sigma)), 0.95, 0.05)!;
      const ratio = ratioBounds(v2, v1);
      if (ratio.lower <= 1.3) lowerHeld++;
      if (ratio.upper >= 1.3) upperHeld++;
    }
    expect(lowerHeld / trials).toBeGreaterThanOrEqual(0.93);
    expect(upperHeld / trials).toBeGreaterThanOrEqual(0.93);
    expect(lowerHeld / trials).toBeLessThan(0.995);
    expect(upperHeld / trials).toBeLessThan(0.995);
  });
});

describe('ratioBounds', () => {
  test('MOVER on logs: each side combines the two bounds as independent errors', () => {
    const test_ = { estimate: 20, lower: 18, upper: 25, samples: 500 };
    const reference = { estimate: 10, lower: 9.5, upper: 10.4, samples: 5000 };
    const r = ratioBounds(test_, reference);
    expect(r.ratio).toBeCloseTo(2, 12);
    expect(r.lower).toBeCloseTo(2 * Math.exp(-Math.hypot(Math.log(20 / 18), Math.log(10.4 / 10))), 12);
    expect(r.upper).toBeCloseTo(2 * Math.exp(Math.hypot(Math.log(25 / 20), Math.log(10 / 9.5))), 12);
  });
});
