// Every invalid gate config fails with file:line field.path messages, all problems at once, as a
// ConfigError (exit 104); the repo's own gate.config.yaml is valid. One fixture folder per case.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.ts';
import { loadGateConfig } from '../../../src/gate/load-gate-config.ts';
import { DEFAULT_TOLERANCES } from '../../../src/gate/types.ts';

const fixture = (name: string) => `test/fixtures/gate/${name}/gate.config.yaml`;

async function problemsOf(file: string): Promise<readonly string[]> {
  const error = await loadGateConfig(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).exitCode).toBe(104);
  return (error as ConfigError).problems;
}

describe('gate config validation', () => {
  const cases: [string, string[]][] = [
    ['scale-out-of-range', [':5 steps[1].scale: must be 0 < s ≤ 1 (got 2)']],
    [
      'unknown-field',
      [
        ':4 steps[0].duration: unknown field (expected one of profile, scale, vuScale, chaos, limits, standinSecurity, canary)',
      ],
    ],
    [
      'unknown-profile',
      [':3 steps[1].profile: unknown profile (got "nromal", expected one of smoke, normal,'],
    ],
    [
      'missing-chaos-file',
      [
        ':6 steps[0].chaos[1]: file not found (got "chaos/pod-kill-nothing.yaml", expected a file under chaos/)',
      ],
    ],
    [
      'bad-tolerances',
      [
        ':2 tolerances.p95: not a tolerance (got 10, expected a string like "+10%")',
        ':4 tolerances.errorRate: not a tolerance (got "+0.5%", expected a string like "+0.5pt")',
        ':5 tolerances.throughput: not a tolerance (got "+10%", expected a string like "-10%")',
      ],
    ],
    [
      'many-problems',
      [
        `:1 name: must be letters, digits, '.', '_' or '-', at most 40 (got "release candidate")`,
        ':2 colour: unknown field (expected one of name, steps, tolerances)',
        ':5 tolerances.latencyNoise: not a tolerance (got "fast", expected a string like "2ms")',
        ':8 steps[0].vuScale: must be 0 < v ≤ 10 (got 0)',
        ':12 steps[1].limits.p95Ms: must be 0 < value ≤ 600000 (got -5)',
        ':13 steps[1].limits.errorRate: must be 0 ≤ value ≤ 1 (got 2)',
        ':14 steps[1].limits.p90Ms: unknown field (expected one of p95Ms, p99Ms, errorRate, minRps)',
      ],
    ],
    ['yaml-syntax', [':3 (document): YAML: Map keys must be unique']],
    ['no-steps', [':2 steps: must be a non-empty list of steps (got [])']],
  ];

  it.each(cases)('%s → every problem as file:line field: message', async (name, expected) => {
    const file = fixture(name);
    const problems = await problemsOf(file);
    for (const line of expected) {
      expect(
        problems.some((p) => p.startsWith(`${file}${line}`)),
        `${line}\nin\n${problems.join('\n')}`,
      ).toBe(true);
    }
    if (name !== 'yaml-syntax') expect(problems).toHaveLength(expected.length);
  });

  it('reads the repo gate: defaults filled in, tolerances as numbers', async () => {
    const gate = await loadGateConfig('gate.config.yaml');
    expect(gate.name).toBe('release');
    expect(gate.steps.map((s) => s.profile)).toEqual(['smoke', 'normal', 'spike']);
    expect(gate.steps[0]).toMatchObject({ scale: 1, vuScale: 1, chaos: [], limits: {} });
    expect(gate.steps[1]!.chaos).toEqual(['chaos/pod-kill-order-service.yaml']);
    expect(gate.tolerances).toEqual({ ...DEFAULT_TOLERANCES, latencyNoiseMs: 2 });
  });

  it('a missing config file is a config error naming it', async () => {
    const problems = await problemsOf('test/fixtures/gate/nowhere/gate.config.yaml');
    expect(problems[0]).toMatch(
      /^test\/fixtures\/gate\/nowhere\/gate.config.yaml:1 .*cannot read file \(ENOENT\)/,
    );
  });
});
