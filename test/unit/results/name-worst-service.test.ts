// A failed run-wide error-rate threshold names the service the errors came from (the one with the
// highest error rate over the run); passing criteria, latency criteria and a run without errors
// keep their descriptions as the profile wrote them.
import { describe, expect, test } from 'vitest';
import { nameWorstService } from '../../../src/results/name-worst-service.ts';
import type { BreakdownRow, CriterionResult } from '../../../src/results/types.ts';
import { buildSeries, seconds } from './synthetic-series.ts';
import { normalSummary, verdictOf } from './verdict-inputs.ts';

const errorsCriterion = (overrides: Partial<CriterionResult> = {}): CriterionResult => ({
  id: 'errors-under-0.1pct',
  description: 'fewer than 0.1 % of requests failed',
  limit: 'http_req_failed rate<0.001',
  observed: 0.1,
  unit: 'ratio',
  pass: false,
  status: 'fail',
  source: 'threshold',
  ...overrides,
});

const row = (name: string, requests: number, failed: number): BreakdownRow => ({
  name,
  requests,
  failed,
  errorRate: requests > 0 ? failed / requests : null,
  p50Ms: 10,
  p95Ms: 20,
  p99Ms: 30,
  rps: requests / 30,
});

describe('nameWorstService', () => {
  const services = [
    row('customer-service', 100, 0),
    row('order-service', 50, 25),
    row('payment-service', 20, 2),
  ];

  test('a failed run-wide error threshold names the service with the highest error rate', () => {
    const [named] = nameWorstService([errorsCriterion()], services);
    expect(named!.description).toBe(
      'fewer than 0.1 % of requests failed; most errors: order-service (50 % of its 50 requests)',
    );
  });

  test('passing, latency, tagged and analysis criteria are left alone', () => {
    const untouched = [
      errorsCriterion({ pass: true, status: 'pass' }),
      errorsCriterion({ id: 'p95-under-500ms', limit: 'http_req_duration p(95)<500', unit: 'ms' }),
      errorsCriterion({ id: 'spike-errors-under-5pct', limit: 'http_req_failed{phase:spike} rate<0.05' }),
      errorsCriterion({ source: 'analysis', limit: '< 5 %' }),
    ];
    expect(nameWorstService(untouched, services)).toEqual(untouched);
  });

  test('no service with errors (or no breakdown): nothing to name', () => {
    const criteria = [errorsCriterion()];
    expect(nameWorstService(criteria, [row('customer-service', 100, 0)])).toEqual(criteria);
    expect(nameWorstService(criteria, [])).toEqual(criteria);
  });
});

test('the verdict of a run whose order-service failed names it in the failed errors criterion', () => {
  const series = buildSeries(
    seconds(30, { rps: 100, p95Ms: 100, serviceErrorRates: { 'order-service': 0.4 } }),
  );
  const verdict = verdictOf({ summary: normalSummary({ failed: 300 }), series, engineExitCode: 99 });
  const errors = verdict.criteria.find((c) => c.id === 'errors-under-0.1pct');
  expect(errors).toMatchObject({ status: 'fail' });
  expect(errors!.description).toMatch(/most errors: order-service \(40 % of its \d+ requests\)$/);
  expect(verdict.criteria.find((c) => c.id === 'p95-under-500ms')!.description).not.toMatch(/order-service/);
});
