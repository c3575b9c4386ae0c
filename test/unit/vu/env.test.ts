import { describe, expect, test } from 'vitest';
import { findVuEnvProblems, parseVuEnv } from '../../../src/vu/env.ts';

describe('parseVuEnv', () => {
  test('defaults target the embedded stand-in at full scale', () => {
    expect(parseVuEnv({})).toMatchObject({
      baseUrl: 'http://127.0.0.1:8080',
      apiHost: 'api.c4ang.com',
      loadScale: 1,
      vuScale: 1,
      runId: 'adhoc',
      resultsDir: 'results/adhoc',
    });
  });

  test('reads every variable', () => {
    const env = parseVuEnv({
      BASE_URL: 'https://perf.example.test/',
      API_HOST: 'api.c4ang.com',
      AUTH_TOKEN: 't',
      LOAD_SCALE: '0.05',
      VU_SCALE: '2',
      RUN_ID: 'r1',
      RESULTS_DIR: '/tmp/r',
      SEED: '9',
    });
    expect(env).toEqual({
      baseUrl: 'https://perf.example.test',
      apiHost: 'api.c4ang.com',
      authToken: 't',
      loadScale: 0.05,
      vuScale: 2,
      runId: 'r1',
      resultsDir: '/tmp/r',
      seed: 9,
    });
  });

  test.each([
    ['LOAD_SCALE', '0'],
    ['LOAD_SCALE', '1.5'],
    ['LOAD_SCALE', 'fast'],
    ['LOAD_SCALE', ''],
    ['VU_SCALE', '-1'],
    ['VU_SCALE', '11'],
    ['BASE_URL', 'localhost:8080'],
    ['SEED', '1.5'],
    ['RUN_ID', 'a b'],
  ])('rejects %s=%j with a message naming it', (name, value) => {
    const problems = findVuEnvProblems({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: .*got "${value}"`));
    expect(() => parseVuEnv({ [name]: value })).toThrow(name);
  });

  test('collects every problem at once', () => {
    expect(findVuEnvProblems({ LOAD_SCALE: '2', VU_SCALE: '0' })).toHaveLength(2);
  });
});
