// Drills: what a load run does when the target itself breaks, through `npm run` as users run it.
// Every replica of one service killed by hand (not by a chaos manifest) mid-run; a real target
// (--target) that goes away mid-run; a real target that answers every API call after 30 s (the
// gateway's timeout). Each time the run goes on to its planned end, fails (exit 99) and says why.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { type RunningTarget, startTarget } from '../../src/target/index.ts';
import { SERVICES } from '../../src/vu/services.ts';
import { waitFor } from '../e2e/target/target-client.ts';
import { type DrillRun, readJson, startLoad } from './run-drill.ts';

// normal at scale 0.01: 18 s of constant-arrival-rate at 50 iterations/s (VU scale 0.5); its
// gracefulStop scales to the 2 s floor.
const PLANNED_S = 18;
const GRACEFUL_STOP_S = 2;
/** A busy two-core box: what "on time" allows beyond planned length + graceful stop. */
const MARGIN_S = 30;
const SCALED_NORMAL = ['--scale', '0.01', '--vu-scale', '0.5'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Criterion {
  id: string;
  description: string;
  status: string;
  observed: number | null;
  unit?: string;
}
interface VerdictJson {
  pass: boolean;
  reason: string;
  exitCode: number;
  criteria: Criterion[];
  run: { status: string };
  analysis: { overall: { requests: number; failed: number; errorRate: number | null } };
}

function verdictOf(run: DrillRun): VerdictJson {
  return readJson(path.join(run.resultsRoot, run.runId, 'verdict.json')) as unknown as VerdictJson;
}

function reportOf(run: DrillRun): string {
  return readFileSync(path.join(run.resultsRoot, run.runId, 'report.md'), 'utf8');
}

/** `waiting`, unless the run exits first: then fail at once with what it said. */
function beforeExit<T>(run: DrillRun, what: string, waiting: Promise<T>): Promise<T> {
  const exitedFirst = run.exited.then((code) => {
    throw new Error(`the run exited (${code}) before ${what}:\n${run.stderr()}`);
  });
  exitedFirst.catch(() => undefined);
  return Promise.race([waiting, exitedFirst]);
}

/** Resolves once the engine has streamed its first second of the time series: load is running. */
async function loadRunning(run: DrillRun): Promise<void> {
  const file = path.join(run.resultsRoot, run.runId, 'timeseries.ndjson');
  await beforeExit(
    run,
    'load started',
    waitFor(
      'load to start (time series written)',
      async () => existsSync(file) && statSync(file).size > 0,
      120_000,
    ),
  );
}

/** Seconds from load start (run.json) to the end of the run (npm exited). */
function loadSeconds(run: DrillRun, exitedAtMs: number): number {
  const started = Date.parse(String(run.runJson().loadStartedAt));
  return (exitedAtMs - started) / 1000;
}

const failedErrorCriterion = (verdict: VerdictJson) =>
  verdict.criteria.find((c) => c.id.startsWith('errors-under') && c.status === 'fail');

const pct = (ratio: number | null | undefined) => (ratio == null ? 'n/a' : `${(ratio * 100).toFixed(1)} %`);

describe('target faults through npm run', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  });

  test('every order-service replica killed by hand mid-run: the run goes on, fails and names the service', async ({
    task,
  }) => {
    const run = startLoad('normal', 'kill-order-replicas', SCALED_NORMAL);
    await beforeExit(run, 'the target was ready', run.waitForLog(/target ready at \S+ \(admin \S+\)/));
    const adminUrl = /target ready at \S+ \(admin (\S+)\)/.exec(run.stderr())![1]!;
    await loadRunning(run);
    await sleep(2000);

    // ~5 s of killing every order-service pid the supervisor brings up (it restarts after ~1 s).
    // Only pids of this run's process tree are ever signalled.
    const killed = new Set<number>();
    const until = Date.now() + 5000;
    for (let round = 0; round < 200 && Date.now() < until; round++) {
      const replicas = (await (await fetch(`${adminUrl}/replicas`)).json()) as {
        service: string;
        pid: number;
      }[];
      const ours = new Set(run.processes());
      for (const { service, pid } of replicas) {
        if (service !== 'order-service' || pid <= 0 || killed.has(pid) || !ours.has(pid)) continue;
        try {
          process.kill(pid, 'SIGKILL');
          killed.add(pid);
        } catch {
          // exited on its own meanwhile
        }
      }
      await sleep(100);
    }

    const exit = await run.exited;
    const seconds = loadSeconds(run, Date.now());
    const verdict = verdictOf(run);
    const errors = failedErrorCriterion(verdict);
    task.meta.figures = `${killed.size} pids killed in 5 s; exit ${exit}; errors ${pct(verdict.analysis.overall.errorRate)} (${verdict.analysis.overall.failed}/${verdict.analysis.overall.requests}); load ${seconds.toFixed(1)} s`;

    expect(killed.size, 'both replicas killed').toBeGreaterThanOrEqual(2);
    expect(exit, run.stderr()).toBe(99);
    expect(run.runJson()).toMatchObject({ status: 'finished', exitCode: 99 });
    expect(seconds).toBeGreaterThanOrEqual(PLANNED_S - 1);
    expect(seconds).toBeLessThan(PLANNED_S + GRACEFUL_STOP_S + MARGIN_S);
    expect(verdict.analysis.overall.failed).toBeGreaterThan(0);
    expect(errors, JSON.stringify(verdict.criteria, null, 2)).toBeDefined();
    expect(errors!.description).toMatch(/order-service/);
    expect(reportOf(run)).toMatch(/order-service/);
    expect(run.stdout()).toMatch(/FAILED \(exit 99\)/);
    expect(run.stderr()).not.toMatch(/internal error|\n\s+at /);
  });

  test('the real target (--target) goes away mid-run: the run ends on time, 99, errors', async ({ task }) => {
    const target: RunningTarget = await startTarget({ port: 0, adminPort: 0 });
    stops.push(() => target.stop());
    const run = startLoad('normal', 'target-gone', ['--target', target.baseUrl, ...SCALED_NORMAL]);
    await loadRunning(run);
    await sleep(4000);
    const stoppedAt = Date.now();
    await target.stop();
    const stopS = (Date.now() - stoppedAt) / 1000;

    const exit = await run.exited;
    const seconds = loadSeconds(run, Date.now());
    const verdict = verdictOf(run);
    const errors = failedErrorCriterion(verdict);
    task.meta.figures = `stand-in stopped ${stopS.toFixed(1)} s; exit ${exit}; errors ${pct(verdict.analysis.overall.errorRate)} (${verdict.analysis.overall.failed}/${verdict.analysis.overall.requests}); load ${seconds.toFixed(1)} s of ${PLANNED_S} + ${GRACEFUL_STOP_S} planned`;

    expect(exit, run.stderr()).toBe(99);
    expect(run.runJson()).toMatchObject({ status: 'finished', exitCode: 99 });
    expect(seconds).toBeLessThan(PLANNED_S + GRACEFUL_STOP_S + MARGIN_S);
    expect(errors, JSON.stringify(verdict.criteria, null, 2)).toBeDefined();
    expect(errors!.observed).toBeGreaterThan(0.05);
    expect(reportOf(run)).toMatch(/errors-under-0\.1pct \| [^|]+ \| [^|]+ \| ❌ fail/);
    expect(run.stderr()).not.toMatch(/internal error|\n\s+at /);
  });

  test('a real target that answers every API call after 30 s: the run ends on time, fails and says why', async ({
    task,
  }) => {
    const slow = await startSlowTarget(30_000);
    stops.push(slow.stop);
    const run = startLoad('normal', 'target-slow', ['--target', slow.baseUrl, ...SCALED_NORMAL]);
    await loadRunning(run);
    const exit = await run.exited;
    const seconds = loadSeconds(run, Date.now());
    const verdict = existsSync(path.join(run.resultsRoot, run.runId, 'verdict.json'))
      ? verdictOf(run)
      : undefined;
    const failed = verdict?.criteria.filter((c) => c.status === 'fail').map((c) => c.id) ?? [];
    // The harness says when it was done ("+N s results in …"); npm's exit can come later when something
    // (an in-flight request) keeps the process alive.
    const doneS = Number(/\+(\d+(?:\.\d+)?)s results in/.exec(run.stderr())?.[1] ?? Number.NaN);
    task.meta.figures = `exit ${exit}; results at +${doneS} s, process exit at ${seconds.toFixed(1)} s of ${PLANNED_S} + ${GRACEFUL_STOP_S} planned; ${slow.answered()} of ${slow.received()} API calls answered; failed: ${failed.join(', ') || 'none'}`;

    expect(exit, run.stderr()).toBe(99);
    expect(verdict!.pass).toBe(false);
    // Why: nothing answered within the run (requests-answered), or, had answers come, latency or
    // timeouts (504 after 30 s) — not only "rate not reached" beside "no data".
    expect(
      failed.some((id) => /requests-answered|p95|p99|errors/.test(id)),
      verdict!.reason,
    ).toBe(true);
    expect(verdict!.reason).toMatch(/requests-answered|p95|p99|errors/);
    expect(run.stderr()).not.toMatch(/internal error|\n\s+at /);
    // On time: the results, and the process itself (not 30 s later, when the last requests are answered).
    expect(doneS).toBeLessThan(PLANNED_S + GRACEFUL_STOP_S + MARGIN_S);
    expect(seconds, 'npm run returned on time').toBeLessThan(PLANNED_S + GRACEFUL_STOP_S + MARGIN_S);
  });
});

/**
 * A stand-in for a real gateway whose services hang: every service's health route answers at once,
 * every other request is answered 504 (Envoy's `upstream request timeout`) after `delayMs`.
 */
async function startSlowTarget(
  delayMs: number,
): Promise<{ baseUrl: string; stop: () => Promise<void>; received: () => number; answered: () => number }> {
  const health = new Set(SERVICES.map((s) => `${s.prefix}/health`));
  const timers = new Set<NodeJS.Timeout>();
  let received = 0;
  let answered = 0;
  const server: Server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0]!;
    req.resume();
    if (health.has(url)) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"UP"}');
      return;
    }
    received++;
    const timer = setTimeout(() => {
      timers.delete(timer);
      answered++;
      res
        .writeHead(504, { 'content-type': 'text/plain', 'x-response-flags': 'UT' })
        .end('upstream request timeout');
    }, delayMs);
    timers.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received: () => received,
    answered: () => answered,
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
