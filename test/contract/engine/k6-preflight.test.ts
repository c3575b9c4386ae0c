// The k6 version preflight, through the fake `k6` answering `k6 version` as each kind of build does:
// too old a release is refused by `--engine k6` (104, naming the versions found and needed) and
// passed over by `auto` (local runner, saying why); xk6 builds and pseudo-versions are accepted; a
// line with no release is tried only when asked for by name; a `k6 version` that fails is said so.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { selectEngine } from '../../../src/engine/select-engine.ts';
import { ConfigError } from '../../../src/errors.ts';

const fakeDir = path.resolve(import.meta.dirname, '../../fixtures/fake-k6');
const pathWithFake = `${fakeDir}:${process.env.PATH}`;
const fakeK6 = path.join(fakeDir, 'k6');

beforeEach(() => {
  const work = mkdtempSync(path.join(tmpdir(), 'fake-k6-preflight-'));
  process.env.FAKE_K6_LOG = path.join(work, 'argv.ndjson');
  delete process.env.FAKE_K6_VERSION_EXIT;
});

/** What selectEngine does with `k6 version` printing `output`: the engine, or the 104 problems. */
function select(output: string, choice: 'auto' | 'k6') {
  process.env.FAKE_K6_VERSION = output;
  try {
    const engine = selectEngine(choice, undefined, pathWithFake);
    return { name: engine.name, reason: engine.reason };
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(104);
    return { problems: (error as ConfigError).problems };
  }
}

describe('an official release', () => {
  const old = 'k6 v0.49.0 (2024-01-29T13:16:28+0000/v0.49.0-0-g0c2b7f2d, go1.21.6, linux/amd64)';

  test('too old with --engine k6: 104 naming the version found and the one needed, and why', () => {
    const { problems } = select(old, 'k6');
    expect(problems).toHaveLength(1);
    expect(problems![0]).toContain(`k6 at ${fakeK6} is v0.49.0`);
    expect(problems![0]).toContain('the bundles need k6 ≥ v0.53.0');
    expect(problems![0]).toMatch(/k6\/timers .* since v0\.50\.0/);
    expect(problems![0]).toMatch(/--engine local$/);
  });

  test('too old with --engine auto: the local runner, saying why', () => {
    expect(select(old, 'auto')).toEqual({
      name: 'local',
      reason: expect.stringMatching(
        /^k6 at .* is v0\.49\.0; the bundles need k6 ≥ v0\.53\.0 .*: using the k6-compatible local runner$/,
      ),
    });
  });

  test.each([
    ['k6 v0.53.0 (2024-08-13T09:44:30+0000/v0.53.0-0-gf82a27d, go1.22.6, linux/amd64)', 'k6 v0.53.0'],
    ['k6 v1.3.0 (commit/5870e99ae8, go1.25.1, linux/amd64)', 'k6 v1.3.0'],
  ])('new enough: %s → k6, the version in its reason', (output, note) => {
    for (const choice of ['auto', 'k6'] as const)
      expect(select(output, choice)).toEqual({
        name: 'k6',
        reason: `k6 found on PATH at ${fakeK6}; ${note}`,
      });
  });
});

describe('an xk6 build', () => {
  test('its version line and Extensions list are understood, and it is used', () => {
    const xk6 =
      'k6 v1.0.0 (go1.24.5, linux/amd64)\\nExtensions:\\n  github.com/grafana/xk6-dashboard v0.7.5, k6/x/dashboard [output]';
    expect(select(xk6, 'auto')).toEqual({
      name: 'k6',
      reason: expect.stringMatching(/; k6 v1\.0\.0 \(xk6 build\)$/),
    });
  });

  test('one built from a commit (a Go pseudo-version) counts as its release', () => {
    const built = 'k6 v1.3.1-0.20250821094055-e2181aa00abc (go1.24.6, linux/amd64)';
    expect(select(built, 'k6').name).toBe('k6');
  });

  test('an old xk6 build is as old as the k6 it was built on', () => {
    const { problems } = select('k6 v0.52.0 ((devel), go1.22.4, linux/amd64)', 'k6');
    expect(problems![0]).toContain('is v0.52.0 (xk6 build); the bundles need k6 ≥ v0.53.0');
  });
});

describe('no release in the version line', () => {
  test('--engine auto passes it over for the local runner, and says how to use it anyway', () => {
    expect(select('k6 (devel)', 'auto')).toEqual({
      name: 'local',
      reason: `k6 at ${fakeK6} printed no release version ("k6 (devel)"); --engine k6 uses it anyway: using the k6-compatible local runner`,
    });
  });

  test('--engine k6 uses it, saying it assumes a current k6', () => {
    expect(select('k6 (devel)', 'k6')).toEqual({
      name: 'k6',
      reason: expect.stringContaining('printed no release version ("k6 (devel)"): assuming a current k6'),
    });
  });

  test('a `k6 version` that fails is named: 104 with --engine k6, the local runner with auto', () => {
    process.env.FAKE_K6_VERSION_EXIT = '2';
    const { problems } = select('broken install', 'k6');
    expect(problems![0]).toBe(
      `--engine k6: \`${fakeK6} version\` exited 2: broken install; install a newer k6 (https://grafana.com/docs/k6/latest/set-up/install-k6/) or use --engine local`,
    );
    expect(select('broken install', 'auto').name).toBe('local');
  });
});
