// Iterations planned by each executor, and the summary headline of a run that did not deliver them.
import { describe, expect, it } from 'vitest';
import { plannedIterations, undeliveredHeadline } from '../../../src/runner/load-delivery.ts';
import type { Scenario } from '../../../src/runner/options/scenario-types.ts';

const base = { name: 's', startTimeMs: 0, gracefulStopMs: 30_000, exec: 'default', env: {}, tags: {} };

describe('plannedIterations', () => {
  it.each<[string, Scenario, number | undefined]>([
    [
      'shared-iterations',
      { ...base, executor: 'shared-iterations', vus: 5, iterations: 40, maxDurationMs: 1 },
      40,
    ],
    [
      'per-vu-iterations',
      { ...base, executor: 'per-vu-iterations', vus: 5, iterations: 4, maxDurationMs: 1 },
      20,
    ],
    [
      'constant-vus: VU-time over the mean iteration',
      { ...base, executor: 'constant-vus', vus: 10, durationMs: 10_000 },
      100,
    ],
    [
      'ramping-vus: the area under the stages',
      {
        ...base,
        executor: 'ramping-vus',
        startVUs: 0,
        gracefulRampDownMs: 0,
        stages: [
          { durationMs: 10_000, target: 10 },
          { durationMs: 10_000, target: 10 },
        ],
      },
      150,
    ],
    [
      'constant-arrival-rate',
      {
        ...base,
        executor: 'constant-arrival-rate',
        rate: 20,
        timeUnitMs: 1000,
        durationMs: 5000,
        preAllocatedVUs: 1,
        maxVUs: 1,
      },
      100,
    ],
    [
      'ramping-arrival-rate',
      {
        ...base,
        executor: 'ramping-arrival-rate',
        startRate: 0,
        timeUnitMs: 1000,
        stages: [{ durationMs: 10_000, target: 10 }],
        preAllocatedVUs: 1,
        maxVUs: 1,
      },
      50,
    ],
  ])('%s', (_name, scenario, expected) => {
    expect(plannedIterations(scenario, 1000)).toBeCloseTo(expected!, 6);
  });

  it('cannot tell a VU executor’s plan without an iteration time', () => {
    expect(
      plannedIterations({ ...base, executor: 'constant-vus', vus: 1, durationMs: 1000 }, undefined),
    ).toBeUndefined();
  });
});

describe('undeliveredHeadline', () => {
  it('speaks only when fewer than 95 % of the planned iterations were done', () => {
    expect(undeliveredHeadline({ done: 10, planned: 99.6 })).toMatch(
      /^LOAD NOT DELIVERED: 10 iterations done, the executors planned ~100 /,
    );
    expect(undeliveredHeadline({ done: 95, planned: 100 })).toBeUndefined();
    expect(undeliveredHeadline(undefined)).toBeUndefined();
  });
});
