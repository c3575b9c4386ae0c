// The profile's threshold criteria read from a k6 end-of-test summary: pass / fail from the
// summary's own threshold verdicts, the observed aggregation and its unit, breakpoint's abort
// thresholds left out and rate targets at VU_SCALE. (No data and missing thresholds: the sibling file.)
import { describe, expect, test } from 'vitest';
import { type SummaryLike, thresholdCriteria } from '../../../src/results/threshold-criteria.ts';
import { PROFILES } from '../../../src/vu/profiles.ts';
import { byId, counter, FULL, normalSummary, rate, trend } from './summary-fixture.ts';

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
