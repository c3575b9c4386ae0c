// The verdict a run's results are reported from: schema and run facts (target kind, engine, scales),
// one pass over the conclusive criteria, inconclusive ones failing only with --strict, the one-line
// reason, interrupted / failed runs and a missing summary. Chaos and breakpoint cases: the sibling
// build-verdict-chaos.test.ts.
import { describe, expect, test } from 'vitest';
import type { SummaryLike } from '../../../src/results/threshold-criteria.ts';
import { VERDICT_SCHEMA } from '../../../src/results/types.ts';
import { iso, normalSummary, runRecord, verdictOf } from './verdict-inputs.ts';

describe('a finished run', () => {
  test('every criterion passed: schema, pass, exit 0 and the run facts', () => {
    const verdict = verdictOf();
    expect(verdict).toMatchObject({
      schema: VERDICT_SCHEMA,
      runId: 'normal-20231114-221320-ab12',
      profile: 'normal',
      pass: true,
      exitCode: 0,
      strict: false,
      inconclusive: [],
      reason: 'every conclusive criterion passed',
      run: {
        engine: 'local',
        engineReason: 'no k6 binary on PATH',
        target: 'embedded',
        targetKind: 'embedded',
        loadScale: 0.05,
        vuScale: 1,
        chaos: [],
        startedAt: iso(-5),
        loadStartedAt: iso(0),
        finishedAt: iso(31),
        status: 'finished',
        engineExitCode: 0,
      },
    });
    expect(VERDICT_SCHEMA).toBe('c4ang-perf/verdict@1');
    expect(verdict.criteria.map((c) => [c.id, c.status])).toEqual([
      ['p95-under-500ms', 'pass'],
      ['p99-under-1000ms', 'pass'],
      ['errors-under-0.1pct', 'pass'],
      ['target-rate-reached', 'pass'],
      // No resources.json and a 31 s run: present in every verdict, judging nothing.
      ['cpu-of-requests', 'not-measured'],
      ['memory-of-limits', 'not-measured'],
      ['alert-high-error-rate', 'not-measured'],
      ['alert-high-latency', 'not-measured'],
      ['alert-circuit-breaker-open', 'not-measured'],
      ['alert-pod-down', 'not-measured'],
    ]);
    expect(verdict.analysis.overall).toMatchObject({ requests: 3000, failed: 0 });
    expect(verdict.run.error).toBeUndefined();
  });

  test.each([
    { target: 'embedded', targetKind: 'embedded' },
    { target: 'http://gateway.staging:8080', targetKind: 'remote' },
    { target: 'http://localhost:8080', targetKind: 'remote' },
  ])('target $target is $targetKind', ({ target, targetKind }) => {
    const verdict = verdictOf({ record: runRecord({ target }) });
    expect(verdict.run).toMatchObject({ target, targetKind });
  });

  test('optional run facts absent from the record become null', () => {
    const record = runRecord();
    delete record.engine;
    delete record.engineReason;
    delete record.loadStartedAt;
    delete record.finishedAt;
    const verdict = verdictOf({ record, engineExitCode: undefined });
    expect(verdict.run).toMatchObject({
      engine: null,
      engineReason: null,
      loadStartedAt: null,
      finishedAt: null,
      engineExitCode: null,
    });
  });

  test('one failed criterion: pass false, exit 99, the reason names it with observed and limit', () => {
    const verdict = verdictOf({ summary: normalSummary({ p95: 612 }), engineExitCode: 99 });
    expect(verdict).toMatchObject({ pass: false, exitCode: 99 });
    expect(verdict.reason).toBe('p95-under-500ms: observed 612 ms, limit http_req_duration p(95)<500');
  });

  test('several failed: the first one and how many more', () => {
    const verdict = verdictOf({ summary: normalSummary({ p95: 612.345, p99: 1500, failed: 30 }) });
    expect(verdict.reason).toBe(
      'p95-under-500ms: observed 612.3 ms, limit http_req_duration p(95)<500 (+2 more)',
    );
    expect(verdict.exitCode).toBe(99);
  });

  test('a failed ratio criterion is described without a unit', () => {
    const verdict = verdictOf({ summary: normalSummary({ failed: 6 }) });
    expect(verdict.reason).toBe('errors-under-0.1pct: observed 0.002, limit http_req_failed rate<0.001');
  });
});

describe('inconclusive criteria', () => {
  // No request reached http_req_failed: its criterion has no data.
  const noErrorData = (): SummaryLike => {
    const summary = normalSummary();
    summary.metrics!.http_req_failed = { type: 'rate', values: { rate: 0, passes: 0, fails: 0 } };
    return summary;
  };

  test('do not fail the run by default', () => {
    const verdict = verdictOf({ summary: noErrorData() });
    expect(verdict).toMatchObject({
      pass: true,
      exitCode: 0,
      inconclusive: ['errors-under-0.1pct'],
      reason: 'every conclusive criterion passed; 1 inconclusive',
    });
  });

  test('fail it with --strict: exit 99 and the reason says so', () => {
    const verdict = verdictOf({ summary: noErrorData(), strict: true, engineExitCode: 0 });
    expect(verdict).toMatchObject({
      pass: false,
      exitCode: 99,
      strict: true,
      inconclusive: ['errors-under-0.1pct'],
    });
    expect(verdict.reason).toContain('--strict');
    expect(verdict.reason).toContain('errors-under-0.1pct');
  });

  test('--strict with nothing inconclusive still passes', () => {
    expect(verdictOf({ strict: true })).toMatchObject({ pass: true, exitCode: 0 });
  });

  test('a failed criterion is the reason even with --strict and inconclusive ones', () => {
    const summary = noErrorData();
    summary.metrics!.http_req_duration!.values!['p(95)'] = 700;
    summary.metrics!.http_req_duration!.thresholds!['p(95)<500'] = { ok: false };
    const verdict = verdictOf({ summary, strict: true });
    expect(verdict.reason).toBe('p95-under-500ms: observed 700 ms, limit http_req_duration p(95)<500');
    expect(verdict.exitCode).toBe(99);
  });
});

describe('runs that did not finish normally', () => {
  test('interrupted: exit 105 and pass false even with every criterion passing', () => {
    const verdict = verdictOf({ record: runRecord({ status: 'interrupted' }), engineExitCode: null });
    expect(verdict).toMatchObject({ pass: false, exitCode: 105 });
    expect(verdict.reason).toMatch(/^interrupted before the end/);
    expect(verdict.run.status).toBe('interrupted');
  });

  test('failed: the harness error code and the first line of the error', () => {
    const record = runRecord({ status: 'failed', error: 'target did not become ready\n    at startTarget' });
    const verdict = verdictOf({ record, errorExitCode: 104, engineExitCode: null });
    expect(verdict).toMatchObject({ pass: false, exitCode: 104 });
    expect(verdict.reason).toBe('the run failed: target did not become ready');
    expect(verdict.run.error).toBe('target did not become ready\n    at startTarget');
  });

  test('no summary: pass false, exit 99, no threshold criteria', () => {
    const verdict = verdictOf({ summary: undefined, engineExitCode: 0 });
    expect(verdict).toMatchObject({ pass: false, exitCode: 99, reason: 'the engine left no summary.json' });
    expect(verdict.criteria.filter((c) => c.source === 'threshold')).toEqual([]);
  });

  test('a script error of the engine wins over a passing verdict', () => {
    expect(verdictOf({ engineExitCode: 107 })).toMatchObject({ pass: true, exitCode: 107 });
  });
});
