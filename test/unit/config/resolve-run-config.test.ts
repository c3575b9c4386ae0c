// Run configuration: defaults < environment < flags, every problem reported at once (exit 104).
import { describe, expect, test } from 'vitest';
import { resolveRunConfig } from '../../../src/config.ts';
import { ConfigError } from '../../../src/errors.ts';
import { PROFILES } from '../../../src/vu/profiles.ts';

const cwd = '/work/project';

describe('resolveRunConfig', () => {
  test('embedded target by default, at the profile quick scale, local chaos provider', () => {
    const config = resolveRunConfig('spike', {}, {}, cwd);
    expect(config).toMatchObject({
      profile: 'spike',
      targetUrl: undefined,
      loadScale: PROFILES.spike.embeddedScale.load,
      vuScale: PROFILES.spike.embeddedScale.vu,
      engine: 'auto',
      chaosProvider: 'local',
      chaosAt: 0.33,
      resultsRoot: '/work/project/results',
    });
    expect(config.resultsDir).toBe(`/work/project/results/${config.runId}`);
    expect(config.runId).toMatch(/^spike-\d{8}-\d{6}-[0-9a-f]{4}$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  test('a real target runs at full scale with the chaos-mesh provider', () => {
    const config = resolveRunConfig('normal', {}, { BASE_URL: 'https://perf.c4ang.test/' }, cwd);
    expect(config).toMatchObject({
      targetUrl: 'https://perf.c4ang.test',
      loadScale: 1,
      vuScale: 1,
      chaosProvider: 'chaos-mesh',
    });
  });

  test('flags win over the environment', () => {
    const env = {
      LOAD_SCALE: '0.5',
      VU_SCALE: '2',
      RUN_ID: 'from-env',
      C4ANG_PERF_ENGINE: 'k6',
      BASE_URL: 'http://a.test',
    };
    const config = resolveRunConfig(
      'soak',
      { scale: '0.1', vuScale: '0.3', runId: 'from-flag', engine: 'local', target: 'http://b.test' },
      env,
      cwd,
    );
    expect(config).toMatchObject({
      loadScale: 0.1,
      vuScale: 0.3,
      runId: 'from-flag',
      engine: 'local',
      targetUrl: 'http://b.test',
    });
  });

  test('the environment wins over defaults', () => {
    expect(resolveRunConfig('soak', {}, { LOAD_SCALE: '0.5', C4ANG_PERF_RESULTS: 'out' }, cwd)).toMatchObject(
      { loadScale: 0.5, resultsRoot: '/work/project/out' },
    );
  });

  test('every problem is reported at once, naming the flag or variable', () => {
    try {
      resolveRunConfig(
        'spike',
        { scale: '0', vuScale: 'many', engine: 'jmeter', workers: '1.5', chaosAt: '150' },
        { SEED: 'x' },
        cwd,
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['--scale', '--vu-scale', '--engine', '--workers', '--chaos-at', 'SEED'])
        expect(problems).toContain(name);
      expect((error as ConfigError).exitCode).toBe(104);
    }
  });

  test('the local chaos provider cannot act on a real target', () => {
    expect(() =>
      resolveRunConfig(
        'normal',
        { target: 'http://a.test', chaos: ['x.yaml'], chaosProvider: 'local' },
        {},
        cwd,
      ),
    ).toThrow(/local provider acts on the embedded target only/);
  });

  test('an unknown profile lists the known ones', () => {
    expect(() => resolveRunConfig('warmup', {}, {}, cwd)).toThrow(
      /unknown profile "warmup"[\s\S]*smoke, normal, stress, spike, soak, breakpoint/,
    );
  });
});
