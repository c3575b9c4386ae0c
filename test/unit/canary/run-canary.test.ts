// A canary progression run with a stand-in for each step's load run: steps run in order and the
// first that does not pass stops it (later steps "not run", its exit code the canary's), a passing
// progression exits 0, an inconclusive step goes on, and canary.json / canary.md say what happened.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { RunConfig } from '../../../src/config.ts';
import { planCanary } from '../../../src/canary/plan-canary.ts';
import { runCanary } from '../../../src/canary/run-canary.ts';
import type { LoadOutcome } from '../../../src/orchestrate/run-load.ts';
import type { Verdict } from '../../../src/results/types.ts';

const io = (lines: string[]) => ({
  log: (line: string) => lines.push(line),
  pathEnv: undefined,
  interrupt: { signal: new AbortController().signal, interruptedBy: () => undefined, dispose() {} },
});

/** A step's outcome: exit code and, for its verdict, whether criteria were inconclusive. */
function outcomeOf(config: RunConfig, exitCode: number, inconclusive: string[] = []): LoadOutcome {
  const verdict = {
    runId: config.runId,
    pass: exitCode === 0,
    reason:
      exitCode === 0
        ? 'every conclusive criterion passed'
        : 'canary-v2-p95: observed 2.4, limit v2 ÷ v1 ≤ 1.1',
    inconclusive,
    criteria: [
      {
        id: 'canary-v2-p95',
        status: exitCode === 0 ? 'pass' : 'fail',
        observed: 2.4,
        limit: 'v2 ÷ v1 ≤ 1.1',
      },
    ],
    analysis: {},
  } as unknown as Verdict;
  return {
    exitCode,
    resultsDir: config.resultsDir,
    started: true,
    verdict,
    record: { runId: config.runId, status: 'finished' } as LoadOutcome['record'],
  };
}

describe('runCanary', () => {
  test('stops at the first failing step: its exit code, later steps not run, summary written', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'canary-run-'));
    const plan = planCanary({ runId: 'p', steps: '10,50,100', resultsDir: root }, {}, '/work/project');
    const ran: number[] = [];
    const lines: string[] = [];
    const outcome = await runCanary(plan, io(lines), async (config) => {
      ran.push(config.canary!.splitPercent);
      return outcomeOf(config, config.canary!.splitPercent === 50 ? 99 : 0, ['canary-v2-p95']);
    });
    expect(ran).toEqual([10, 50]);
    expect(outcome.exitCode).toBe(99);
    expect(lines).toContain('canary step 2 (50 %) did not pass: rolled back, later steps not run');
    const report = JSON.parse(readFileSync(path.join(root, 'p', 'canary.json'), 'utf8'));
    expect(report).toMatchObject({
      schema: 'c4ang-perf/canary@1',
      id: 'p',
      pass: false,
      exitCode: 99,
      stoppedAt: { index: 2, splitPercent: 50 },
    });
    expect(report.reason).toMatch(/^step 2 \(50 %\) did not pass: canary-v2-p95/);
    expect(report.steps.map((s: { status: string }) => s.status)).toEqual([
      'inconclusive',
      'failed',
      'not run',
    ]);
    const markdown = readFileSync(path.join(root, 'p', 'canary.md'), 'utf8');
    expect(markdown).toContain('❌ FAILED: canary p');
    expect(markdown).toMatch(/\| 3 \| 100 % \| ➖ not run \|/);
  });

  test('every step passing: exit 0 and a passing summary', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'canary-run-'));
    const plan = planCanary({ runId: 'q', steps: '10,100', resultsDir: root }, {}, '/work/project');
    const outcome = await runCanary(plan, io([]), async (config) => outcomeOf(config, 0));
    expect(outcome.exitCode).toBe(0);
    expect(outcome.report).toMatchObject({
      pass: true,
      stoppedAt: null,
      reason: 'every step passed (10 % → 100 %)',
    });
  });

  test('Ctrl-C during a step: that step interrupted, later ones not run, exit 105, summary says interrupted', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'canary-run-'));
    const plan = planCanary({ runId: 'i', steps: '10,50', resultsDir: root }, {}, '/work/project');
    let interrupted: string | undefined;
    const ran: number[] = [];
    const outcome = await runCanary(
      plan,
      { ...io([]), interrupt: { ...io([]).interrupt, interruptedBy: () => interrupted } },
      async (config) => {
        ran.push(config.canary!.splitPercent);
        interrupted = 'SIGINT';
        const step = outcomeOf(config, 105);
        return { ...step, record: { ...step.record, status: 'interrupted' } };
      },
    );
    expect(ran).toEqual([10]);
    expect(outcome.exitCode).toBe(105);
    expect(outcome.report?.steps.map((s) => s.status)).toEqual(['interrupted', 'not run']);
    const markdown = readFileSync(path.join(root, 'i', 'canary.md'), 'utf8');
    expect(markdown).toContain('⚠️ INTERRUPTED: canary i');
    expect(markdown).toContain('step 1 (10 %) was interrupted');
  });

  test('a single --split run writes no summary and returns the run’s code', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'canary-run-'));
    const plan = planCanary({ runId: 'r', split: '10', resultsDir: root }, {}, '/work/project');
    const outcome = await runCanary(plan, io([]), async (config) => outcomeOf(config, 99));
    expect(outcome.exitCode).toBe(99);
    expect(outcome.report).toBeUndefined();
  });
});
