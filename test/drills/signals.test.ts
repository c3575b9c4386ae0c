// Drills: what happens to a chaos run when a person or a machine stops it, through `npm run` as users
// run it. One Ctrl-C (SIGINT to the whole process group) or SIGTERM to npm alone: load stops, chaos is
// recovered, results are written marked `interrupted`, exit 105. A second, later Ctrl-C exits at once
// and leaves the ledger to chaos:clean. SIGKILL of the harness: chaos:clean recovers, stops what was
// left and marks the run `crashed`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { isAlive, ROOT } from '../e2e/npm-run.ts';
import { waitFor } from '../e2e/target/target-client.ts';
import { type DrillRun, ledgerEntries, newResultsRoot, startLoad } from './run-drill.ts';

// A Schedule keeps killing an order-service pod every 1.5 s (@every 5m at scale 0.005) until it is
// recovered, so chaos is certainly applied when the signal comes.
const CHAOS_RUN = [
  '--scale',
  '0.005',
  '--vu-scale',
  '0.3',
  '--chaos',
  'chaos/pod-kill-order-service-with-every-5m.yaml',
  '--chaos-at',
  '10',
];

async function startChaosRun(
  runId: string,
  resultsRoot?: string,
): Promise<{ run: DrillRun; pids: number[] }> {
  const run = startLoad('normal', runId, CHAOS_RUN, resultsRoot);
  await run.waitForLog(/injected on/);
  return { run, pids: run.processes() };
}

function expectInterruptedAndClean(run: DrillRun, exit: number | string, pids: number[]): void {
  expect(exit, run.stderr()).toBe(105);
  expect(run.runJson()).toMatchObject({ status: 'interrupted', exitCode: 105 });
  expect(run.history().at(-1)).toMatchObject({ runId: run.runId, status: 'interrupted' });
  expect(existsSync(path.join(run.resultsRoot, run.runId, 'verdict.json'))).toBe(true);
  expect(run.ledger()).toEqual([]);
  expect(pids.filter(isAlive)).toEqual([]);
}

describe('signals through npm run', () => {
  test('one Ctrl-C mid-chaos, three times: 105, interrupted, chaos recovered, nothing left', async ({
    task,
  }) => {
    const stops: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const { run, pids } = await startChaosRun(`ctrl-c-${attempt}`);
      const sentAt = Date.now();
      run.signalGroup('SIGINT');
      const exit = await run.exited;
      stops.push(Date.now() - sentAt);
      expectInterruptedAndClean(run, exit, pids);
    }
    task.meta.figures = `3/3 clean; stop took ${stops.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s`;
  });

  test('SIGTERM to npm alone (CI cancellation) does the same', async ({ task }) => {
    const { run, pids } = await startChaosRun('sigterm-npm');
    process.kill(run.npm.pid!, 'SIGTERM');
    const exit = await run.exited;
    // npm forwards the signal and may end before the harness has finished its cleanup: the harness
    // goes on (its parent's death is one more copy of the same interrupt) until everything is done.
    const [harness] = pids;
    await waitFor('harness done', async () => !isAlive(harness!), 120_000);
    expectInterruptedAndClean(run, 105, pids);
    task.meta.figures = `npm exit ${exit}; ${pids.length} processes, none left`;
  });

  test('a second, later Ctrl-C exits at once; the ledger is left for chaos:clean, which empties it', async ({
    task,
  }) => {
    const resultsRoot = newResultsRoot('second-ctrl-c');
    const { run, pids } = await startChaosRun('second-ctrl-c', resultsRoot);
    run.signalGroup('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    run.signalGroup('SIGINT');
    // The harness exits 105 at once; npm itself, hit by a second Ctrl-C, may die of it (as a shell would).
    expect([105, 'SIGINT']).toContain(await run.exited);
    await waitFor('harness gone', async () => !isAlive(pids[0]!), 15_000);
    expect(run.runJson()).toMatchObject({ status: 'interrupted', exitCode: 105 });
    const left = ledgerEntries(resultsRoot).length;
    execFileSync('npm', ['run', '--silent', 'chaos:clean', '--', '--results-dir', resultsRoot], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    expect(ledgerEntries(resultsRoot)).toEqual([]);
    await waitFor('processes gone', async () => pids.every((pid) => !isAlive(pid)), 15_000);
    task.meta.figures = `${left} ledger entr${left === 1 ? 'y' : 'ies'} left, cleaned by chaos:clean`;
  });

  test('SIGKILL of the harness mid-chaos: chaos:clean restores, stops orphans, marks the run crashed', async ({
    task,
  }) => {
    const resultsRoot = newResultsRoot('sigkill');
    const { run, pids } = await startChaosRun('sigkill', resultsRoot);
    const [harness] = pids;
    process.kill(harness!, 'SIGKILL');
    await run.exited;
    const clean = execFileSync(
      'npm',
      ['run', '--silent', 'chaos:clean', '--', '--results-dir', resultsRoot],
      {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: 'pipe',
      },
    );
    expect(ledgerEntries(resultsRoot)).toEqual([]);
    expect(run.runJson()).toMatchObject({ status: 'crashed' });
    expect(run.history().at(-1)).toMatchObject({ runId: 'sigkill', status: 'crashed' });
    await waitFor('processes gone', async () => pids.every((pid) => !isAlive(pid)), 15_000);
    task.meta.figures = `${pids.length} processes, none left; ${clean.trim().split('\n').length} clean line(s)`;
  });
});
