// `npm run load:canary` flags into runs: the plan's defaults (normal's shape, 10 % on x-version=v2,
// one-minute runs on the stand-in, five on a real target), --steps as one run per step with its own id
// and the 100 % step's reference, --step-for as the scale that makes a run last that long, and every
// bad flag — canary and load alike — reported at once, named (exit 104).
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { planCanary } from '../../../src/canary/plan-canary.ts';
import { ConfigError } from '../../../src/errors.ts';

const cwd = '/work/project';
const problemsOf = (run: () => unknown): readonly string[] => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(104);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
};

describe('planCanary', () => {
  test('defaults: normal’s shape for two minutes on the stand-in, 10 % on x-version=v2', () => {
    const plan = planCanary({ runId: 'c1' }, {}, cwd);
    expect(plan).toMatchObject({ id: 'c1', profile: 'normal', progression: false, reportDir: undefined });
    expect(plan.runs).toHaveLength(1);
    expect(plan.stepMs).toBeCloseTo(120_000, -2);
    expect(plan.runs[0]).toMatchObject({
      runId: 'c1',
      profile: 'normal',
      targetUrl: undefined,
      canary: {
        splitPercent: 10,
        header: 'x-version=v2',
        errorTolerancePoints: 0.5,
        p95TolerancePercent: 10,
      },
    });
    expect(plan.runs[0]!.loadScale * 30 * 60_000).toBeCloseTo(120_000, -2);
  });

  test('on a real target a run is the plan’s five minutes', () => {
    const plan = planCanary({ target: 'https://perf.example.test' }, {}, cwd);
    expect(plan.stepMs).toBeCloseTo(300_000, -2);
    expect(plan.id).toMatch(/^canary-normal-\d{8}-\d{6}-[0-9a-f]{8}$/);
  });

  test('--steps: one run per step, ids per step, the 100 % step compared with the earlier ones’ v1', () => {
    const plan = planCanary(
      {
        runId: 'p1',
        steps: '10,50,100',
        stepFor: '90s',
        header: 'X-Canary=yes',
        service: 'order-api',
        profile: 'spike',
      },
      {},
      cwd,
    );
    expect(plan).toMatchObject({
      progression: true,
      profile: 'spike',
      reportDir: path.resolve(cwd, 'results', 'p1'),
    });
    expect(plan.runs.map((r) => r.runId)).toEqual(['p1-step1-10pct', 'p1-step2-50pct', 'p1-step3-100pct']);
    expect(plan.runs.map((r) => r.canary!.splitPercent)).toEqual([10, 50, 100]);
    expect(plan.runs.map((r) => r.canary!.step)).toEqual([
      { index: 1, of: 3 },
      { index: 2, of: 3 },
      { index: 3, of: 3 },
    ]);
    expect(plan.runs[2]!.canary!.referenceRuns).toEqual(['p1-step1-10pct', 'p1-step2-50pct']);
    expect(plan.runs[0]!.canary!.referenceRuns).toBeUndefined();
    expect(plan.runs[0]!.canary).toMatchObject({ header: 'x-canary=yes', service: 'order-service' });
    // spike is 25 minutes long: 90 s is 6 % of it.
    expect(plan.runs[0]!.loadScale).toBeCloseTo(0.06, 6);
    expect(plan.stepMs).toBeCloseTo(90_000, -3);
  });

  test('--scale or LOAD_SCALE instead of --step-for are taken as for any load run', () => {
    expect(planCanary({ scale: '0.01' }, {}, cwd).runs[0]!.loadScale).toBe(0.01);
    expect(planCanary({}, { LOAD_SCALE: '0.02' }, cwd).runs[0]!.loadScale).toBe(0.02);
  });

  test('every problem at once, each naming its flag', () => {
    const problems = problemsOf(() =>
      planCanary(
        {
          split: '0',
          header: 'x-version',
          stepFor: 'forever',
          scale: '0.5',
          errorTolerance: '-1',
          p95Tolerance: 'ten',
          service: 'orders',
          engine: 'warp',
        },
        {},
        cwd,
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        '--split: must be a percentage with 0 < split ≤ 100 (got "0")',
        expect.stringMatching(/^--header: must be <header name>=<value>/),
        '--step-for: give --step-for or --scale, not both',
        '--step-for: must be a duration such as 5m or 90s (got "forever")',
        '--error-tolerance: must be a number with 0 ≤ value ≤ 100 (got "-1")',
        '--p95-tolerance: must be a number with 0 ≤ value ≤ 1000 (got "ten")',
        expect.stringMatching(/^--service: must be all or one of customer-service, order-service/),
        expect.stringMatching(/^--engine: must be one of/),
      ]),
    );
  });

  test.each([
    [{ split: '10', steps: '10,50' }, '--steps: give --split (one run) or --steps (a progression), not both'],
    [{ steps: '50,10' }, '--steps: shares must rise from step to step, e.g. 10,50,100 (got "50,10")'],
    [{ steps: '10,,100' }, '--steps: each step must be a percentage with 0 < split ≤ 100 (got "")'],
    [{ stepFor: '31m' }, '--step-for: at most the normal profile\'s own length, 30m (got "31m")'],
    [{ profile: 'marathon' }, '--profile: must be one of smoke, normal, stress, spike, soak, breakpoint'],
  ])('%j', (flags, problem) => {
    expect(problemsOf(() => planCanary(flags, {}, cwd)).join('\n')).toContain(problem);
  });

  test('a progression never reuses a folder: each step’s and its summary’s are checked first', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'canary-plan-'));
    mkdirSync(path.join(root, 'p2-step2-50pct'));
    expect(problemsOf(() => planCanary({ runId: 'p2', steps: '10,50', resultsDir: root }, {}, cwd))).toEqual([
      `--run-id: ${path.join(root, 'p2-step2-50pct')} exists; a run never reuses a folder`,
    ]);
  });
});
