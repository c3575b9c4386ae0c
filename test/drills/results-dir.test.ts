// Drills: the results folder, through `npm run` as users run it. A --results-dir that cannot be used
// (a file, a path under a file, a read-only folder) stops the run before load with 104 and a line
// naming --results-dir. A disk that fills up mid-run — injected with the test-only hook
// C4ANG_PERF_FAIL_WRITES_AFTER_MS (src/results/write-failures.ts), because a small tmpfs needs root —
// does not stop the load or the chaos recovery: the summary and the verdict's headline are still
// printed, every file that could not be written is named, no stack trace, exit 1.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { isAlive } from '../e2e/npm-run.ts';
import { waitFor } from '../e2e/target/target-client.ts';
import { type DrillRun, newResultsRoot, readJson, startLoad } from './run-drill.ts';

const isRoot = process.getuid?.() === 0;
const NO_STACK = /internal error|\n\s+at \S/;

/** `waiting`, unless the run exits first: then fail at once with what it said. */
function beforeExit<T>(run: DrillRun, what: string, waiting: Promise<T>): Promise<T> {
  const exitedFirst = run.exited.then((code) => {
    throw new Error(`the run exited (${code}) before ${what}:\n${run.stderr()}`);
  });
  exitedFirst.catch(() => undefined);
  return Promise.race([waiting, exitedFirst]);
}

/** A smoke run with --results-dir `resultsDir`: it must stop before load with 104. */
async function expectRefused(name: string, resultsDir: string, problem: RegExp): Promise<string> {
  const startedAt = Date.now();
  const run = startLoad('smoke', name, [], resultsDir);
  const exit = await run.exited;
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  expect(exit, run.stderr()).toBe(104);
  expect(run.stderr()).toMatch(/--results-dir/);
  expect(run.stderr()).toMatch(problem);
  expect(run.stderr()).not.toMatch(/target ready|starting the embedded/);
  expect(run.stderr()).not.toMatch(NO_STACK);
  expect(run.stdout()).not.toMatch(/PASSED|FAILED/);
  return `exit ${exit} in ${seconds} s`;
}

describe('results folder through npm run', () => {
  test('--results-dir is a file: 104 before load, naming --results-dir', async ({ task }) => {
    const file = path.join(newResultsRoot('results-file'), 'not-a-folder');
    writeFileSync(file, 'x');
    task.meta.figures = await expectRefused('results-file', file, /is a file, not a folder/);
  });

  test('--results-dir under a file: 104 before load, naming --results-dir', async ({ task }) => {
    const file = path.join(newResultsRoot('results-under-file'), 'a-file');
    writeFileSync(file, 'x');
    task.meta.figures = await expectRefused(
      'results-under-file',
      path.join(file, 'results'),
      /cannot create it \(ENOTDIR\)/,
    );
  });

  test.skipIf(isRoot)(
    '--results-dir read-only (not as root): 104 before load, naming --results-dir',
    async ({ task }) => {
      const dir = path.join(newResultsRoot('results-read-only'), 'read-only');
      mkdirSync(dir);
      chmodSync(dir, 0o555);
      try {
        task.meta.figures = await expectRefused('results-read-only', dir, /not writable \(EACCES\)/);
      } finally {
        chmodSync(dir, 0o755);
      }
    },
  );

  test('disk full mid-run (injected ENOSPC): load and chaos go on, headline printed, files named, exit 1', async ({
    task,
  }) => {
    const root = newResultsRoot('disk-full');
    const runId = 'disk-full';
    const runDir = path.join(root, runId);
    // The Schedule kills an order-service pod every 1.5 s (@every 5m at scale 0.005) until recovered;
    // results writes fail from 4 s after the first second of the series was written (~6 s into load).
    const run = startLoad(
      'normal',
      runId,
      [
        '--scale',
        '0.01',
        '--vu-scale',
        '0.5',
        '--chaos',
        'chaos/pod-kill-order-service-with-every-5m.yaml',
        '--chaos-at',
        '10',
      ],
      root,
      { C4ANG_PERF_FAIL_WRITES_AFTER_MS: '4000' },
    );
    await beforeExit(run, 'chaos was injected', run.waitForLog(/injected on/));
    const pids = run.processes();
    await beforeExit(run, 'the time series failed', run.waitForLog(/cannot write \S+timeseries\.ndjson/));
    const failedAt = Date.now();
    const exit = await run.exited;
    const stderr = run.stderr();
    const unwritten = [...stderr.matchAll(/cannot write (\S+): ENOSPC/g)].map((m) => path.basename(m[1]!));
    await waitFor('stand-in processes gone', async () => pids.every((pid) => !isAlive(pid)), 15_000).catch(
      () => undefined,
    );
    const left = pids.filter(isAlive);
    task.meta.figures = `exit ${exit}; unwritten: ${[...new Set(unwritten)].join(', ')}; run went on ${((Date.now() - failedAt) / 1000).toFixed(1)} s after the first failed write; ${run.ledger().length} ledger entries, ${left.length} of ${pids.length} processes left`;

    expect(exit, stderr).toBe(1);
    // The load went on to the end and the verdict was judged: the summary and the headline are printed.
    expect(run.stdout()).toMatch(/checks|http_reqs/);
    expect(run.stdout()).toMatch(/PASSED|FAILED \(exit \d+\)/);
    // Every file that could not be written is named, once, with the reason; no stack trace.
    expect(stderr).toContain(
      `cannot write ${path.join(runDir, 'timeseries.ndjson')}: ENOSPC (no space left on device)`,
    );
    expect(stderr).toContain(
      `cannot write ${path.join(runDir, 'verdict.json')}: ENOSPC (no space left on device)`,
    );
    expect(stderr).toMatch(/exit code 1/);
    expect(stderr).not.toMatch(NO_STACK);
    expect(existsSync(path.join(runDir, 'verdict.json'))).toBe(false);
    // Chaos was recovered and nothing is left running (the ledger and run.json are outside the
    // injected failure: the hook fails the results layer's writes only).
    const chaos = readJson(path.join(runDir, 'chaos.json')) as { experiments: { recovered?: boolean }[] };
    expect(chaos.experiments.length).toBeGreaterThan(0);
    expect(chaos.experiments.every((e) => e.recovered === true)).toBe(true);
    expect(run.ledger()).toEqual([]);
    expect(left).toEqual([]);
    expect(run.runJson()).toMatchObject({
      status: 'finished',
      exitCode: 1,
      error: expect.stringMatching(/ENOSPC/),
    });
  });
});
