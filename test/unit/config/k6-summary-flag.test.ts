// --k6-summary / C4ANG_PERF_K6_SUMMARY: auto by default, the flag over the variable, and a bad value
// is a 104 problem naming where it came from.
import { describe, expect, test } from 'vitest';
import { resolveRunConfig } from '../../../src/config.ts';
import { ConfigError } from '../../../src/errors.ts';

const cwd = '/work/project';

describe('--k6-summary', () => {
  test('auto by default; the flag wins over C4ANG_PERF_K6_SUMMARY', () => {
    expect(resolveRunConfig('soak', {}, {}, cwd).k6Summary).toBe('auto');
    expect(resolveRunConfig('soak', {}, { C4ANG_PERF_K6_SUMMARY: 'k6' }, cwd).k6Summary).toBe('k6');
    expect(
      resolveRunConfig('soak', { k6Summary: 'harness' }, { C4ANG_PERF_K6_SUMMARY: 'k6' }, cwd).k6Summary,
    ).toBe('harness');
  });

  test.each([
    [{ k6Summary: 'stream' }, {}, '--k6-summary: must be one of auto, k6, harness (got "stream")'],
    [
      {},
      { C4ANG_PERF_K6_SUMMARY: 'off' },
      'C4ANG_PERF_K6_SUMMARY: must be one of auto, k6, harness (got "off")',
    ],
  ])('a bad value is a configuration problem: %j %j', (flags, env, problem) => {
    let error: unknown;
    try {
      resolveRunConfig('soak', flags, env, cwd);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([problem]);
  });
});
