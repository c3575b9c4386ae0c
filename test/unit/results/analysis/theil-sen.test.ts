// Theil–Sen slope: exact on lines, robust to outliers, deterministic when sampling pairs.
import { expect, test } from 'vitest';
import { MAX_PAIRS, median, theilSenSlope } from '../../../../src/results/analysis/theil-sen.ts';
import { seededRandom } from '../synthetic-series.ts';

test('recovers the slope of a line exactly', () => {
  const xs = [0, 1, 2, 3, 4];
  expect(
    theilSenSlope(
      xs,
      xs.map((x) => 3 * x + 7),
    ),
  ).toBe(3);
});

test('ignores a minority of outliers that would drag a least-squares fit', () => {
  const xs = Array.from({ length: 30 }, (_, i) => i);
  const ys = xs.map((x) => 2 * x);
  ys[28] = 10_000;
  ys[29] = 20_000;
  expect(theilSenSlope(xs, ys)).toBeCloseTo(2, 5);
});

test('null without two distinct x; equal x pairs are skipped', () => {
  expect(theilSenSlope([], [])).toBeNull();
  expect(theilSenSlope([1], [1])).toBeNull();
  expect(theilSenSlope([1, 1], [1, 5])).toBeNull();
  expect(theilSenSlope([1, 1, 2], [1, 5, 3])).toBe(0);
});

test('many points: sampled pairs stay close to the true slope and give the same answer twice', () => {
  const random = seededRandom(7);
  const n = 2000;
  expect((n * (n - 1)) / 2).toBeGreaterThan(MAX_PAIRS);
  const xs = Array.from({ length: n }, (_, i) => i / 60);
  const ys = xs.map((x) => 0.5 * x + (random() - 0.5) * 4);
  const slope = theilSenSlope(xs, ys)!;
  expect(slope).toBeGreaterThan(0.4);
  expect(slope).toBeLessThan(0.6);
  expect(theilSenSlope(xs, ys)).toBe(slope);
});

test('median of odd and even lists', () => {
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 2, 3])).toBe(2.5);
  expect(median([])).toBeNull();
});
