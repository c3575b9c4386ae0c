// End-of-run warnings about the generator itself (k6 has no equivalent): sleep() and sync http calls
// blocking a shared event loop, iterations or VUs starting late, the schedule falling behind, high
// event-loop delay, interrupted iterations.
// Runs in: Node (runner main thread).
import type { MetricRegistry } from './metrics/registry.ts';

/** Our extra Trend (ms): how late each arrival-rate iteration or ramped VU started versus its schedule. */
export const START_LAG_METRIC = 'local_iteration_start_lag';

/** p99 start lag (ms) of arrival-rate iterations and VU starts above which results are flagged. */
export const START_LAG_WARN_MS = 5;
/**
 * Starts a run needs before its start-lag p99 is judged. Below this the p99 is the last of a handful
 * of VU starts at time zero (k6's canonical 10-VU script: the tenth VU launched 7 ms after the
 * first), a start-up transient that moves no result; a VU pool that keeps falling behind its plan is
 * reported by the live lag watch instead.
 */
export const START_LAG_MIN_STARTS = 100;
/** p99 event-loop delay (ms) above which latency figures are flagged. */
export const EVENT_LOOP_DELAY_WARN_MS = 20;

export interface WarningInput {
  registry: MetricRegistry;
  sleepUsed: boolean;
  /** A VU (not setup/teardown) made a blocking http.get/post/…/batch call. */
  syncHttpUsed: boolean;
  eventLoopDelayP99Ms: number;
  interruptedIterations: number;
  testRunDurationMs: number;
  /** The live lag watch's account of the run, when the generator fell behind its schedule. */
  generatorLag?: string;
}

export function collectRunWarnings(input: WarningInput): string[] {
  const warnings: string[] = [];
  if (input.sleepUsed)
    warnings.push(
      'sleep() was called: in the local runner it blocks every VU of its thread (VUs share one event loop); use a k6/timers pause (await new Promise((r) => setTimeout(r, ms)))',
    );
  if (input.syncHttpUsed)
    warnings.push(
      'sync http calls (http.get/post/…/request/batch) were made: in the local runner each one blocks every VU of its thread until it answers, serialising those VUs; use `await http.asyncRequest(method, url, body, params)` (valid k6 too) for load',
    );
  const lag = input.registry.get(START_LAG_METRIC);
  const lagP99 =
    lag && lag.count >= START_LAG_MIN_STARTS ? (lag.value('p(99)', input.testRunDurationMs) ?? 0) : 0;
  if (lagP99 > START_LAG_WARN_MS)
    warnings.push(
      `the load generator lagged: p99 start lag ${lagP99.toFixed(1)} ms (> ${START_LAG_WARN_MS} ms); arrival-rate iterations or VUs started later than scheduled (generator saturated or stalled)`,
    );
  if (input.generatorLag) warnings.push(input.generatorLag);
  if (input.eventLoopDelayP99Ms > EVENT_LOOP_DELAY_WARN_MS)
    warnings.push(
      `high event-loop delay in the runner: p99 ${input.eventLoopDelayP99Ms.toFixed(1)} ms (> ${EVENT_LOOP_DELAY_WARN_MS} ms); measured latencies include generator delay`,
    );
  if (input.interruptedIterations > 0)
    warnings.push(
      `${input.interruptedIterations} iterations were interrupted (gracefulStop / gracefulRampDown expired or the test was stopped)`,
    );
  return warnings;
}
