// Soak drift: Theil–Sen slopes per (scaled) hour of p95, error rate and replica memory.
import { expect, test } from 'vitest';
import type { CriterionResult } from '../../../../src/results/types.ts';
import { analyzeRun } from '../../../../src/results/analysis/analyze-run.ts';
import type { RunSeries } from '../../../../src/results/types.ts';
import { buildSeries, type SecondSpec, START_T, seededRandom } from '../synthetic-series.ts';

// At LOAD_SCALE 1/60 a bucket is 1 s and a scaled hour 60 s: 0.5 ms/s is 30 ms per scaled hour.
const loadScale = 1 / 60;
const MIB = 1024 * 1024;
const soak = (series: RunSeries, scale = loadScale) =>
  analyzeRun({ profile: 'soak', series, loadScale: scale, vuScale: 0.5, runStartMs: START_T * 1000 });
const noisy = (specOf: (s: number) => SecondSpec, length = 90) =>
  buildSeries(
    Array.from({ length }, (_, s) => specOf(s)),
    { noise: { random: seededRandom(3), p95Jitter: 0.05 } },
  );
const byId = (criteria: CriterionResult[], id: string) => criteria.find((c) => c.id === id)!;

test('rising p95 under noise: slope near 30 ms per scaled hour, above the limit', () => {
  const { results, criteria } = soak(noisy((s) => ({ rps: 100, p95Ms: 100 + 0.5 * s })));
  expect(results.drift!.minutes).toBe(90);
  expect(results.drift!.p95SlopeMsPerHour).toBeGreaterThan(25);
  expect(results.drift!.p95SlopeMsPerHour).toBeLessThan(35);
  expect(results.drift!.memorySlopeBytesPerHour).toBeNull();
  const p95 = byId(criteria, 'p95-drift-under-limit');
  expect(p95).toMatchObject({ status: 'fail', unit: 'ms/h' });
  expect(p95.description).toContain('scaled hour (60 s)');
  expect(byId(criteria, 'error-drift-under-limit').status).toBe('pass');
  expect(criteria.map((c) => c.id)).not.toContain('memory-drift-under-limit');
});

test('a flat, noisy run passes; rising errors fail', () => {
  const flat = soak(noisy(() => ({ rps: 100, p95Ms: 100, errorRate: 0.002 })));
  expect(Math.abs(flat.results.drift!.p95SlopeMsPerHour!)).toBeLessThan(5);
  expect(flat.criteria.map((c) => c.status)).toEqual(['pass', 'pass']);
  const rising = soak(noisy((s) => ({ rps: 1000, p95Ms: 100, errorRate: 0.0002 * s })));
  expect(rising.results.drift!.errorRateSlopePerHour).toBeCloseTo(0.012, 2);
  expect(byId(rising.criteria, 'error-drift-under-limit').status).toBe('fail');
});

test('memory: the replica growing fastest against its median is judged and named', () => {
  const series = noisy(() => ({ rps: 100, p95Ms: 100 }));
  const flatMemory = Array.from({ length: 90 }, (_, s) => ({
    replica: 'order-0',
    t: START_T + s,
    bytes: 100 * MIB,
  }));
  const leaking = Array.from({ length: 90 }, (_, s) => ({
    replica: 'order-1',
    t: START_T + s,
    bytes: (100 + 0.2 * s) * MIB,
  }));
  const leak = soak({ ...series, targetMemory: [...flatMemory, ...leaking] });
  expect(leak.results.drift!.memorySlopeBytesPerHour! / MIB).toBeCloseTo(12, 6);
  const memory = byId(leak.criteria, 'memory-drift-under-limit');
  expect(memory).toMatchObject({ status: 'fail', unit: 'bytes/h' });
  expect(memory.description).toContain('order-1');
  const steady = soak({ ...series, targetMemory: flatMemory });
  expect(byId(steady.criteria, 'memory-drift-under-limit').status).toBe('pass');
});

test('fewer than 3 buckets: too short to judge, slopes null', () => {
  // At full scale a bucket is a minute: 100 s of run make 2 buckets.
  const { results, criteria } = soak(
    noisy(() => ({ rps: 100, p95Ms: 100 }), 100),
    1,
  );
  expect(results.drift).toMatchObject({ p95SlopeMsPerHour: null, errorRateSlopePerHour: null, minutes: 2 });
  for (const c of criteria)
    expect(c).toMatchObject({ status: 'inconclusive', inconclusive: 'too short to judge' });
});

test('minute points of a coarsened full-scale series give slopes per real hour', () => {
  const series = noisy((s) => ({ rps: 100, p95Ms: 100 + 10 * s }), 10);
  series.points = series.points.map((p, i) => ({ ...p, t: START_T + 60 * i, spanS: 60 }));
  const { results } = soak(series, 1);
  expect(results.drift!.minutes).toBe(10);
  expect(results.drift!.p95SlopeMsPerHour).toBeGreaterThan(500);
  expect(results.drift!.p95SlopeMsPerHour).toBeLessThan(700);
});

test('generator lagging in more than 10 % of the buckets: inconclusive', () => {
  const { results, criteria } = soak(
    noisy((s) => ({ rps: 100, p95Ms: 100, startLagMs: s % 5 === 0 ? 12 : 1 })),
  );
  expect(results.drift!.minutes).toBe(72);
  for (const c of criteria)
    expect(c).toMatchObject({ status: 'inconclusive', inconclusive: 'generator overloaded' });
});
