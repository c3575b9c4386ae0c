// A long run on real k6 (the fake `k6` first on PATH) through `npm run`, as a user or CI starts it:
// the harness streams k6's samples and judges them, and the outcome reads as any other run's — the
// same run folder, the verdict's exit code (99 naming the failed criterion), Ctrl-C → 105 with the
// results kept and judged, and breakpoint's threshold abort (here decided by the harness) taken as
// its measurement, not as a failure.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { npmRun, ROOT } from '../npm-run.ts';

const FAKE_K6_DIR = path.join(ROOT, 'test/fixtures/fake-k6');
/** What a judged run folder holds whichever engine ran (README "Results"). */
const RUN_FILES = [
  'junit.xml',
  'report.html',
  'report.md',
  'run.json',
  'summary.json',
  'summary.txt',
  'timeseries.ndjson',
  'verdict.json',
];

function startRun(profile: string, runId: string, env: Record<string, string>, flags: string[] = []) {
  const work = mkdtempSync(path.join(tmpdir(), `k6-streamed-${profile}-`));
  const resultsRoot = path.join(work, 'results');
  const log = path.join(work, 'k6-argv.ndjson');
  const run = npmRun(
    `load:${profile}`,
    ['--engine', 'k6', '--run-id', runId, '--results-dir', resultsRoot, ...flags],
    { PATH: `${FAKE_K6_DIR}:${process.env.PATH}`, FAKE_K6_LOG: log, FAKE_K6_RATE: '100', ...env },
  );
  const folder = path.join(resultsRoot, runId);
  const json = (file: string) => JSON.parse(readFileSync(path.join(folder, file), 'utf8'));
  const runArgv = () =>
    existsSync(log)
      ? readFileSync(log, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as string[])
          .filter((a) => a[0] === 'run')
      : [];
  const signals = () => (existsSync(`${log}.signals`) ? readFileSync(`${log}.signals`, 'utf8') : '');
  return { run, folder, json, runArgv, signals };
}

test('soak on k6: streamed, judged by the harness, 99 naming the failed criterion, the usual run folder', async () => {
  // 20 % of 5000 requests fail: the error-rate criterion fails.
  const soak = startRun('soak', 'soak-k6', { FAKE_K6_SAMPLES: '30000', FAKE_K6_FAILED: '0.2' });
  const exit = await soak.run.exited;
  expect(exit, soak.run.stderr()).toBe(99);
  expect(soak.runArgv()[0]).toEqual(expect.arrayContaining(['--no-thresholds', '--summary-mode=disabled']));
  expect(readdirSync(soak.folder)).toEqual(expect.arrayContaining(RUN_FILES));
  expect(soak.json('run.json')).toMatchObject({ engine: 'k6', status: 'finished', exitCode: 99 });
  expect(soak.json('verdict.json')).toMatchObject({ pass: false, exitCode: 99 });
  // summary.json came from the bundle's own handleSummary, fed with the harness's aggregates.
  const summary = soak.json('summary.json');
  expect(summary.metrics.http_reqs.values.count).toBe(5000);
  expect(summary.c4ang.criteria.find((c: { id: string }) => c.id === 'errors-under-1pct')).toMatchObject({
    ok: false,
    observed: 0.2,
  });
  expect(soak.run.stdout()).toMatch(/FAILED \(exit 99\): errors-under-1pct/);
}, 180_000);

test('Ctrl-C during a streamed run: k6 gets one SIGINT, exit 105, results kept and judged', async () => {
  const soak = startRun('soak', 'soak-k6-ctrl-c', { FAKE_K6_SAMPLES: '6000', FAKE_K6_HANG: '1' });
  for (let i = 0; i < 600 && soak.runArgv().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1500));
  soak.run.signalGroup('SIGINT');
  const exit = await soak.run.exited;
  expect(exit, soak.run.stderr()).toBe(105);
  expect(soak.signals()).toBe('SIGINT\n');
  expect(readdirSync(soak.folder)).toEqual(expect.arrayContaining(RUN_FILES));
  expect(soak.json('run.json')).toMatchObject({ status: 'interrupted', exitCode: 105 });
  expect(soak.json('summary.json').metrics.http_reqs.values.count).toBe(1000);
}, 180_000);

test('breakpoint on k6: the harness aborts k6 on the abortOnFail threshold, and the verdict decides the exit code', async () => {
  // Every request fails; past the abort delay (2 s at quick scale) the error threshold aborts the
  // run. A quick breakpoint is short enough for k6's own summary: --k6-summary harness streams it.
  const breakpoint = startRun(
    'breakpoint',
    'breakpoint-k6',
    { FAKE_K6_SAMPLES: '6000', FAKE_K6_FAILED: '1', FAKE_K6_HANG: '1' },
    ['--k6-summary', 'harness'],
  );
  const exit = await breakpoint.run.exited;
  expect(breakpoint.signals(), breakpoint.run.stderr()).toBe('SIGINT\n');
  expect(breakpoint.run.stderr()).toMatch(
    /thresholds on metrics 'http_req_failed' were crossed \(rate<0\.01\); at least one has abortOnFail enabled/,
  );
  const verdict = breakpoint.json('verdict.json');
  // The abort is breakpoint's measurement: its abortOnFail thresholds are not criteria to fail.
  expect(verdict.criteria.map((c: { id: string }) => c.id)).not.toContain('errors-under-1pct');
  expect(exit).toBe(verdict.exitCode);
  expect(breakpoint.json('run.json')).toMatchObject({ status: 'finished', exitCode: verdict.exitCode });
}, 180_000);
