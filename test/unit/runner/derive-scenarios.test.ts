import { describe, expect, it } from 'vitest';
import { deriveScenarios, type ShortcutOverrides } from '../../../src/runner/options/derive-scenarios.ts';

const cases: {
  name: string;
  options: Record<string, unknown>;
  cli?: ShortcutOverrides;
  expected: Record<string, unknown>;
}[] = [
  {
    name: 'nothing → per-vu-iterations 1×1',
    options: {},
    expected: { executor: 'per-vu-iterations', vus: 1, iterations: 1 },
  },
  {
    name: 'vus alone → shared-iterations N/N',
    options: { vus: 4 },
    expected: { executor: 'shared-iterations', vus: 4, iterations: 4 },
  },
  {
    name: 'duration + vus → constant-vus',
    options: { vus: 5, duration: '30s' },
    expected: { executor: 'constant-vus', vus: 5, durationMs: 30_000 },
  },
  {
    name: 'iterations + duration → shared-iterations with maxDuration',
    options: { iterations: 10, duration: '5s', vus: 2 },
    expected: { executor: 'shared-iterations', vus: 2, iterations: 10, maxDurationMs: 5000 },
  },
  {
    name: 'stages → ramping-vus, vus = startVUs',
    options: { vus: 2, stages: [{ duration: '10s', target: 5 }, { target: 9 }] },
    expected: { executor: 'ramping-vus', startVUs: 2, stages: [{ durationMs: 10_000, target: 5 }] },
  },
  {
    name: 'CLI duration overrides script duration',
    options: { vus: 2, duration: '1m' },
    cli: { duration: '2s' },
    expected: { executor: 'constant-vus', vus: 2, durationMs: 2000 },
  },
  {
    name: 'CLI shortcut replaces script scenarios',
    options: { scenarios: { a: { executor: 'constant-vus', duration: '1s' } } },
    cli: { vus: 3, duration: '1s' },
    expected: { executor: 'constant-vus', vus: 3, name: 'default' },
  },
  {
    name: 'scenarios kept with defaults',
    options: {
      scenarios: {
        load: { executor: 'constant-arrival-rate', rate: 10, duration: '1s', preAllocatedVUs: 2 },
      },
    },
    expected: {
      name: 'load',
      executor: 'constant-arrival-rate',
      rate: 10,
      timeUnitMs: 1000,
      maxVUs: 2,
      gracefulStopMs: 30_000,
      exec: 'default',
    },
  },
];

describe('deriveScenarios', () => {
  it.each(cases)('$name', ({ options, cli, expected }) => {
    const derived = deriveScenarios(options, cli);
    expect(derived.problems).toEqual([]);
    expect(derived.scenarios).toHaveLength(1);
    expect(derived.scenarios[0]).toMatchObject(expected);
  });

  it.each([
    {
      name: 'iterations + stages',
      options: { iterations: 5, stages: [{ duration: '1s', target: 1 }] },
      match: /`iterations` and `stages`/,
    },
    {
      name: 'duration + stages',
      options: { duration: '5s', stages: [{ duration: '1s', target: 1 }] },
      match: /`duration` and `stages`/,
    },
    {
      name: 'duration + scenarios',
      options: { duration: '5s', scenarios: { a: { executor: 'constant-vus', duration: '1s' } } },
      match: /ExecutionConflictError.*`duration`/,
    },
    {
      name: 'iterations + scenarios',
      options: { iterations: 5, scenarios: { a: { executor: 'shared-iterations' } } },
      match: /ExecutionConflictError.*`iterations`/,
    },
    {
      name: 'iterations < vus',
      options: { iterations: 2, vus: 5 },
      match: /can't be less than the number of VUs/,
    },
    { name: 'bad duration', options: { duration: 'soon' }, match: /options\.duration: invalid duration/ },
    {
      name: 'unknown executor',
      options: { scenarios: { a: { executor: 'externally-controlled', duration: '1s' } } },
      match: /executor: externally-controlled is not supported/,
    },
    {
      name: 'arrival rate without preAllocatedVUs',
      options: { scenarios: { a: { executor: 'constant-arrival-rate', rate: 5, duration: '1s' } } },
      match: /a\.preAllocatedVUs: is required/,
    },
    {
      name: 'maxVUs < preAllocatedVUs',
      options: {
        scenarios: {
          a: {
            executor: 'ramping-arrival-rate',
            preAllocatedVUs: 5,
            maxVUs: 2,
            stages: [{ duration: '1s', target: 1 }],
          },
        },
      },
      match: /maxVUs can't be less/,
    },
    {
      name: 'unknown scenario field',
      options: { scenarios: { a: { executor: 'constant-vus', duration: '1s', rampUp: 3 } } },
      match: /a\.rampUp: unknown or unsupported/,
    },
    {
      name: 'ramping-vus without stages',
      options: { scenarios: { a: { executor: 'ramping-vus' } } },
      match: /a\.stages: is required/,
    },
    {
      name: 'constant-vus without duration',
      options: { scenarios: { a: { executor: 'constant-vus', vus: 2 } } },
      match: /a\.duration: is required/,
    },
  ])('conflict/invalid: $name', ({ options, match }) => {
    expect(deriveScenarios(options).problems.join('\n')).toMatch(match);
  });

  it('collects every problem, not just the first', () => {
    const { problems } = deriveScenarios({
      scenarios: {
        a: { executor: 'constant-vus' },
        b: { executor: 'nope' },
        c: { executor: 'per-vu-iterations', vus: -1 },
      },
    });
    expect(problems.length).toBeGreaterThanOrEqual(3);
  });
  it('reads durations as k6 does: script values in its extended syntax, flags as Go durations', () => {
    const script = deriveScenarios({ vus: 1, duration: '1500' });
    expect(script.scenarios[0]).toMatchObject({ executor: 'constant-vus', durationMs: 1500 });
    expect(deriveScenarios({ vus: 1, duration: '1d' }).scenarios[0]).toMatchObject({
      durationMs: 86_400_000,
    });
    expect(deriveScenarios({ vus: 1 }, { duration: '30' }).problems.join('\n')).toMatch(
      /--duration: invalid duration \(got "30"/,
    );
  });
});
