// How many VU threads a run uses. Explicit `workers` wins, up to the machine's cores: VUs within one
// thread already run concurrently (each waits on its own calls), so threads beyond the cores only
// add contention and a runtime each (`--workers 50` on 2 cores gave 249 req/s and 2.4 GB where 2
// threads give ~1000 req/s). The exception is a script left on the blocking path, where a blocking
// call stops its whole thread and threads are the only concurrency there is. Otherwise one thread
// (in-process) unless the profile is large — peak VUs ≥ 500 or a peak arrival rate ≥ 2000
// iterations/s, where a single event loop measurably lags on a 2-core machine — and then 2 (never
// more than the cores). Runs in: Node (runner main thread).
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

export interface WorkerChoice {
  count: number;
  /** Set when an explicit request was lowered to the cores: the runner prints it as a warning. */
  warning?: string;
}

export function chooseWorkers(
  requested: number | undefined,
  scenarios: readonly Scenario[],
  { blockingPath = false, cores = availableParallelism() }: { blockingPath?: boolean; cores?: number } = {},
): WorkerChoice {
  if (requested !== undefined) {
    const count = Math.max(1, Math.floor(requested));
    if (blockingPath || count <= cores) return { count };
    return {
      count: cores,
      warning:
        `--workers ${count}: this machine has ${cores} ${cores === 1 ? 'core' : 'cores'}, so ${cores} VU ${cores === 1 ? 'thread is' : 'threads are'} used; ` +
        'VUs in one thread run concurrently, and threads beyond the cores only compete for them',
    };
  }
  const peakVus = scenarios.reduce((sum, s) => sum + scenarioVus(s).max, 0);
  const peakRate = scenarios.reduce((sum, s) => sum + peakRatePerSecond(s), 0);
  const large = peakVus >= AUTO_WORKERS_MIN_VUS || peakRate >= AUTO_WORKERS_MIN_RATE_PER_S;
  return { count: large ? Math.min(2, cores) : 1 };
}
