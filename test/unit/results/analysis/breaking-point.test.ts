// Stress: the breaking step, its VUs and throughput, per-service errors, and whether errors spread.
import { expect, test } from 'vitest';
import type { CriterionResult } from '../../../../src/results/types.ts';
import { analyzeRun } from '../../../../src/results/analysis/analyze-run.ts';
import { buildSeries, type SecondSpec, START_T } from '../synthetic-series.ts';

// At LOAD_SCALE 0.025 each 5-minute step lasts 7.5 s; the run (with hold and ramp-down) 90 s.
const loadScale = 0.025;
const stepOf = (s: number) => Math.min(10, Math.floor(s / 7.5) + 1);

function stress(specOf: (step: number) => SecondSpec) {
  const specs = Array.from({ length: 75 }, (_, s) => ({ vus: stepOf(s) * 50, ...specOf(stepOf(s)) }));
  const series = buildSeries(specs);
  return analyzeRun({ profile: 'stress', series, loadScale, vuScale: 0.5, runStartMs: START_T * 1000 });
}
const spreadCriterion = (criteria: CriterionResult[]) =>
  criteria.find((c) => c.id === 'errors-do-not-spread')!;

test('the first step past p95 500 ms or 1 % errors is the breaking point, with its VUs and rps', () => {
  const { results, criteria } = stress((step) => ({
    rps: step * 20,
    p95Ms: 100,
    serviceErrorRates: step >= 4 ? { 'order-service': 0.2 } : undefined,
  }));
  const bp = results.breakingPoint!;
  expect(bp.step).toMatchObject({ name: 'step-4', vus: 200, p95Ms: expect.closeTo(100, -1) });
  expect(bp.step!.errorRate).toBeCloseTo(0.05, 2);
  expect(bp.step!.rps).toBeCloseTo(80, 6);
  expect(bp.steps.map((s) => s.name)).toHaveLength(10);
  expect(bp.serviceErrorRates['order-service']).toBeCloseTo(0.2, 2);
  expect(bp.serviceErrorRates['product-service']).toBe(0);
  const spread = spreadCriterion(criteria);
  expect(spread).toMatchObject({ status: 'pass', observed: 0 });
  expect(spread.description).toContain('other than order-service');
});

test('latency alone can break a step', () => {
  const { results } = stress((step) => ({ rps: 50, p95Ms: step >= 7 ? 700 : 100 }));
  expect(results.breakingPoint!.step?.name).toBe('step-7');
});

test('broken from the start: step-1', () => {
  const { results } = stress(() => ({ rps: 50, p95Ms: 600 }));
  expect(results.breakingPoint!.step?.name).toBe('step-1');
});

test('not reached within the profile: null, service error rates of the last step', () => {
  const { results, criteria } = stress(() => ({ rps: 50, p95Ms: 100, errorRate: 0.001 }));
  expect(results.breakingPoint!.step).toBeNull();
  expect(Object.keys(results.breakingPoint!.serviceErrorRates)).toHaveLength(3);
  expect(spreadCriterion(criteria)).toMatchObject({ status: 'pass' });
  expect(spreadCriterion(criteria).description).toContain('step-10');
});

test('errors spreading from the first service to the others fail, naming them', () => {
  const { criteria } = stress((step) => ({
    rps: 100,
    p95Ms: 100,
    serviceErrorRates:
      step >= 5 ? { 'order-service': 0.5, 'customer-service': 0.2, 'product-service': 0.002 } : undefined,
  }));
  const spread = spreadCriterion(criteria);
  expect(spread).toMatchObject({ status: 'fail', pass: false });
  expect(spread.observed).toBeCloseTo(0.2, 6);
  expect(spread.description).toContain('order-service broke first at breaking step step-5');
  expect(spread.description).toContain('spread to customer-service');
  expect(spread.description).not.toContain('product-service');
});

test('a run that ended early only reports the steps it reached', () => {
  const series = buildSeries(Array.from({ length: 20 }, () => ({ rps: 50, p95Ms: 100, vus: 50 })));
  const { results } = analyzeRun({
    profile: 'stress',
    series,
    loadScale,
    vuScale: 0.5,
    runStartMs: START_T * 1000,
  });
  expect(results.breakingPoint!.steps.map((s) => s.name)).toEqual(['step-1', 'step-2', 'step-3']);
});
