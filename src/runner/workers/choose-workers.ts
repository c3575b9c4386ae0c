// How many VU threads a run uses. Explicit `workers` wins. Otherwise one thread (in-process) unless
// the profile is large — peak VUs ≥ 500 or a peak arrival rate ≥ 2000 iterations/s, where a single
// event loop measurably lags on a 2-core machine — and then 2 (never more than the cores).
// Runs in: Node (runner main thread).
import { availableParallelism } from 'node:os';
import { type Scenario, scenarioVus } from '../options/scenario-types.ts';

const AUTO_WORKERS_MIN_VUS = 500;
const AUTO_WORKERS_MIN_RATE_PER_S = 2000;

/** Highest iterations/s an arrival-rate scenario asks for (0 for closed-model executors). */
function peakRatePerSecond(s: Scenario): number {
  if (s.executor === 'constant-arrival-rate') return (s.rate * 1000) / s.timeUnitMs;
  if (s.executor === 'ramping-arrival-rate')
    return (Math.max(s.startRate, ...s.stages.map((st) => st.target)) * 1000) / s.timeUnitMs;
  return 0;
}

export function chooseWorkers(requested: number | undefined, scenarios: readonly Scenario[]): number {
  if (requested !== undefined) return Math.max(1, Math.floor(requested));
  const peakVus = scenarios.reduce((sum, s) => sum + scenarioVus(s).max, 0);
  const peakRate = scenarios.reduce((sum, s) => sum + peakRatePerSecond(s), 0);
  const large = peakVus >= AUTO_WORKERS_MIN_VUS || peakRate >= AUTO_WORKERS_MIN_RATE_PER_S;
  return large ? Math.min(2, availableParallelism()) : 1;
}
