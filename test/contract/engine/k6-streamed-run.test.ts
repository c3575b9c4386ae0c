// Long runs on real k6, through the fake `k6`: k6 gets its summary and thresholds switched off with
// the flags its version knows, writes its samples into a pipe, and the harness turns them into the
// time series, the thresholds and the bundle's handleSummary output; a failing abortOnFail threshold
// makes the harness stop k6 (SIGINT) and the run exit 99, honouring delayAbortEval; Ctrl-C is 105
// with the summary of what was streamed.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { selectEngine } from '../../../src/engine/select-engine.ts';
import type { EngineRequest } from '../../../src/engine/types.ts';
import { readTimeSeries, type TimeSeriesLine } from '../../../src/results/timeseries-file.ts';

const fakeDir = path.resolve(import.meta.dirname, '../../fixtures/fake-k6');
const pathWithFake = `${fakeDir}:${process.env.PATH}`;
const START_MS = Date.UTC(2026, 0, 1);

// A bundle as the harness's are, reduced to what the streamed path reads: thresholds (one with
// abortOnFail, its delay from __ENV), summary settings and a handleSummary writing summary.json.
const SCRIPT = `
export const options = {
  scenarios: { default: { executor: 'constant-vus', vus: 1, duration: '1s' } },
  thresholds: {
    http_req_failed: [{ threshold: 'rate<0.5', abortOnFail: true, delayAbortEval: __ENV.ABORT_DELAY || '2s' }],
    'http_req_duration{service:order-service}': ['p(95)<1000'],
    'http_req_failed{service:payment-service}': [],
    checks: ['rate>0.4'],
  },
  summaryTrendStats: ['avg', 'p(95)', 'count'],
};
export default function () {}
export function handleSummary(data) {
  return {
    [__ENV.RESULTS_DIR + '/summary.json']: JSON.stringify(data),
    [__ENV.RESULTS_DIR + '/summary.txt']: 'summary from handleSummary',
  };
}
`;

let work: string;
let log: string;
let bundlePath: string;

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'fake-k6-stream-'));
  log = path.join(work, 'argv.ndjson');
  bundlePath = path.join(work, 'bundle.js');
  writeFileSync(bundlePath, SCRIPT);
  for (const name of Object.keys(process.env)) if (name.startsWith('FAKE_K6_')) delete process.env[name];
  process.env.FAKE_K6_LOG = log;
  process.env.FAKE_K6_START_MS = String(START_MS);
});

const request = (overrides: Partial<EngineRequest> = {}): EngineRequest => ({
  bundlePath,
  env: { RUN_ID: 'r1', RESULTS_DIR: work, ABORT_DELAY: '2s' },
  resultsDir: work,
  timeSeriesPath: path.join(work, 'timeseries.ndjson'),
  signal: new AbortController().signal,
  quiet: true,
  k6Summary: { mode: 'harness', why: 'a test' },
  ...overrides,
});

const runArgv = () =>
  readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as string[])
    .filter((a) => a[0] === 'run');
const signals = () => (existsSync(`${log}.signals`) ? readFileSync(`${log}.signals`, 'utf8') : '');
const summary = () => JSON.parse(readFileSync(path.join(work, 'summary.json'), 'utf8'));
async function series(): Promise<TimeSeriesLine[]> {
  const lines: TimeSeriesLine[] = [];
  for await (const line of readTimeSeries(path.join(work, 'timeseries.ndjson'))) lines.push(line);
  return lines;
}
const run = async (overrides: Partial<EngineRequest> = {}) =>
  selectEngine('k6', undefined, pathWithFake).run(request(overrides));

describe('a streamed long run', () => {
  test('k6 keeps nothing, the harness writes the time series, thresholds and handleSummary’s files', async () => {
    // 100 000 requests (600 000 samples) over 100 s of sample time, 6 services, none failed.
    process.env.FAKE_K6_SAMPLES = '600000';
    process.env.FAKE_K6_RATE = '1000';
    process.env.FAKE_K6_VERSION = 'k6 v2.2.0 (commit/d1ef090643, go1.26.4, linux/amd64)';
    const result = await run();
    expect(result).toMatchObject({ engine: 'k6', exitCode: 0 });

    const [argv] = runArgv();
    expect(argv!.slice(0, 5)).toEqual([
      'run',
      '--include-system-env-vars',
      '--no-thresholds',
      '--summary-mode=disabled',
      '--out',
    ]);
    // The samples went through a pipe outside the run folder, gone afterwards: no sample file is kept.
    const samplesPath = argv![5]!.slice('json='.length);
    expect(samplesPath.startsWith(work)).toBe(false);
    expect(existsSync(samplesPath)).toBe(false);
    expect(readdirSync(work).filter((f) => f.startsWith('k6-samples'))).toEqual([]);

    const data = summary();
    expect(data.metrics.http_reqs.values.count).toBe(100_000);
    expect(data.metrics.http_req_duration.values.count).toBe(100_000);
    // Request r is order-service when r % 6 == 2: 16 667 of 100 000.
    expect(data.metrics['http_req_duration{service:order-service}']).toMatchObject({
      values: { count: 16_667 },
      thresholds: { 'p(95)<1000': { ok: true } },
    });
    expect(data.metrics['http_req_failed{service:payment-service}'].values).toEqual({
      rate: 0,
      passes: 0,
      fails: 16_667,
    });
    expect(data.metrics.http_req_failed.thresholds).toEqual({ 'rate<0.5': { ok: true } });
    expect(data.root_group.checks).toEqual([
      expect.objectContaining({ name: 'status is 2xx', passes: 100_000, fails: 0 }),
    ]);
    expect(data.state.testRunDurationMs).toBe(99_999);
    expect(readFileSync(path.join(work, 'summary.txt'), 'utf8')).toBe('summary from handleSummary');

    const lines = await series();
    const perSecond = lines.filter((l) => l.metric === 'http_reqs');
    expect(new Set(perSecond.map((l) => l.t)).size).toBe(100);
    expect(perSecond.reduce((sum, l) => sum + l.values.count!, 0)).toBe(100_000);
    expect(lines.find((l) => l.metric === 'http_req_duration')?.hist?.length).toBeGreaterThan(0);
    expect(signals()).toBe('');
  });

  test('k6 before v1.3.0 gets --no-summary (the fake, like k6 v2, refuses it where it is gone)', async () => {
    process.env.FAKE_K6_SAMPLES = '600';
    process.env.FAKE_K6_VERSION = 'k6 v1.2.3 (commit/69b9ea959d, go1.24.6, linux/amd64)';
    expect((await run()).exitCode).toBe(0);
    expect(runArgv()[0]).toContain('--no-summary');
    expect(runArgv()[0]).not.toContain('--summary-mode=disabled');
    expect(summary().metrics.http_reqs.values.count).toBe(100);
  });

  test('a k6 error before the test (script error, 107) passes through and leaves no summary', async () => {
    process.env.FAKE_K6_VERSION = 'k6 v2.2.0 (x)';
    process.env.FAKE_K6_EXIT = '107';
    process.env.FAKE_K6_SAMPLES = '0';
    expect((await run()).exitCode).toBe(107);
    expect(existsSync(path.join(work, 'summary.json'))).toBe(false);
  });
});

describe('thresholds evaluated by the harness', () => {
  test('a failing abortOnFail threshold stops k6 with SIGINT and the run exits 99, summary written', async () => {
    // Every request fails; 1000 requests over 10 s of sample time; then k6 would run on for 30 s.
    process.env.FAKE_K6_SAMPLES = '6000';
    process.env.FAKE_K6_RATE = '100';
    process.env.FAKE_K6_FAILED = '1';
    process.env.FAKE_K6_HANG = '1';
    const started = Date.now();
    const result = await run();
    expect(result.exitCode).toBe(99);
    expect(signals()).toBe('SIGINT\n');
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(summary().metrics.http_req_failed).toMatchObject({
      values: { rate: 1 },
      thresholds: { 'rate<0.5': { ok: false } },
    });
    expect((await series()).some((l) => l.metric === 'http_req_failed')).toBe(true);
  });

  test('delayAbortEval longer than the run: no abort, the threshold fails at the end (99)', async () => {
    process.env.FAKE_K6_SAMPLES = '6000';
    process.env.FAKE_K6_RATE = '100';
    process.env.FAKE_K6_FAILED = '1';
    process.env.FAKE_K6_HANG = '1';
    process.env.FAKE_K6_HANG_MS = '4500';
    const result = await run({ env: { RUN_ID: 'r1', RESULTS_DIR: work, ABORT_DELAY: '1h' } });
    expect(result.exitCode).toBe(99);
    expect(signals()).toBe('');
    expect(summary().metrics.http_req_failed.thresholds).toEqual({ 'rate<0.5': { ok: false } });
  });

  test('Ctrl-C: SIGINT to k6, 105, and the summary of what was streamed', async () => {
    process.env.FAKE_K6_SAMPLES = '6000';
    process.env.FAKE_K6_RATE = '100';
    process.env.FAKE_K6_HANG = '1';
    const controller = new AbortController();
    // Ctrl-C once k6 is up and has written its samples (it writes them within milliseconds).
    const started = setInterval(() => {
      if (existsSync(log) && runArgv().length > 0) {
        clearInterval(started);
        setTimeout(() => controller.abort(), 700);
      }
    }, 50);
    const result = await run({ signal: controller.signal });
    expect(result.exitCode).toBe(105);
    expect(signals()).toBe('SIGINT\n');
    expect(summary().metrics.http_reqs.values.count).toBe(1000);
  });
});
