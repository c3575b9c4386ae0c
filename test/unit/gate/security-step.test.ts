// The security profile as a gate step: accepted like any profile, and `standinSecurity: on` switches
// the embedded stand-in's security rules on for that step only, so a security step can sit beside
// load steps that a rate limit would refuse.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.ts';
import { loadGateConfig } from '../../../src/gate/load-gate-config.ts';
import { planGate } from '../../../src/gate/plan-gate.ts';

describe('a security gate step', () => {
  it('is read with its standinSecurity switch', async () => {
    const gate = await loadGateConfig('test/fixtures/gate/security-step/gate.config.yaml');
    expect(gate.steps.map((s) => [s.profile, s.standinSecurity])).toEqual([
      ['smoke', undefined],
      ['security', true],
    ]);
  });

  it('runs with the rules on for that step only', async () => {
    const gate = await loadGateConfig('test/fixtures/gate/security-step/gate.config.yaml');
    const plan = planGate(gate, {}, { C4ANG_PERF_ENGINE: 'local' }, process.env.PATH);
    expect(plan.runs.map((r) => [r.config.profile, r.config.standinSecurity])).toEqual([
      ['smoke', false],
      ['security', true],
    ]);
    expect(plan.runs[1]!.config.runId).toMatch(/^gate-security-step-.*-2-security$/);
  });

  it('refuses any other value, naming the line', async () => {
    const file = 'test/fixtures/gate/bad-standin-security/gate.config.yaml';
    const error = await loadGateConfig(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      `${file}:4 steps[0].standinSecurity: must be on or off (got "yes please")`,
    ]);
  });
});
