// The entry point: whole-run breakdown, generator lag, and which analyses each profile gets.
import { expect, test } from 'vitest';
import { analyzeRun } from '../../../../src/results/analysis/analyze-run.ts';
import { buildSeries, START_T, seconds } from '../synthetic-series.ts';

const runStartMs = START_T * 1000;

test('overall figures and per-service / per-operation rows for the whole run', () => {
  const series = buildSeries(
    seconds(10, { rps: 100, p95Ms: 200, serviceErrorRates: { 'order-service': 0.2 } }),
  );
  const { results, criteria } = analyzeRun({
    profile: 'normal',
    series,
    loadScale: 1,
    vuScale: 1,
    runStartMs,
  });
  expect(results.overall).toMatchObject({ requests: 1000, failed: 50, rps: 100 });
  expect(results.overall.p95Ms).toBeCloseTo(200, -1);
  expect(results.services.map((r) => r.name)).toEqual([
    'customer-service',
    'order-service',
    'product-service',
  ]);
  expect(results.services[1].errorRate).toBeCloseTo(0.2, 6);
  expect(results.operations.map((r) => r.name)).toEqual(['customer_read', 'order_create', 'product_read']);
  expect(results.generatorLag).toEqual([]);
  expect(results.chaos).toBeUndefined();
  expect(results.breakingPoint ?? results.spike ?? results.drift ?? results.breakpoint).toBeUndefined();
  expect(criteria).toEqual([]);
});

test('an empty series is analysed without failing', () => {
  const series = buildSeries([]);
  for (const profile of ['smoke', 'normal', 'stress', 'spike', 'soak', 'breakpoint'] as const) {
    const { results, criteria } = analyzeRun({ profile, series, loadScale: 0.05, vuScale: 1, runStartMs });
    expect(results.overall.requests).toBe(0);
    for (const c of criteria) expect(c.status).not.toBe('pass');
  }
});
