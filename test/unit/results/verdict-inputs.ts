// Inputs of buildVerdict for its tests: a run record, a k6 summary of a normal run with chosen
// figures, a steady 30 s series, and a chaos record that never fired. Runs in: Node (tests).
import { type ChaosRecord, emptyRecord } from '../../../src/chaos/record.ts';
import type { RunRecord } from '../../../src/orchestrate/run-record.ts';
import { buildVerdict, type VerdictInputs } from '../../../src/results/build-verdict.ts';
import type { SummaryLike } from '../../../src/results/threshold-criteria.ts';
import { buildSeries, START_T, seconds } from './synthetic-series.ts';

export const iso = (offsetS: number) => new Date((START_T + offsetS) * 1000).toISOString();

export function runRecord(overrides: Partial<RunRecord> = {}): RunRecord {
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

export interface SummaryFigures {
  p95?: number;
  p99?: number;
  failed?: number;
  requests?: number;
  iterationRate?: number;
}

/** A normal-profile summary at vuScale 1 whose threshold verdicts follow the figures. */
export function normalSummary({
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

export const steady = buildSeries(seconds(30, { rps: 100, p95Ms: 100 }));

export function verdictOf(overrides: Partial<VerdictInputs> = {}) {
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
export const neverInjected: ChaosRecord = emptyRecord({
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
