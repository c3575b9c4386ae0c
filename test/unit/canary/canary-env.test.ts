// How a canary run's settings reach the VUs on every engine: CANARY_SPLIT / CANARY_HEADER in the VU
// environment (none for other runs), also in a k6-operator TestRun's inline env, and the header the
// stand-in routes its v2 on.
import { describe, expect, test } from 'vitest';
import { canaryHeaderOf, canaryVuEnv } from '../../../src/canary/canary-env.ts';
import { planCanary } from '../../../src/canary/plan-canary.ts';
import { planOperatorRun } from '../../../src/engine/k6-operator/operator-plan.ts';

const settings = {
  splitPercent: 25,
  header: 'x-canary=yes',
  errorTolerancePoints: 0.5,
  p95TolerancePercent: 10,
};

describe('canary settings for the VUs', () => {
  test('a canary run sets both variables; any other run none', () => {
    expect(canaryVuEnv(settings)).toEqual({ CANARY_SPLIT: '25', CANARY_HEADER: 'x-canary=yes' });
    expect(canaryVuEnv(undefined)).toEqual({});
  });

  test('the stand-in routes on the run’s header', () => {
    expect(canaryHeaderOf(settings)).toEqual({ name: 'x-canary', value: 'yes' });
    expect(canaryHeaderOf(undefined)).toBeUndefined();
  });

  test('k6-operator runners get them in the TestRun’s inline env', () => {
    const plan = planCanary(
      { engine: 'k6-operator', target: 'http://gateway.ecommerce', split: '25', runId: 'op' },
      {},
      '/work/project',
    );
    const operator = planOperatorRun(plan.runs[0]!, () => 'abcde');
    expect(operator.inlineEnv).toMatchObject({ CANARY_SPLIT: '25', CANARY_HEADER: 'x-version=v2' });
  });
});
