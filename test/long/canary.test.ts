// `npm run load:canary` on the embedded stand-in, as a user types it: a healthy v2 passes both canary
// criteria; a 3× slower v2 (C4ANG_PERF_STANDIN_V2=order-service,slowdown=3) fails with 99 naming the
// p95 criterion; a failing v2 fails the error-rate one; a handful of v2 requests says "not enough
// samples to tell" (exit 0, 99 with --strict); and the progression stops at its first failing step.
// Short runs with larger shares than the plan's 10 % keep each case within about a minute.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { npmRun } from '../e2e/npm-run.ts';

const resultsRoot = mkdtempSync(path.join(tmpdir(), 'c4ang-canary-'));

async function canary(runId: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = npmRun(
    'load:canary',
    ['--run-id', runId, '--results-dir', resultsRoot, '--engine', 'local', '--quiet', ...args],
    { NO_COLOR: '1', ...env },
  );
  const guard = setTimeout(() => run.signalGroup('SIGKILL'), 150_000);
  const code = await run.exited;
  clearTimeout(guard);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

interface Criterion {
  id: string;
  status: string;
  inconclusive?: string;
  description: string;
  observed: number | null;
}
const readJson = (...parts: string[]) => JSON.parse(readFileSync(path.join(resultsRoot, ...parts), 'utf8'));
const canaryCriteria = (runId: string): Record<string, Criterion> =>
  Object.fromEntries(
    (readJson(runId, 'verdict.json').criteria as Criterion[])
      .filter((c) => c.id.startsWith('canary-'))
      .map((c) => [c.id, c]),
  );

describe('npm run load:canary on the embedded stand-in', () => {
  test('a healthy v2 passes both canary criteria (exit 0)', async () => {
    // Half the iterations as v2 for 40 s at half the profile's rate (--vu-scale 0.5, so a busy
    // machine does not fail the profile's own latency thresholds): ~1,000 requests each. The
    // stand-in's few-ms latencies have a tail as wide as the machine is busy, so p95 is judged at
    // +50 % here (see README).
    const run = await canary('healthy', [
      '--split',
      '50',
      '--step-for',
      '40s',
      '--vu-scale',
      '0.5',
      '--p95-tolerance',
      '50',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const criteria = canaryCriteria('healthy');
    expect(criteria['canary-v2-error-rate']?.status, criteria['canary-v2-error-rate']?.description).toBe(
      'pass',
    );
    expect(criteria['canary-v2-p95']?.status, criteria['canary-v2-p95']?.description).toBe('pass');
    const verdict = readJson('healthy', 'verdict.json');
    expect(verdict.analysis.canary).toMatchObject({
      splitPercent: 50,
      header: 'x-version=v2',
      compared: 'all requests',
    });
    expect(verdict.analysis.canary.v2Share).toBeGreaterThan(0.4);
    expect(verdict.analysis.canary.v2Share).toBeLessThan(0.6);
    expect(readJson('healthy', 'run.json').canary).toMatchObject({
      splitPercent: 50,
      p95TolerancePercent: 50,
    });
    expect(run.stdout).toContain('Canary: x-version=v2 on');
  });

  test('C4ANG_PERF_STANDIN_V2=order-service,slowdown=3: exit 99 naming the p95 criterion', async () => {
    // Judged on order-service alone (--service): every other service's requests carry the header
    // but have no v2, and on a busy machine their noise can hide the slower one (see README).
    const run = await canary('slower', ['--split', '50', '--step-for', '30s', '--service', 'order-service'], {
      C4ANG_PERF_STANDIN_V2: 'order-service,slowdown=3',
    });
    expect(run.code, run.stderr).toBe(99);
    // Named in the criteria list (the headline names the first failure, which on a busy machine may be
    // a latency threshold of the profile itself).
    expect(run.stdout).toMatch(/FAILED \(exit 99\)/);
    expect(run.stdout).toMatch(/✗ canary-v2-p95 +v2 ÷ v1 ≤ 1\.1 +\d/);
    const p95 = canaryCriteria('slower')['canary-v2-p95']!;
    expect(p95.status).toBe('fail');
    expect(p95.observed!).toBeGreaterThan(1.1);
    expect(p95.description).toContain("v2's p95 on order-service");
    expect(run.stderr).toContain('v2 of order-service on x-version: v2 (slowdown ×3, errors 0 %)');
  });

  test('a failing v2 (errors=30 on order-service) fails the error-rate criterion', async () => {
    const run = await canary('failing', ['--split', '50', '--step-for', '15s'], {
      C4ANG_PERF_STANDIN_V2: 'order-service,errors=30',
    });
    expect(run.code, run.stderr).toBe(99);
    const errors = canaryCriteria('failing')['canary-v2-error-rate']!;
    expect(errors.status, errors.description).toBe('fail');
    expect(errors.observed!).toBeGreaterThan(0.005);
  });

  test('too few v2 samples: "not enough samples to tell", exit 0 — and 99 with --strict', async () => {
    // The smoke profile's one iteration (~30 requests, all v1 or all v2): far too few either way, and
    // its own criteria (checks, statuses) do not depend on how busy the machine is, so exit 0 is the
    // canary criteria's doing alone.
    const args = ['--profile', 'smoke', '--split', '50'];
    const relaxed = await canary('tiny', args);
    expect(relaxed.code, relaxed.stderr).toBe(0);
    const criteria = Object.values(canaryCriteria('tiny'));
    expect(criteria.map((c) => c.id).sort()).toEqual(['canary-v2-error-rate', 'canary-v2-p95']);
    for (const criterion of criteria) {
      expect(criterion).toMatchObject({ status: 'inconclusive', inconclusive: 'not enough samples to tell' });
      expect(criterion.description).toMatch(/not enough samples to tell: v2 \d+, v1 \d+ request\(s\)/);
    }
    expect(relaxed.stdout).toMatch(/INCONCLUSIVE: .*canary-v2-p95 \(not enough samples to tell\)/);
    const strict = await canary('tiny-strict', [...args, '--strict']);
    expect(strict.code, strict.stderr).toBe(99);
  });

  test('--steps 10,50,100 stops at the first failing step, as a rollback would', async () => {
    // 10 % of 20 s is ~200 v2 requests: on a quiet machine too few to tell, so the progression goes
    // on; at 50 % (~1,000) the 3× slower v2 fails and the 100 % step never runs. A busy machine can
    // fail step 1 already on the profile's own latency thresholds: then the progression must stop
    // there. Either way the rollback is the behaviour under test: the first step that does not pass
    // ends it, every later step is "not run", and the exit code is that step's.
    const run = await canary('progression', ['--steps', '10,50,100', '--step-for', '20s'], {
      C4ANG_PERF_STANDIN_V2: 'order-service,slowdown=3',
    });
    expect(run.code, run.stderr).toBe(99);
    const report = readJson('progression', 'canary.json');
    expect(report).toMatchObject({ pass: false, exitCode: 99 });
    const stop: number = report.stoppedAt.index;
    expect([1, 2], report.reason).toContain(stop);
    const statuses: string[] = report.steps.map((s: { status: string }) => s.status);
    expect(statuses[stop - 1]).toBe('failed');
    expect(statuses.slice(stop)).toEqual(Array(3 - stop).fill('not run'));
    for (const earlier of statuses.slice(0, stop - 1)) expect(['passed', 'inconclusive']).toContain(earlier);
    const split = [10, 50][stop - 1];
    expect(run.stderr).toContain(
      `canary step ${stop} (${split} %) did not pass: rolled back, later steps not run`,
    );
    expect(readJson(`progression-step${stop}-${split}pct`, 'verdict.json').pass).toBe(false);
    const markdown = readFileSync(path.join(resultsRoot, 'progression', 'canary.md'), 'utf8');
    expect(markdown).toContain('| 3 | 100 % | ➖ not run |');
    expect(markdown).toContain(`| ${stop} | ${split} % | ❌ failed |`);
  });
});
