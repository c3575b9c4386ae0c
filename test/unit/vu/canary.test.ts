// The VU side of a canary run: CANARY_SPLIT / CANARY_HEADER parsing (every problem named by its
// variable, a header that cannot smuggle a second one), the seeded version picker (the share it draws,
// the same choices for the same seed, the header only on v2) and the per-version sub-metrics.
import { describe, expect, test } from 'vitest';
import {
  createVersionPicker,
  findCanaryEnvProblems,
  parseCanaryEnv,
  parseCanaryHeader,
  versionSubmetrics,
} from '../../../src/vu/canary.ts';

describe('parseCanaryEnv', () => {
  test('no CANARY_SPLIT: an ordinary run', () => {
    expect(parseCanaryEnv({})).toBeUndefined();
  });

  test('the plan’s header by default; a given one lower-cased by name', () => {
    expect(parseCanaryEnv({ CANARY_SPLIT: '10' })).toEqual({
      splitPercent: 10,
      header: { name: 'x-version', value: 'v2' },
    });
    expect(parseCanaryEnv({ CANARY_SPLIT: '50%', CANARY_HEADER: 'X-Canary=yes please' })).toEqual({
      splitPercent: 50,
      header: { name: 'x-canary', value: 'yes please' },
    });
  });

  test.each([
    [{ CANARY_SPLIT: '0' }, 'CANARY_SPLIT: must be a percentage with 0 < split ≤ 100 (got "0")'],
    [{ CANARY_SPLIT: '101' }, 'CANARY_SPLIT: must be a percentage with 0 < split ≤ 100 (got "101")'],
    [{ CANARY_SPLIT: 'ten' }, 'CANARY_SPLIT: must be a percentage with 0 < split ≤ 100 (got "ten")'],
    [{ CANARY_HEADER: 'x-version=v2' }, 'CANARY_HEADER: only with CANARY_SPLIT'],
    [{ CANARY_SPLIT: '10', CANARY_HEADER: 'x-version' }, 'CANARY_HEADER: must be <header name>=<value>'],
    [{ CANARY_SPLIT: '10', CANARY_HEADER: 'x version=v2' }, 'CANARY_HEADER: must be <header name>=<value>'],
    [{ CANARY_SPLIT: '10', CANARY_HEADER: 'x-version=v2\r\nx-admin: 1' }, 'CANARY_HEADER: must be'],
  ])('%j is refused', (raw, problem) => {
    expect(findCanaryEnvProblems(raw)[0]).toContain(problem);
    expect(() => parseCanaryEnv(raw)).toThrow(problem.split(':')[0]);
  });

  test('a header value may hold "=" after the first', () => {
    expect(parseCanaryHeader('x-canary=a=b')).toEqual({ name: 'x-canary', value: 'a=b' });
  });
});

describe('createVersionPicker', () => {
  const split = { splitPercent: 10, header: { name: 'x-version', value: 'v2' } };

  test('about the asked share of iterations is v2, and only v2 carries the header', () => {
    let v2 = 0;
    const headers = new Map<string, string>();
    let currentMatches = true;
    for (let vu = 1; vu <= 100; vu++) {
      const picker = createVersionPicker(split, 42, vu);
      for (let i = 0; i < 200; i++) {
        const version = picker.next();
        currentMatches &&= picker.current() === version;
        if (version.version === 'v2') v2++;
        headers.set(version.version, JSON.stringify(version.headers));
      }
    }
    expect(currentMatches).toBe(true);
    expect(Object.fromEntries(headers)).toEqual({ v1: '{}', v2: '{"x-version":"v2"}' });
    // Binomial(20000, 0.1): sd 42; ±4 sd.
    expect(Math.abs(v2 - 2000)).toBeLessThan(170);
  });

  test('the same seed and VU give the same choices; another VU other ones; 100 % is always v2', () => {
    const run = (seed: number, vu: number) => {
      const picker = createVersionPicker({ ...split, splitPercent: 50 }, seed, vu);
      return Array.from({ length: 64 }, () => picker.next().version).join();
    };
    expect(run(7, 3)).toBe(run(7, 3));
    expect(run(7, 3)).not.toBe(run(7, 4));
    const all = createVersionPicker({ ...split, splitPercent: 100 }, 7, 1);
    expect(Array.from({ length: 100 }, () => all.next().version).every((v) => v === 'v2')).toBe(true);
  });

  test('before the first iteration a VU is v1', () => {
    expect(createVersionPicker(split, 1, 1).current().version).toBe('v1');
  });
});

test('per-version sub-metrics surface in k6’s summary', () => {
  expect(versionSubmetrics()).toEqual([
    'http_req_duration{version:v1}',
    'http_req_failed{version:v1}',
    'http_req_duration{version:v2}',
    'http_req_failed{version:v2}',
  ]);
});
