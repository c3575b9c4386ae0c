// Contract of the real-k6 engine, checked through a fake `k6` first on PATH: how it is found, the
// arguments it gets, exit codes passed through, SIGINT on abort, samples turned into our series, and
// Prometheus remote write switched on by K6_PROMETHEUS_RW_SERVER_URL.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { ConfigError } from '../../../src/errors.ts';
import { selectEngine } from '../../../src/engine/select-engine.ts';

const fakeDir = path.resolve(import.meta.dirname, '../../fixtures/fake-k6');
const pathWithFake = `${fakeDir}:${process.env.PATH}`;
let work: string;
let log: string;

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'fake-k6-'));
  log = path.join(work, 'argv.ndjson');
  process.env.FAKE_K6_LOG = log;
  delete process.env.FAKE_K6_EXIT;
  delete process.env.FAKE_K6_HANG;
  delete process.env.FAKE_K6_VERSION;
  for (const name of Object.keys(process.env))
    if (name.startsWith('K6_PROMETHEUS_RW_')) delete process.env[name];
});

/** Every `k6 run` argv the fake recorded (the preflight's `k6 version` calls left out). */
const runCalls = (): string[][] =>
  existsSync(log)
    ? readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as string[])
        .filter((argv) => argv[0] === 'run')
    : [];

const request = (signal = new AbortController().signal) => ({
  bundlePath: '/project/dist/spike.js',
  env: { BASE_URL: 'http://127.0.0.1:9', RUN_ID: 'r1', RESULTS_DIR: path.join(work, 'r1') },
  resultsDir: work,
  timeSeriesPath: path.join(work, 'timeseries.ndjson'),
  signal,
  quiet: true,
});

describe('engine selection', () => {
  test('auto picks k6 when it is on PATH, else the local runner, and says why', () => {
    expect(selectEngine('auto', undefined, pathWithFake)).toMatchObject({
      name: 'k6',
      reason: expect.stringContaining(fakeDir),
    });
    expect(selectEngine('auto', undefined, '/nonexistent')).toMatchObject({
      name: 'local',
      reason: expect.stringMatching(/no k6 binary on PATH/),
    });
    expect(selectEngine('local', undefined, pathWithFake).name).toBe('local');
  });

  test('K6_BIN wins over PATH; a bad K6_BIN or a missing k6 with --engine k6 is a config error', () => {
    expect(selectEngine('k6', path.join(fakeDir, 'k6'), '/nonexistent').name).toBe('k6');
    expect(() => selectEngine('k6', '/nope/k6', '/nonexistent')).toThrow(ConfigError);
    // Named on purpose, so never silently replaced by the local runner.
    expect(() => selectEngine('auto', '/nope/k6', '/nonexistent')).toThrow(/--k6-bin/);
    expect(() => selectEngine('k6', undefined, '/nonexistent')).toThrow(
      /no k6 binary on PATH and K6_BIN is not set/,
    );
  });
});

describe('k6 binary engine', () => {
  test('runs `k6 run --out json=… bundle` with the env in its environment, never on its command line', async () => {
    const secret = { ...request(), env: { ...request().env, AUTH_TOKEN: 'tok-secret-123' } };
    const result = await selectEngine('auto', undefined, pathWithFake).run(secret);
    expect(result).toMatchObject({ engine: 'k6', exitCode: 0 });
    const [argv] = runCalls();
    expect(argv).toEqual([
      'run',
      '--include-system-env-vars',
      '--out',
      `json=${path.join(work, 'k6-samples.json.gz')}`,
      '--quiet',
      '/project/dist/spike.js',
    ]);
    expect(JSON.stringify(argv)).not.toContain('tok-secret-123');
    // The fake reads __ENV as k6 does: the run's env reached it through the environment.
    expect(JSON.parse(readFileSync(path.join(work, 'r1', 'summary.json'), 'utf8')).c4ang.env.RUN_ID).toBe(
      'r1',
    );
    const series = readFileSync(path.join(work, 'timeseries.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const duration = series.find((l) => l.metric === 'http_req_duration');
    expect(duration.values.count).toBe(2);
    expect(duration.values.max).toBeCloseTo(30, 0);
  });

  test('passes k6 exit codes through (99: thresholds failed)', async () => {
    process.env.FAKE_K6_EXIT = '99';
    expect((await selectEngine('auto', undefined, pathWithFake).run(request())).exitCode).toBe(99);
  });

  test('an abort sends SIGINT so k6 can write its summary, and 105 comes back', async () => {
    process.env.FAKE_K6_HANG = '1';
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    const result = await selectEngine('auto', undefined, pathWithFake).run(request(controller.signal));
    expect(result.exitCode).toBe(105);
    expect(JSON.parse(readFileSync(path.join(work, 'r1', 'summary.json'), 'utf8')).c4ang.env.RUN_ID).toBe(
      'r1',
    );
  });

  test('a run interrupted before k6 starts does not start k6 at all', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await selectEngine('auto', undefined, pathWithFake).run(request(controller.signal));
    expect(result.exitCode).toBe(105);
    expect(runCalls()).toEqual([]);
  });
});

describe('k6 binary engine with Prometheus remote write', () => {
  const summary = () => JSON.parse(readFileSync(path.join(work, 'r1', 'summary.json'), 'utf8')).c4ang;

  test('K6_PROMETHEUS_RW_SERVER_URL adds --out experimental-prometheus-rw; k6 reads the rest from its env', async () => {
    process.env.K6_PROMETHEUS_RW_SERVER_URL = 'http://127.0.0.1:9090/api/v1/write';
    process.env.K6_PROMETHEUS_RW_PUSH_INTERVAL = '2s';
    const result = await selectEngine('auto', undefined, pathWithFake).run(request());
    expect(result.exitCode).toBe(0);
    const [argv] = runCalls();
    expect(argv).toEqual([
      'run',
      '--include-system-env-vars',
      '--out',
      `json=${path.join(work, 'k6-samples.json.gz')}`,
      '--out',
      'experimental-prometheus-rw',
      '--quiet',
      '/project/dist/spike.js',
    ]);
    // The harness's defaults (p95 for the dashboard, the run id as testid) join what the user set.
    expect(summary().remoteWrite).toEqual({
      K6_PROMETHEUS_RW_SERVER_URL: 'http://127.0.0.1:9090/api/v1/write',
      K6_PROMETHEUS_RW_PUSH_INTERVAL: '2s',
      K6_PROMETHEUS_RW_TREND_STATS: 'p(95),p(99)',
      K6_PROMETHEUS_RW_LABELS: 'testid=r1',
    });
    // The json samples still became the time series next to the second output.
    expect(readFileSync(path.join(work, 'timeseries.ndjson'), 'utf8')).toContain('http_req_duration');
  });

  test('settings the user gave win over the harness defaults', async () => {
    process.env.K6_PROMETHEUS_RW_SERVER_URL = 'http://127.0.0.1:9090/api/v1/write';
    process.env.K6_PROMETHEUS_RW_TREND_STATS = 'avg';
    process.env.K6_PROMETHEUS_RW_LABELS = 'team=perf';
    await selectEngine('auto', undefined, pathWithFake).run(request());
    expect(summary().remoteWrite).toMatchObject({
      K6_PROMETHEUS_RW_TREND_STATS: 'avg',
      K6_PROMETHEUS_RW_LABELS: 'team=perf',
    });
  });

  test('without K6_PROMETHEUS_RW_SERVER_URL k6 gets no remote-write output and no defaults', async () => {
    await selectEngine('auto', undefined, pathWithFake).run(request());
    expect(runCalls()[0]).not.toContain('experimental-prometheus-rw');
    expect(summary().remoteWrite).toEqual({});
  });
});
