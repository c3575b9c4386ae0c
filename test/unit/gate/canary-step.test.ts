// A canary comparison as a gate step: `canary:` on a step makes that run a load:canary run (its
// settings on the run's config, the plan's defaults for what is left out), its identity names the
// canary so a baseline of another kind of run is not compared with it, and every bad field is named
// with its line.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.ts';
import { canaryIdentity, canaryIdentityOf } from '../../../src/gate/canary-step.ts';
import { findBaselineMismatches } from '../../../src/gate/compare-baseline.ts';
import { loadGateConfig } from '../../../src/gate/load-gate-config.ts';
import { planGate } from '../../../src/gate/plan-gate.ts';

describe('a canary gate step', () => {
  it('is read with its settings, the plan’s defaults filling the rest', async () => {
    const gate = await loadGateConfig('test/fixtures/gate/canary-step/gate.config.yaml');
    expect(gate.steps[0]!.canary).toBeUndefined();
    expect(gate.steps[1]!.canary).toEqual({
      splitPercent: 50,
      header: 'x-version=v2',
      errorTolerancePoints: 0.5,
      p95TolerancePercent: 50,
      service: 'order-service',
    });
  });

  it('runs as a canary run, and its identity says so', async () => {
    const gate = await loadGateConfig('test/fixtures/gate/canary-step/gate.config.yaml');
    const plan = planGate(gate, {}, { C4ANG_PERF_ENGINE: 'local' }, process.env.PATH);
    expect(plan.runs.map((r) => r.config.canary?.splitPercent)).toEqual([undefined, 50]);
    expect(plan.runs[1]!.identity.canary).toBe('50 % x-version=v2 on order-service');
    expect(plan.runs[0]!.identity.canary).toBeUndefined();
    const plain = { ...plan.runs[1]!.identity, canary: undefined };
    expect(findBaselineMismatches([plan.runs[1]!.identity], [plain])).toEqual([
      'steps[0] (normal): canary differs (baseline undefined, now "50 % x-version=v2 on order-service") — runs of different canary settings are not comparable',
    ]);
  });

  it('refuses every bad field, naming its line', async () => {
    const file = 'test/fixtures/gate/bad-canary-step/gate.config.yaml';
    const error = await loadGateConfig(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      `${file}:10 steps[0].canary.weight: unknown field (expected one of split, header, errorTolerance, p95Tolerance, service)`,
      `${file}:6 steps[0].canary.split: must be 0 < value ≤ 100 (got 0)`,
      `${file}:8 steps[0].canary.errorTolerance: must be 0 ≤ value ≤ 100 (got -1)`,
      `${file}:7 steps[0].canary.header: must be <header name>=<value> such as x-version=v2 (got "x-version")`,
      expect.stringMatching(new RegExp(`^${file}:9 steps\\[0\\]\\.canary\\.service: must be all or one of`)),
    ]);
  });

  it('a canary run given as the baseline carries the same identity', () => {
    const settings = {
      splitPercent: 10,
      header: 'x-version=v2',
      errorTolerancePoints: 0.5,
      p95TolerancePercent: 10,
    };
    expect(canaryIdentity(settings)).toBe('10 % x-version=v2 on all requests');
    expect(
      canaryIdentityOf({ splitPercent: 10, header: 'x-version=v2', compared: 'all requests' } as never),
    ).toBe(canaryIdentity(settings));
  });
});
