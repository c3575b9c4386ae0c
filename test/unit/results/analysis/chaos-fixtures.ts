// Chaos records and a normal-profile run for the chaos analysis tests; times are offsets (seconds)
// from the synthetic series' start.
import { type ChaosRecord, emptyRecord } from '../../../../src/chaos/record.ts';
import { analyzeRun } from '../../../../src/results/analysis/analyze-run.ts';
import type { CriterionResult } from '../../../../src/results/types.ts';
import { buildSeries, type SecondSpec, START_T } from '../synthetic-series.ts';

export const runStartMs = START_T * 1000;
export const healthy: SecondSpec = { rps: 100, p95Ms: 100 };
/** Every order-service replica killed: its requests fail fast, the others are untouched. */
export const orderDown: SecondSpec = { rps: 100, p95Ms: 100, serviceErrorRates: { 'order-service': 1 } };
export const slow: SecondSpec = { rps: 100, p95Ms: 400 };

export const iso = (offsetS: number) => new Date((START_T + offsetS) * 1000).toISOString();

export function podKill(
  name: string,
  injectedS: number,
  recoveredS?: number,
  extra: Partial<ChaosRecord> = {},
): ChaosRecord {
  return {
    ...emptyRecord({
      id: name,
      provider: 'local',
      runId: 'run-1',
      kind: 'PodChaos',
      name,
      appliedName: `${name}-1`,
      namespace: 'ecommerce',
      action: 'pod-kill',
      mode: 'all',
      timeScale: 1,
      injectedAt: iso(injectedS),
      ...(recoveredS === undefined ? {} : { recoveredAt: iso(recoveredS) }),
    }),
    selected: ['order-service-0', 'order-service-1'],
    ...extra,
  };
}

/** A normal-profile run of the given seconds with the given faults (default: one kill 20 s → 30 s). */
export function analyzeChaosRun(
  specs: (SecondSpec | null)[],
  chaos = [podKill('order-service-pod-kill', 20, 30)],
  loadScale = 1,
) {
  const series = buildSeries(specs);
  return analyzeRun({ profile: 'normal', series, loadScale, vuScale: 1, runStartMs, chaos });
}

export const byId = (criteria: CriterionResult[], id: string) => criteria.find((c) => c.id === id)!;
