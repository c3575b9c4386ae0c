// The resource criteria from resources.json: normal judges CPU < 50 % of requests and memory < 60 %
// of limits on the worst service (naming every service over), soak judges memory growth and reports
// the rest, other profiles report; no Prometheus (or no series) is "not measured" with the reason,
// and neither not-measured nor reported criteria ever fail a run, not even with --strict.
import { describe, expect, test } from 'vitest';
import { resourceCriteria } from '../../../../src/results/resources/resource-criteria.ts';
import {
  type Points,
  RESOURCES_SCHEMA,
  type ResourcesFile,
  type ServiceResourceSeries,
} from '../../../../src/results/resources/resources-file.ts';
import type { CriterionResult } from '../../../../src/results/types.ts';
import type { ProfileName } from '../../../../src/vu/profiles.ts';
import { runRecord, verdictOf } from '../verdict-inputs.ts';

const FROM_S = 1_700_000_000;

/** A value every `stepS` for `lengthS`, from `value(tSinceStart)`. */
function points(lengthS: number, stepS: number, value: (s: number) => number): Points {
  return Array.from({ length: Math.floor(lengthS / stepS) + 1 }, (_, i) => [
    FROM_S + i * stepS,
    value(i * stepS),
  ]);
}

function service(name: string, cpu: Points | null, memory: Points | null): ServiceResourceSeries {
  return {
    service: name,
    queries: { cpuOfRequests: `cpu ${name}`, memoryOfLimits: `memory ${name}` },
    cpuOfRequests: cpu,
    memoryOfLimits: memory,
    ...(cpu && memory ? {} : { missing: { cpuOfRequests: 'no container_cpu_usage_seconds_total series' } }),
  };
}

function resources(services: ServiceResourceSeries[], lengthS = 1800): ResourcesFile {
  return {
    schema: RESOURCES_SCHEMA,
    prometheus: 'http://127.0.0.1:9090',
    namespace: 'ecommerce',
    fromMs: FROM_S * 1000,
    toMs: (FROM_S + lengthS) * 1000,
    stepS: 8,
    rateWindowS: 300,
    scrapeIntervalS: 15,
    warnings: [],
    services,
    podDown: [],
    podDownQuery: 'q',
  };
}

const flat = (value: number, lengthS = 1800) => points(lengthS, 8, () => value);
const healthy = () =>
  resources([
    service('order-service', flat(0.3), flat(0.25)),
    service('product-service', flat(0.42), flat(0.2)),
  ]);

const byId = (criteria: CriterionResult[], id: string) => {
  const found = criteria.find((c) => c.id === id);
  if (!found) throw new Error(`no criterion ${id} in ${criteria.map((c) => c.id).join(', ')}`);
  return found;
};
const judge = (profile: ProfileName, file: ResourcesFile | undefined, loadScale = 1) =>
  resourceCriteria(profile, file, loadScale).criteria;

describe('normal: CPU < 50 % of requests, memory < 60 % of limits', () => {
  test('below both on every service: pass, observed on the worst service, named', () => {
    const criteria = judge('normal', healthy());
    expect(byId(criteria, 'cpu-of-requests')).toMatchObject({
      status: 'pass',
      pass: true,
      observed: 0.42,
      unit: 'ratio',
      limit: '< 0.5',
    });
    expect(byId(criteria, 'cpu-of-requests').description).toContain('highest product-service 42 %');
    expect(byId(criteria, 'memory-of-limits')).toMatchObject({
      status: 'pass',
      observed: 0.25,
      limit: '< 0.6',
    });
  });

  test('a peak at or above the limit fails and names every service over it', () => {
    const file = resources([
      service(
        'order-service',
        points(1800, 8, (s) => (s === 800 ? 0.72 : 0.2)),
        flat(0.6),
      ),
      service('payment-service', flat(0.5), flat(0.59)),
      service('customer-service', flat(0.1), flat(0.1)),
    ]);
    const cpu = byId(judge('normal', file), 'cpu-of-requests');
    expect(cpu).toMatchObject({ status: 'fail', pass: false, observed: 0.72 });
    expect(cpu.description).toContain('order-service 72 %, payment-service 50 %');
    expect(cpu.description).not.toContain('customer-service');
    // 60 % of limits is not below 60 %; 59 % is.
    const memory = byId(judge('normal', file), 'memory-of-limits');
    expect(memory).toMatchObject({ status: 'fail', observed: 0.6 });
    expect(memory.description).toContain('order-service 60 %');
    expect(memory.description).not.toContain('payment-service');
  });

  test('a service without series is named as having no data; the others are still judged', () => {
    const file = resources([
      service('order-service', flat(0.2), flat(0.2)),
      service('saga-tracker', null, null),
    ]);
    const cpu = byId(judge('normal', file), 'cpu-of-requests');
    expect(cpu).toMatchObject({ status: 'pass', observed: 0.2 });
    expect(cpu.description).toContain('no data for saga-tracker');
  });

  test('per-service figures go to the analysis', () => {
    const { analysis } = resourceCriteria('normal', healthy(), 1);
    expect(analysis).toMatchObject({ measured: true, namespace: 'ecommerce', rateWindowS: 300, stepS: 8 });
    expect(analysis?.services).toEqual([
      expect.objectContaining({ name: 'order-service', cpuOfRequestsPeak: 0.3, memoryOfLimitsPeak: 0.25 }),
      expect.objectContaining({ name: 'product-service', cpuOfRequestsPeak: 0.42 }),
    ]);
    expect(analysis?.services[0]?.cpuOfRequestsMean).toBeCloseTo(0.3, 9);
    expect(analysis?.services[0]?.memoryOfLimitsSlopePerHour).toBe(0);
  });
});

describe.each(['smoke', 'stress', 'spike', 'breakpoint'] as const)(
  '%s: reported without a limit',
  (profile) => {
    test('the figures are there, nothing is judged', () => {
      const file = resources([service('order-service', flat(3.5), flat(0.9))]);
      for (const id of ['cpu-of-requests', 'memory-of-limits'])
        expect(byId(judge(profile, file), id)).toMatchObject({
          status: 'reported',
          pass: null,
          limit: `none for ${profile}`,
        });
      expect(byId(judge(profile, file), 'cpu-of-requests').observed).toBe(3.5);
      expect(judge(profile, file).map((c) => c.id)).not.toContain('memory-growth');
    });
  },
);

describe('soak: no memory growth (Theil–Sen per hour after the warm-up)', () => {
  const twoHours = 7200;
  test('flat memory passes; memory growing 0.05 of the limit per hour (20 % of its median) fails, named', () => {
    const steady = resources([service('order-service', flat(0.2, twoHours), flat(0.25, twoHours))], twoHours);
    expect(byId(judge('soak', steady), 'memory-growth')).toMatchObject({
      status: 'pass',
      observed: 0,
      unit: 'ratio/h',
    });
    const leaking = resources(
      [
        service(
          'order-service',
          flat(0.2, twoHours),
          points(twoHours, 30, (s) => 0.2 + (0.05 * s) / 3600),
        ),
        service('product-service', flat(0.2, twoHours), flat(0.25, twoHours)),
      ],
      twoHours,
    );
    const growth = byId(judge('soak', leaking), 'memory-growth');
    expect(growth).toMatchObject({ status: 'fail', pass: false });
    expect(growth.observed).toBeCloseTo(0.05, 6);
    expect(growth.description).toContain('grew on order-service');
    expect(growth.description).not.toContain('product-service');
    // The soak reports its CPU and memory peaks.
    expect(byId(judge('soak', leaking), 'cpu-of-requests').status).toBe('reported');
  });

  test('slow growth within 5 % of the median per hour passes', () => {
    const file = resources(
      [
        service(
          'order-service',
          flat(0.2, twoHours),
          points(twoHours, 30, (s) => 0.4 + (0.01 * s) / 3600),
        ),
      ],
      twoHours,
    );
    expect(byId(judge('soak', file), 'memory-growth')).toMatchObject({ status: 'pass' });
  });

  test('per scaled hour: a quick soak (LOAD_SCALE 0.001) is judged per 3.6 s, the run being 24 of them', () => {
    const growing = (perSecond: number) =>
      byId(
        judge(
          'soak',
          resources(
            [
              service(
                'order-service',
                flat(0.2, 86),
                points(86, 1, (s) => 0.2 + perSecond * s),
              ),
            ],
            86,
          ),
          0.001,
        ),
        'memory-growth',
      );
    // 0.01 of the limit per second is 0.036 per scaled hour, above 5 % of its median (~0.63).
    const fast = growing(0.01);
    expect(fast.status).toBe('fail');
    expect(fast.observed).toBeCloseTo(0.036, 6);
    expect(fast.description).toContain('scaled hour (3.6 s)');
    // 0.001 per second: 0.0036 per scaled hour, within 5 % of its median (~0.24).
    expect(growing(0.001).status).toBe('pass');
  });

  test('too few points after the warm-up: inconclusive (too short to judge)', () => {
    const file = resources(
      [
        service(
          'order-service',
          flat(0.2, 4),
          points(4, 2, () => 0.2),
        ),
      ],
      4,
    );
    expect(byId(judge('soak', file), 'memory-growth')).toMatchObject({
      status: 'inconclusive',
      inconclusive: 'too short to judge',
    });
  });
});

describe('not measured', () => {
  test.each([
    ['no resources.json', undefined, 'no resources.json in the run folder'],
    [
      'PROMETHEUS_URL unset',
      { ...resources([]), notMeasured: 'PROMETHEUS_URL not set' },
      'PROMETHEUS_URL not set',
    ],
    [
      'no series for any service',
      resources([service('order-service', null, null)]),
      'order-service: no container_cpu_usage_seconds_total series',
    ],
  ])('%s: every resource criterion says why, with no figure', (_, file, reason) => {
    const criteria = judge('soak', file);
    expect(criteria.map((c) => c.id)).toEqual(['cpu-of-requests', 'memory-of-limits', 'memory-growth']);
    expect(byId(criteria, 'cpu-of-requests')).toMatchObject({
      status: 'not-measured',
      pass: null,
      observed: null,
      notMeasured: reason,
    });
    for (const c of criteria) expect(c.status).toBe('not-measured');
  });
});

describe('in the verdict', () => {
  test('not-measured and reported criteria never fail a run, even with --strict', () => {
    const stress = verdictOf({
      record: runRecord({ profile: 'stress' }),
      summary: undefined,
      resources: resources([service('order-service', flat(3), flat(0.95))]),
      strict: true,
    });
    expect(byId(stress.criteria, 'cpu-of-requests').status).toBe('reported');
    expect(stress.inconclusive).not.toContain('cpu-of-requests');

    const normal = verdictOf({
      strict: true,
      resources: { ...resources([]), notMeasured: 'PROMETHEUS_URL not set' },
    });
    expect(byId(normal.criteria, 'cpu-of-requests').status).toBe('not-measured');
    expect(byId(normal.criteria, 'alert-pod-down').notMeasured).toBe('PROMETHEUS_URL not set');
    expect(normal).toMatchObject({ pass: true, exitCode: 0, inconclusive: [] });
  });

  test('a failed resource criterion fails the run (exit 99) and gives the reason', () => {
    const verdict = verdictOf({ resources: resources([service('order-service', flat(0.8), flat(0.2))]) });
    expect(verdict).toMatchObject({ pass: false, exitCode: 99 });
    expect(verdict.reason).toMatch(/^cpu-of-requests: observed 0\.8, limit < 0\.5/);
    expect(verdict.analysis.resources?.services[0]).toMatchObject({
      name: 'order-service',
      cpuOfRequestsPeak: 0.8,
    });
  });
});
