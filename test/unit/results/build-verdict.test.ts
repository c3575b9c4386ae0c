// The verdict a run's results are reported from: schema and run facts (target kind, engine, scales),
// one pass over the conclusive criteria, inconclusive ones failing only with --strict, the one-line
// reason, interrupted / failed runs, a missing summary, the chaos plan as a criterion and the
// breakpoint run whose engine exits 99 by design but whose verdict passes.
import { describe, expect, test } from 'vitest';
import { type ChaosRecord, emptyRecord } from '../../../src/chaos/record.ts';
import type { RunRecord } from '../../../src/orchestrate/run-record.ts';
import { buildVerdict, type VerdictInputs } from '../../../src/results/build-verdict.ts';
import type { SummaryLike } from '../../../src/results/threshold-criteria.ts';
import { VERDICT_SCHEMA } from '../../../src/results/types.ts';
import { buildSeries, type SecondSpec, START_T, seconds } from './synthetic-series.ts';

const iso = (offsetS: number) => new Date((START_T + offsetS) * 1000).toISOString();

function runRecord(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    runId: 'normal-20231114-221320-ab12',
    profile: 'normal',
    status: 'finished',
    engine: 'local',
    engineReason: 'no k6 binary on PATH',
    target: 'embedded',
    loadScale: 0.05,
    vuScale: 1,
    chaos: [],
    startedAt: iso(-5),
    loadStartedAt: iso(0),
    finishedAt: iso(31),
    ...overrides,
  };
}

interface SummaryFigures {
  p95?: number;
  p99?: number;
  failed?: number;
  requests?: number;
  iterationRate?: number;
}

/** A normal-profile summary at vuScale 1 whose threshold verdicts follow the figures. */
function normalSummary({
  p95 = 100,
  p99 = 180,
  failed = 0,
  requests = 3000,
  iterationRate = 100,
}: SummaryFigures = {}): SummaryLike {
  const errorRate = requests > 0 ? failed / requests : 0;
  return {
    metrics: {
      http_req_duration: {
        type: 'trend',
        values: { count: requests, avg: 60, min: 2, max: 400, 'p(95)': p95, 'p(99)': p99 },
        thresholds: { 'p(95)<500': { ok: p95 < 500 }, 'p(99)<1000': { ok: p99 < 1000 } },
      },
      http_req_failed: {
        type: 'rate',
        values: { rate: errorRate, passes: failed, fails: requests - failed },
        thresholds: { 'rate<0.001': { ok: errorRate < 0.001 } },
      },
      iterations: {
        type: 'counter',
        values: { count: iterationRate * 30, rate: iterationRate },
        thresholds: { 'rate>=95': { ok: iterationRate >= 95 } },
      },
    },
  };
}

const steady = buildSeries(seconds(30, { rps: 100, p95Ms: 100 }));

function verdictOf(overrides: Partial<VerdictInputs> = {}) {
  return buildVerdict({
    record: runRecord(),
    summary: normalSummary(),
    series: steady,
    chaos: undefined,
    strict: false,
    engineExitCode: 0,
    ...overrides,
  });
}

/** A pod kill that was planned but never injected (no injectedAt). */
const neverInjected: ChaosRecord = emptyRecord({
  id: 'order-service-pod-kill',
  provider: 'local',
  runId: 'normal-20231114-221320-ab12',
  kind: 'PodChaos',
  name: 'order-service-pod-kill',
  appliedName: 'order-service-pod-kill-1',
  namespace: 'ecommerce',
  action: 'pod-kill',
  mode: 'all',
  timeScale: 0.05,
});

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

describe('chaos', () => {
  test('chaos that did not go as planned fails the run through chaos-as-planned', () => {
    const chaos = { experiments: [neverInjected], failures: ['order-service-pod-kill: never injected'] };
    const verdict = verdictOf({ chaos, record: runRecord({ chaos: ['chaos/pod-kill-order-service.yaml'] }) });
    const plan = verdict.criteria.find((c) => c.id === 'chaos-as-planned');
    expect(plan).toMatchObject({
      status: 'fail',
      pass: false,
      observed: 1,
      unit: 'count',
      source: 'analysis',
    });
    expect(plan?.description).toContain('order-service-pod-kill: never injected');
    expect(verdict).toMatchObject({ pass: false, exitCode: 99 });
    expect(verdict.reason).toMatch(/^chaos-as-planned: observed 1, limit 0 failures/);
    expect(verdict.run.chaos).toEqual(['chaos/pod-kill-order-service.yaml']);
    // The never-injected fault itself has nothing to judge.
    expect(verdict.inconclusive).toEqual([
      'chaos-recovered-order-service-pod-kill',
      'chaos-order-service-pod-kill-errors-during-fault',
    ]);
  });

  test('an empty chaos file adds no criterion', () => {
    const verdict = verdictOf({ chaos: { experiments: [], failures: [] } });
    expect(verdict.criteria.some((c) => c.id.startsWith('chaos'))).toBe(false);
    expect(verdict.pass).toBe(true);
  });
});

describe('breakpoint', () => {
  // LOAD_SCALE 0.0125: 2 s rate windows; the iteration rate climbs 10/s every second.
  const ramp = (brokenFromS: number) =>
    buildSeries(
      Array.from(
        { length: 34 },
        (_, s): SecondSpec => ({
          rps: 100,
          iterations: 20 + 10 * s,
          p95Ms: s >= brokenFromS ? 800 : 100,
        }),
      ),
    );
  const record = runRecord({ runId: 'breakpoint-1', profile: 'breakpoint', loadScale: 0.0125, vuScale: 0.4 });
  // The engine aborted on the p95 threshold: that is how a breakpoint run is meant to end.
  const aborted: SummaryLike = {
    metrics: {
      http_req_duration: {
        type: 'trend',
        values: { count: 3400, 'p(95)': 800 },
        thresholds: { 'p(95)<500': { ok: false } },
      },
      http_req_failed: {
        type: 'rate',
        values: { rate: 0, passes: 0, fails: 3400 },
        thresholds: { 'rate<0.01': { ok: true } },
      },
    },
  };

  test('engine exit 99 (threshold abort) with a sustained rate found: the verdict passes, exit 0', () => {
    const verdict = verdictOf({ record, summary: aborted, series: ramp(30), engineExitCode: 99 });
    expect(verdict.criteria.map((c) => [c.id, c.status])).toEqual([['highest-sustained-rate-found', 'pass']]);
    expect(verdict.analysis.breakpoint).toEqual({ highestSustainedRate: 305, brokeAtRate: 325 });
    expect(verdict).toMatchObject({ pass: true, exitCode: 0, profile: 'breakpoint' });
  });

  test('broken from the start: no sustained rate, exit 99', () => {
    const verdict = verdictOf({ record, summary: aborted, series: ramp(0), engineExitCode: 99 });
    expect(verdict).toMatchObject({ pass: false, exitCode: 99 });
    expect(verdict.reason).toBe('highest-sustained-rate-found: observed no data, limit > 0 iterations/s');
  });
});
