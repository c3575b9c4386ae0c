// Threshold criteria without a verdict to read: "no data" kept apart from a pass (empty trend, empty
// rate, counter whose request slice is empty), and thresholds judged here when the engine ran
// without them (k6 --no-thresholds).
import { describe, expect, test } from 'vitest';
import { type SummaryLike, thresholdCriteria } from '../../../src/results/threshold-criteria.ts';
import { PROFILES } from '../../../src/vu/profiles.ts';
import {
  byId,
  counter,
  FULL,
  type JudgedCase,
  type NoDataCase,
  normalSummary,
  rate,
  trend,
} from './summary-fixture.ts';

describe('no data is not a pass', () => {
  test.each([
    {
      name: 'a trend without samples',
      overrides: {
        http_req_duration: trend({ count: 0, 'p(95)': 0, 'p(99)': 0 }, { 'p(95)<500': { ok: true } }),
      },
      ids: ['p95-under-500ms', 'p99-under-1000ms'],
    },
    {
      name: 'a rate without passes or fails',
      overrides: { http_req_failed: rate(0, 0, { 'rate<0.001': { ok: true } }) },
      ids: ['errors-under-0.1pct'],
    },
    {
      name: 'a metric missing from the summary',
      overrides: {},
      remove: 'http_req_failed',
      ids: ['errors-under-0.1pct'],
    },
    {
      name: 'a counter missing from the summary',
      overrides: {},
      remove: 'iterations',
      ids: ['target-rate-reached'],
    },
  ] as NoDataCase[])('$name: inconclusive, observed null', ({ overrides, remove, ids }) => {
    const summary = normalSummary(true, overrides);
    if (remove) delete summary.metrics![remove];
    const criteria = thresholdCriteria(PROFILES.normal, FULL, summary);
    for (const c of criteria) {
      if (ids.includes(c.id)) {
        expect(c).toMatchObject({
          status: 'inconclusive',
          pass: null,
          observed: null,
          inconclusive: 'no data',
        });
      } else {
        expect(c.status).toBe('pass');
      }
    }
  });

  test('a summary without metrics: every criterion inconclusive', () => {
    const criteria = thresholdCriteria(PROFILES.normal, FULL, {});
    expect(criteria).toHaveLength(4);
    expect(criteria.every((c) => c.status === 'inconclusive' && c.observed === null)).toBe(true);
  });

  /** A spike summary whose post phase saw `postRequests` requests and `overflows` overflows. */
  function spikeSummary(postRequests: number, overflows: number, withThresholds = true): SummaryLike {
    const t = (expression: string, ok: boolean) => (withThresholds ? { [expression]: { ok } } : undefined);
    return {
      metrics: {
        'http_req_failed{phase:spike}': rate(3, 997, t('rate<0.05', true)),
        'http_req_duration{phase:post}': trend(
          { count: postRequests, 'p(95)': postRequests > 0 ? 140 : 0 },
          t('p(95)<500', true),
        ),
        'http_req_failed{phase:post}': rate(0, postRequests, t('rate<0.01', true)),
        'gateway_overflows{phase:post}': counter(overflows, 0, t('count==0', overflows === 0)),
      },
    };
  }

  test('a counter with a tag selector is "no data" when that slice saw no requests', () => {
    const criteria = thresholdCriteria(PROFILES.spike, FULL, spikeSummary(0, 0));
    expect(byId(criteria, 'no-pool-exhaustion-after-spike')).toMatchObject({
      status: 'inconclusive',
      observed: null,
      inconclusive: 'no data',
      unit: 'count',
    });
    expect(byId(criteria, 'post-spike-p95-under-500ms').status).toBe('inconclusive');
    expect(byId(criteria, 'post-spike-errors-under-1pct').status).toBe('inconclusive');
    expect(byId(criteria, 'spike-errors-under-5pct').status).toBe('pass');
  });

  test.each([
    { overflows: 0, status: 'pass' },
    { overflows: 7, status: 'fail' },
  ])(
    'a counter whose slice had requests is judged: $overflows overflows → $status',
    ({ overflows, status }) => {
      for (const withThresholds of [true, false]) {
        const criteria = thresholdCriteria(
          PROFILES.spike,
          FULL,
          spikeSummary(500, overflows, withThresholds),
        );
        expect(byId(criteria, 'no-pool-exhaustion-after-spike')).toMatchObject({
          status,
          observed: overflows,
          unit: 'count',
          limit: 'gateway_overflows{phase:post} count==0',
        });
      }
    },
  );
});

describe('thresholds missing from the summary (k6 --no-thresholds): judged from the value', () => {
  test.each([
    {
      name: 'p95 under the limit',
      metric: 'http_req_duration',
      values: { 'p(95)': 499.9 },
      id: 'p95-under-500ms',
      pass: true,
    },
    {
      name: 'p95 at the limit (strict <)',
      metric: 'http_req_duration',
      values: { 'p(95)': 500 },
      id: 'p95-under-500ms',
      pass: false,
    },
    {
      name: 'p99 over the limit',
      metric: 'http_req_duration',
      values: { 'p(99)': 1200 },
      id: 'p99-under-1000ms',
      pass: false,
    },
    {
      name: 'error rate at the limit',
      metric: 'http_req_failed',
      values: { rate: 0.001 },
      id: 'errors-under-0.1pct',
      pass: false,
    },
    {
      name: 'rate exactly at the target (>=)',
      metric: 'iterations',
      values: { rate: 95 },
      id: 'target-rate-reached',
      pass: true,
    },
    {
      name: 'rate under the target',
      metric: 'iterations',
      values: { rate: 94.99 },
      id: 'target-rate-reached',
      pass: false,
    },
  ] as JudgedCase[])('$name', ({ metric, values, id, pass }) => {
    const base = normalSummary(undefined);
    const metrics = base.metrics!;
    const original = metrics[metric]!;
    metrics[metric] = { ...original, values: { ...original.values, ...values } };
    const criterion = byId(thresholdCriteria(PROFILES.normal, FULL, base), id);
    expect(criterion).toMatchObject({ pass, status: pass ? 'pass' : 'fail' });
    expect(criterion.observed).toBe(Object.values(values)[0]);
  });

  test('the summary value without the aggregation the expression needs: inconclusive', () => {
    const summary = normalSummary(undefined, {
      http_req_duration: { type: 'trend', values: { count: 100, avg: 50, min: 1, max: 90 } },
    });
    const criteria = thresholdCriteria(PROFILES.normal, FULL, summary);
    expect(byId(criteria, 'p95-under-500ms')).toMatchObject({
      status: 'inconclusive',
      pass: null,
      observed: null,
      inconclusive: 'no data',
    });
    expect(byId(criteria, 'errors-under-0.1pct').status).toBe('pass');
  });
});
