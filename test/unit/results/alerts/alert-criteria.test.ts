// Would the platform's alert rules have fired during a run? HighErrorRate, HighLatency and
// CircuitBreakerOpen evaluated on synthetic run series as Prometheus evaluates a rule (every 30 s over
// a 5 m window, firing once the condition held for `for`), PodDown from resources.json: firing and
// not firing, the boundaries of threshold, `for` and run length, judged vs reported per profile.
import { describe, expect, test } from 'vitest';
import { alertCriteria } from '../../../../src/results/alerts/alert-criteria.ts';
import { POD_DOWN } from '../../../../src/results/alerts/alert-rules.ts';
import { RESOURCES_SCHEMA, type ResourcesFile } from '../../../../src/results/resources/resources-file.ts';
import type { CriterionResult, RunSeries } from '../../../../src/results/types.ts';
import type { ProfileName } from '../../../../src/vu/profiles.ts';
import { buildSeries, type SecondSpec, START_T } from '../synthetic-series.ts';

const START_MS = START_T * 1000;
const healthy: SecondSpec = { rps: 100, p95Ms: 80 };

/** `length` seconds of healthy traffic; from `fromS` on, `spec` instead. */
function run(length: number, fromS: number, spec: SecondSpec): RunSeries {
  return buildSeries(Array.from({ length }, (_, s) => (s >= fromS ? spec : healthy)));
}

function criteriaOf(
  series: RunSeries,
  profile: ProfileName = 'normal',
  resources?: ResourcesFile,
  lag: { fromMs: number; toMs: number }[] = [],
): CriterionResult[] {
  const last = series.points[series.points.length - 1]!;
  return alertCriteria({
    profile,
    points: series.points,
    runStartMs: START_MS,
    seriesEndMs: (last.t + last.spanS) * 1000,
    lag,
    resources,
  });
}

const byId = (criteria: CriterionResult[], id: string) => {
  const found = criteria.find((c) => c.id === id);
  if (!found) throw new Error(`no criterion ${id}`);
  return found;
};

// order-service fails every request from second 300: the first 30 s step with errors puts its 5 m
// share far above 1 %, from the evaluation at 330 s on; 300 s later (630 s) the alert fires.
const orderServiceDown: SecondSpec = { ...healthy, serviceErrorRates: { 'order-service': 1 } };

describe('HighErrorRate (5xx share over 5m > 1 % for 5m, critical)', () => {
  test('fires when the condition held for 5 minutes: the run fails and the service is named', () => {
    const c = byId(criteriaOf(run(630, 300, orderServiceDown)), 'alert-high-error-rate');
    expect(c).toMatchObject({
      status: 'fail',
      pass: false,
      observed: 300_000,
      unit: 'ms',
      limit: 'held < 5m',
    });
    expect(c.description).toContain('would have fired on order-service');
  });

  test('held 4m30s by the end of the run: would not have fired', () => {
    const c = byId(criteriaOf(run(629, 300, orderServiceDown)), 'alert-high-error-rate');
    expect(c).toMatchObject({ status: 'pass', pass: true, observed: 270_000 });
    expect(c.description).toContain('would not have fired');
    expect(c.description).toContain('order-service');
  });

  test('exactly 1 % is not above the threshold; 2 % is', () => {
    // At 200 requests a second product-service has 100: 1 % and 2 % are whole failures.
    const at = (rate: number) =>
      byId(
        criteriaOf(run(660, 0, { rps: 200, p95Ms: 80, serviceErrorRates: { 'product-service': rate } })),
        'alert-high-error-rate',
      );
    expect(at(0.02)).toMatchObject({ status: 'fail' });
    expect(at(0.01)).toMatchObject({ status: 'pass', observed: 0 });
  });

  test('a run shorter than window + for (10 min) is not measured, whatever its errors', () => {
    const c = byId(criteriaOf(run(599, 0, orderServiceDown)), 'alert-high-error-rate');
    expect(c).toMatchObject({
      status: 'not-measured',
      pass: null,
      observed: null,
      notMeasured: "run shorter than the alert's window + for (10m)",
    });
    expect(byId(criteriaOf(run(600, 0, orderServiceDown)), 'alert-high-error-rate').status).toBe('fail');
  });

  test.each(['stress', 'spike', 'breakpoint'] as const)(
    '%s pushes past normal load: reported, not judged',
    (profile) => {
      const c = byId(criteriaOf(run(630, 300, orderServiceDown), profile), 'alert-high-error-rate');
      expect(c).toMatchObject({
        status: 'reported',
        pass: null,
        observed: 300_000,
        limit: `none for ${profile}`,
      });
      expect(c.description).toContain('would have fired on order-service');
    },
  );

  test.each(['smoke', 'normal', 'soak'] as const)('%s is judged', (profile) => {
    expect(byId(criteriaOf(run(630, 300, orderServiceDown), profile), 'alert-high-error-rate').status).toBe(
      'fail',
    );
  });
});

describe('HighLatency (p95 over 5m > 1000 ms for 5m, warning)', () => {
  test('a service at p95 1.5 s for the whole run fires; 900 ms does not', () => {
    const slow = (p95: number) =>
      byId(
        criteriaOf(run(660, 0, { ...healthy, serviceP95Ms: { 'order-service': p95 } })),
        'alert-high-latency',
      );
    const fired = slow(1500);
    expect(fired).toMatchObject({ status: 'fail', observed: 360_000 });
    expect(fired.description).toContain('would have fired on order-service');
    expect(slow(900)).toMatchObject({ status: 'pass', observed: 0 });
  });

  test('fired while the load generator lagged: inconclusive, the delay may be the generator own', () => {
    const series = run(660, 0, { ...healthy, p95Ms: 1500 });
    const lag = [{ fromMs: START_MS, toMs: START_MS + 660_000 }];
    expect(byId(criteriaOf(series, 'normal', undefined, lag), 'alert-high-latency')).toMatchObject({
      status: 'inconclusive',
      inconclusive: 'generator overloaded',
    });
  });
});

describe('CircuitBreakerOpen (503 UO rate over 1m > 0 for 2m, warning)', () => {
  /** Overflows on `service` in every second from `fromS` (per-service counts as the series reader keeps them). */
  function overflowing(length: number, fromS: number, service: string): RunSeries {
    const series = run(length, 0, healthy);
    for (const point of series.points)
      if (point.t - START_T >= fromS) point.overflowsByService = { [service]: 1 };
    return series;
  }

  test('overflows from the first second: fires once 2 minutes have held, naming the service', () => {
    const c = byId(criteriaOf(overflowing(180, 0, 'order-service')), 'alert-circuit-breaker-open');
    expect(c).toMatchObject({ status: 'fail', observed: 120_000 });
    expect(c.description).toContain('order-service');
  });

  test('overflows only in the last 90 s: pending, not fired', () => {
    expect(
      byId(criteriaOf(overflowing(450, 360, 'order-service')), 'alert-circuit-breaker-open'),
    ).toMatchObject({
      status: 'pass',
      observed: 60_000,
    });
  });

  test('no overflows: never pending; shorter than 3 min: not measured', () => {
    expect(byId(criteriaOf(run(420, 0, healthy)), 'alert-circuit-breaker-open')).toMatchObject({
      status: 'pass',
      observed: 0,
    });
    expect(
      byId(criteriaOf(overflowing(179, 0, 'order-service')), 'alert-circuit-breaker-open'),
    ).toMatchObject({
      status: 'not-measured',
      notMeasured: "run shorter than the alert's window + for (3m)",
    });
  });
});

describe('PodDown (available < desired replicas for 5m, critical) from resources.json', () => {
  const from = START_T;
  function resources(overrides: Partial<ResourcesFile> = {}): ResourcesFile {
    return {
      schema: RESOURCES_SCHEMA,
      prometheus: 'http://127.0.0.1:9090',
      namespace: 'ecommerce',
      fromMs: from * 1000,
      toMs: (from + 900) * 1000,
      stepS: 4,
      rateWindowS: 300,
      scrapeIntervalS: 15,
      warnings: [],
      services: [],
      podDown: [
        { deployment: 'customer-api', downSpans: [] },
        { deployment: 'order-api', downSpans: [[from + 100, from + 120]] },
      ],
      podDownQuery: 'q',
      ...overrides,
    };
  }
  const podDown = (file?: ResourcesFile, profile: ProfileName = 'normal') =>
    byId(criteriaOf(run(60, 0, healthy), profile, file), POD_DOWN.id);

  test('a deployment short of replicas for 5 minutes fires; 20 s (a pod kill) does not', () => {
    expect(podDown(resources())).toMatchObject({ status: 'pass', observed: 20_000 });
    const long = resources({ podDown: [{ deployment: 'order-api', downSpans: [[from + 100, from + 400]] }] });
    const fired = podDown(long);
    expect(fired).toMatchObject({ status: 'fail', observed: 300_000 });
    expect(fired.description).toContain('would have fired on order-api');
    expect(podDown(long, 'spike')).toMatchObject({ status: 'reported', pass: null });
  });

  test('without Prometheus, series or a long enough window: not measured, with the reason', () => {
    expect(podDown(undefined)).toMatchObject({
      status: 'not-measured',
      notMeasured: 'no resources.json in the run folder',
    });
    expect(podDown(resources({ notMeasured: 'PROMETHEUS_URL not set', podDown: null }))).toMatchObject({
      status: 'not-measured',
      notMeasured: 'PROMETHEUS_URL not set',
    });
    expect(podDown(resources({ podDown: null, podDownMissing: 'no kube_deployment series' }))).toMatchObject({
      notMeasured: 'no kube_deployment series',
    });
    expect(podDown(resources({ toMs: (from + 299) * 1000 }))).toMatchObject({
      status: 'not-measured',
      notMeasured: "run shorter than the alert's for (5m)",
    });
  });
});
