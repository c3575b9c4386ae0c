// Generator-lag spans: points whose iteration start lag p99 exceeded the limit, merged.
import { expect, test } from 'vitest';
import { generatorLagWindows, overlapsLag } from '../../../../src/results/analysis/generator-lag.ts';
import { START_LAG_LIMIT_MS } from '../../../../src/results/analysis/limits.ts';
import { buildSeries, START_T, seconds } from '../synthetic-series.ts';

const at = (s: number) => (START_T + s) * 1000;

test('merges consecutive lagging seconds into one span and ignores the limit itself and null', () => {
  const { points } = buildSeries([
    ...seconds(2, { rps: 10, startLagMs: 1 }),
    ...seconds(3, { rps: 10, startLagMs: 40 }),
    { rps: 10, startLagMs: START_LAG_LIMIT_MS },
    { rps: 10, startLagMs: null },
    { rps: 10, startLagMs: 6 },
  ]);
  expect(generatorLagWindows(points)).toEqual([
    { fromMs: at(2), toMs: at(5) },
    { fromMs: at(7), toMs: at(8) },
  ]);
});

test('a gap between lagging seconds keeps the spans apart; coarse points span their length', () => {
  const { points } = buildSeries([{ rps: 10, startLagMs: 9 }, null, { rps: 10, startLagMs: 9 }]);
  expect(generatorLagWindows(points)).toHaveLength(2);
  const coarse = { ...points[0], spanS: 60 };
  expect(generatorLagWindows([coarse])).toEqual([{ fromMs: at(0), toMs: at(60) }]);
});

test('overlapsLag is half-open on both sides and needs a quarter of the window lagging', () => {
  const lag = [{ fromMs: 1000, toMs: 2000 }];
  expect(overlapsLag(lag, 0, 1000)).toBe(false);
  expect(overlapsLag(lag, 2000, 3000)).toBe(false);
  expect(overlapsLag(lag, 1500, 2500)).toBe(true);
  expect(overlapsLag(lag, 0, 4000)).toBe(true);
  // One lagging second in ten: a hiccup, not an overloaded generator.
  expect(overlapsLag(lag, 0, 10_000)).toBe(false);
  expect(overlapsLag([], 0, 1e15)).toBe(false);
});
