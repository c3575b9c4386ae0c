// Run configuration: defaults < environment < flags, every problem reported at once (exit 104).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
    expect(config.runId).toMatch(/^spike-\d{8}-\d{6}-[0-9a-f]{8}$/);
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

  test('a bad value from the environment names the variable, not the flag', () => {
    const problems = (env: Record<string, string>, flags = {}) => {
      try {
        resolveRunConfig('smoke', flags, env, cwd);
        return '';
      } catch (error) {
        return (error as ConfigError).problems.join('\n');
      }
    };
    expect(problems({ C4ANG_PERF_ENGINE: 'bogus' })).toMatch(/^C4ANG_PERF_ENGINE: .*"bogus"/);
    expect(problems({ C4ANG_PERF_CHAOS_PROVIDER: 'x' })).toMatch(/^C4ANG_PERF_CHAOS_PROVIDER: .*"x"/);
    expect(problems({}, { engine: 'bogus' })).toMatch(/^--engine: .*"bogus"/);
    expect(problems({}, { chaosAt: '-5' })).toMatch(/^--chaos-at: .*0 ≤ value ≤ 100 \(got "-5"\)/);
  });

  test('a k6 binary named on purpose must exist and run, unless the local engine is forced', () => {
    expect(() => resolveRunConfig('smoke', { k6Bin: '/nonexistent/k6' }, {}, cwd)).toThrow(
      /--k6-bin: "\/nonexistent\/k6" does not exist/,
    );
    expect(() => resolveRunConfig('smoke', {}, { K6_BIN: '/etc' }, cwd)).toThrow(
      /K6_BIN: "\/etc" is not a file/,
    );
    // Not executable by anyone (root too needs one x bit).
    const plain = path.join(mkdtempSync(path.join(tmpdir(), 'k6-bin-')), 'k6');
    writeFileSync(plain, '#!/bin/sh\n', { mode: 0o644 });
    expect(() => resolveRunConfig('smoke', {}, { K6_BIN: plain }, cwd)).toThrow(
      /K6_BIN: .*not an executable file/,
    );
    expect(resolveRunConfig('smoke', { engine: 'local', k6Bin: '/nonexistent/k6' }, {}, cwd).k6Bin).toBe(
      '/nonexistent/k6',
    );
    expect(resolveRunConfig('smoke', {}, { K6_BIN: '' }, cwd).k6Bin).toBeUndefined();
    expect(resolveRunConfig('smoke', {}, { K6_BIN: process.execPath }, cwd).k6Bin).toBe(process.execPath);
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
