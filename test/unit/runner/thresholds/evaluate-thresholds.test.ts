import { describe, expect, it } from 'vitest';
import { MetricRegistry } from '../../../../src/runner/metrics/registry.ts';
import {
  evaluateThresholds,
  findAbortingThreshold,
} from '../../../../src/runner/thresholds/evaluate-thresholds.ts';
import { parseThresholds } from '../../../../src/runner/thresholds/parse-threshold.ts';

const T0 = 1_700_000_000_000;

function setup(thresholds: Record<string, unknown[]>) {
  const registry = new MetricRegistry();
  registry.define('errors', 'counter');
  const parsed = parseThresholds(thresholds, (n) => registry.typeOf(n));
  expect(parsed.problems).toEqual([]);
  for (const key of parsed.metricKeys) if (key.includes('{')) registry.defineSubmetric(key);
  return { registry, specs: parsed.specs };
}

describe('evaluateThresholds', () => {
  it('passes and fails on known data and reports the observed value', () => {
    const { registry, specs } = setup({
      http_req_duration: ['avg<25', 'max<=40', 'p(50)>=10', 'min==10', 'med!=0'],
      'http_req_duration{service:a}': ['max<15'],
      http_reqs: ['count===4', 'rate>2'],
      http_req_failed: ['rate<0.2'],
      vus: ['value>5'],
    });
    for (const [v, service] of [
      [10, 'a'],
      [20, 'b'],
      [30, 'b'],
      [40, 'b'],
    ] as const) {
      registry.add('http_req_duration', v, { service }, T0);
      registry.add('http_reqs', 1, { service }, T0);
      registry.add('http_req_failed', v === 40, { service }, T0);
    }
    registry.add('vus', 5, {}, T0);
    const results = evaluateThresholds(specs, registry, 1000);
    expect(results.map((r) => [r.spec.metricKey, r.spec.expression, r.ok, r.observed])).toEqual([
      ['http_req_duration', 'avg<25', false, 25],
      ['http_req_duration', 'max<=40', true, 40],
      ['http_req_duration', 'p(50)>=10', true, expect.closeTo(20, 1)],
      ['http_req_duration', 'min==10', true, 10],
      ['http_req_duration', 'med!=0', true, expect.closeTo(20, 1)],
      ['http_req_duration{service:a}', 'max<15', true, 10],
      ['http_reqs', 'count===4', true, 4],
      ['http_reqs', 'rate>2', true, 4],
      ['http_req_failed', 'rate<0.2', false, 0.25],
      ['vus', 'value>5', false, 5],
    ]);
  });

  it('evaluates metrics without samples with zero values at the end, skips them while running', () => {
    const { registry, specs } = setup({ errors: ['count>0'], http_req_failed: ['rate<0.01'] });
    expect(evaluateThresholds(specs, registry, 1000).map((r) => [r.ok, r.observed])).toEqual([
      [false, 0],
      [true, 0],
    ]);
    expect(
      evaluateThresholds(specs, registry, 1000, { skipEmpty: true }).map((r) => [r.ok, r.observed]),
    ).toEqual([
      [true, undefined],
      [true, undefined],
    ]);
  });

  it('fails a threshold whose sub-metric was never declared instead of hiding it', () => {
    const registry = new MetricRegistry();
    const { specs } = parseThresholds({ 'http_reqs{service:x}': ['count<1'] });
    expect(evaluateThresholds(specs, registry, 1000)).toEqual([
      { spec: specs[0], ok: false, observed: undefined },
    ]);
  });

  it('aborts only on failed abortOnFail thresholds past their delayAbortEval', () => {
    const { registry, specs } = setup({
      http_req_failed: [{ threshold: 'rate<0.5', abortOnFail: true, delayAbortEval: '10s' }],
      http_reqs: ['count>100'],
    });
    registry.add('http_req_failed', 1, {}, T0);
    const results = evaluateThresholds(specs, registry, 5000);
    expect(results.map((r) => r.ok)).toEqual([false, false]);
    expect(findAbortingThreshold(results, 5000)).toBeUndefined();
    expect(findAbortingThreshold(results, 10_001)?.spec.expression).toBe('rate<0.5');
  });
});
