// The profile's threshold criteria read from a k6 end-of-test summary: pass / fail from the
// summary's own threshold verdicts, the observed aggregation and its unit, "no data" kept apart from
// a pass (empty trend, empty rate, counter whose request slice is empty), thresholds judged here when
// the engine ran without them, breakpoint's abort thresholds left out and rate targets at VU_SCALE.
import { describe, expect, test } from 'vitest';
import { type SummaryLike, thresholdCriteria } from '../../../src/results/threshold-criteria.ts';
import type { CriterionResult } from '../../../src/results/types.ts';
import { PROFILES } from '../../../src/vu/profiles.ts';

const FULL = { loadScale: 1, vuScale: 1 };
type Thresholds = Record<string, { ok: boolean }>;
type SummaryMetrics = NonNullable<SummaryLike['metrics']>;

const trend = (values: Record<string, number>, thresholds?: Thresholds) => ({
  type: 'trend',
  values: { avg: 50, min: 1, max: 900, med: 40, 'p(90)': 90, ...values },
  ...(thresholds ? { thresholds } : {}),
});
const rate = (failed: number, ok: number, thresholds?: Thresholds) => ({
  type: 'rate',
  values: { rate: failed + ok > 0 ? failed / (failed + ok) : 0, passes: failed, fails: ok },
  ...(thresholds ? { thresholds } : {}),
});
const counter = (count: number, perSecond: number, thresholds?: Thresholds) => ({
  type: 'counter',
  values: { count, rate: perSecond },
  ...(thresholds ? { thresholds } : {}),
});

/** A normal-profile summary at full scale; `ok` sets every threshold verdict, undefined leaves them out. */
function normalSummary(ok: boolean | undefined, overrides: SummaryMetrics = {}): SummaryLike {
  const t = (expression: string) => (ok === undefined ? undefined : { [expression]: { ok } });
  return {
    metrics: {
      http_req_duration: trend(
        { count: 18_000, 'p(95)': 212, 'p(99)': 870 },
        {
          ...t('p(95)<500'),
          ...t('p(99)<1000'),
        },
      ),
      http_req_failed: rate(4, 17_996, t('rate<0.001')),
      iterations: counter(18_000, 99.8, t('rate>=95')),
      ...overrides,
    },
  };
}

interface NoDataCase {
  name: string;
  overrides: SummaryMetrics;
  /** A metric to leave out of the summary. */
  remove?: string;
  ids: string[];
}
interface JudgedCase {
  name: string;
  metric: string;
  values: Record<string, number>;
  id: string;
  pass: boolean;
}

const byId = (criteria: CriterionResult[], id: string) => {
  const found = criteria.find((c) => c.id === id);
  if (!found) throw new Error(`no criterion ${id} in ${criteria.map((c) => c.id).join(', ')}`);
  return found;
};

describe('thresholds the engine evaluated', () => {
  test('every criterion of the profile, in order, with observed value, unit and limit', () => {
    const criteria = thresholdCriteria(PROFILES.normal, FULL, normalSummary(true));
    expect(
      criteria.map(({ id, observed, unit, limit, status, pass, source }) => ({
        id,
        observed,
        unit,
        limit,
        status,
        pass,
        source,
      })),
    ).toEqual([
      {
        id: 'p95-under-500ms',
        observed: 212,
        unit: 'ms',
        limit: 'http_req_duration p(95)<500',
        status: 'pass',
        pass: true,
        source: 'threshold',
      },
      {
        id: 'p99-under-1000ms',
        observed: 870,
        unit: 'ms',
        limit: 'http_req_duration p(99)<1000',
        status: 'pass',
        pass: true,
        source: 'threshold',
      },
      {
        id: 'errors-under-0.1pct',
        observed: 4 / 18_000,
        unit: 'ratio',
        limit: 'http_req_failed rate<0.001',
        status: 'pass',
        pass: true,
        source: 'threshold',
      },
      {
        id: 'target-rate-reached',
        observed: 99.8,
        unit: 'rps',
        limit: 'iterations rate>=95',
        status: 'pass',
        pass: true,
        source: 'threshold',
      },
    ]);
    expect(criteria.every((c) => c.description.length > 0 && c.inconclusive === undefined)).toBe(true);
  });

  test("the engine's verdict decides, even where the observed value reads otherwise", () => {
    const criteria = thresholdCriteria(PROFILES.normal, FULL, normalSummary(false));
    expect(criteria.map((c) => [c.id, c.status, c.pass])).toEqual([
      ['p95-under-500ms', 'fail', false],
      ['p99-under-1000ms', 'fail', false],
      ['errors-under-0.1pct', 'fail', false],
      ['target-rate-reached', 'fail', false],
    ]);
    expect(byId(criteria, 'p95-under-500ms').observed).toBe(212);
  });

  test('one failed threshold fails only its own criterion', () => {
    const summary = normalSummary(true, {
      http_req_duration: trend(
        { count: 100, 'p(95)': 612, 'p(99)': 870 },
        {
          'p(95)<500': { ok: false },
          'p(99)<1000': { ok: true },
        },
      ),
    });
    const criteria = thresholdCriteria(PROFILES.normal, FULL, summary);
    expect(criteria.map((c) => c.status)).toEqual(['fail', 'pass', 'pass', 'pass']);
    expect(byId(criteria, 'p95-under-500ms').observed).toBe(612);
  });

  test('smoke: checks and failed requests as rate==1 and rate==0', () => {
    const summary: SummaryLike = {
      metrics: {
        checks: {
          type: 'rate',
          values: { rate: 1, passes: 12, fails: 0 },
          thresholds: { 'rate==1': { ok: true } },
        },
        http_req_failed: rate(1, 11, { 'rate==0': { ok: false } }),
      },
    };
    const criteria = thresholdCriteria(PROFILES.smoke, FULL, summary);
    expect(criteria.map((c) => [c.id, c.status, c.observed, c.unit])).toEqual([
      ['all-checks-pass', 'pass', 1, 'ratio'],
      ['no-failed-requests', 'fail', 1 / 12, 'ratio'],
    ]);
  });
});

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

describe('profiles and scales', () => {
  test("breakpoint's abort-on-fail thresholds are not criteria (the abort is its expected end)", () => {
    const summary: SummaryLike = {
      metrics: {
        http_req_duration: trend({ count: 5000, 'p(95)': 800 }, { 'p(95)<500': { ok: false } }),
        http_req_failed: rate(0, 5000, { 'rate<0.01': { ok: true } }),
      },
    };
    expect(thresholdCriteria(PROFILES.breakpoint, { loadScale: 0.0125, vuScale: 0.4 }, summary)).toEqual([]);
  });

  test.each([
    { profile: 'normal', vuScale: 1, limit: 'iterations rate>=95' },
    { profile: 'normal', vuScale: 0.5, limit: 'iterations rate>=47.5' },
    { profile: 'normal', vuScale: 0.05, limit: 'iterations rate>=4.75' },
    { profile: 'normal', vuScale: 0.001, limit: 'iterations rate>=0.95' },
    { profile: 'soak', vuScale: 0.5, limit: 'iterations rate>=95' },
  ] as const)('$profile at vuScale $vuScale: $limit', ({ profile, vuScale, limit }) => {
    const expression = limit.slice('iterations '.length);
    const summary: SummaryLike = {
      metrics: { iterations: counter(1000, 50, { [expression]: { ok: true } }) },
    };
    const criterion = byId(
      thresholdCriteria(PROFILES[profile], { loadScale: 1, vuScale }, summary),
      'target-rate-reached',
    );
    expect(criterion).toMatchObject({ limit, status: 'pass', observed: 50 });
  });

  test('a scaled rate target is judged against the scaled rate when the engine did not', () => {
    const summary: SummaryLike = { metrics: { iterations: counter(1000, 48, undefined) } };
    const half = byId(
      thresholdCriteria(PROFILES.normal, { loadScale: 1, vuScale: 0.5 }, summary),
      'target-rate-reached',
    );
    expect(half.status).toBe('pass');
    const full = byId(thresholdCriteria(PROFILES.normal, FULL, summary), 'target-rate-reached');
    expect(full.status).toBe('fail');
  });
});

test('a counter judged without its requests slice in the summary keeps its own verdict', () => {
  const [criterion] = thresholdCriteria(
    PROFILES.spike,
    { loadScale: 1, vuScale: 1 },
    {
      metrics: {
        'gateway_overflows{phase:post}': {
          type: 'counter',
          values: { count: 3 },
          thresholds: { 'count==0': { ok: false } },
        },
      },
    },
  ).filter((c) => c.id === 'no-pool-exhaustion-after-spike');
  expect(criterion).toMatchObject({ status: 'fail', observed: 3 });
});
