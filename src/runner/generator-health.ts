// What one runner thread knows about its own pace, reported to the main thread's lag watch every
// second (worker snapshots, or the monitor tick in-process): VUs running in schedule-driven scenarios,
// how many iteration/VU starts began late, and its event-loop delay. Kept as plain counters so the
// hot path (every start) costs two additions. Runs in: VU thread (main or worker).
import { START_LAG_WARN_MS } from './run-warnings.ts';

/** One thread's report for the period since its previous report. */
export interface ThreadHealth {
  /** When the figures were taken (epoch ms): the lag watch compares against the plan at that instant. */
  atEpochMs: number;
  /** VUs iterating in ramping-vus / constant-vus scenarios (the ones with a VU timeline). */
  scheduledVus: number;
  /** p99 event-loop delay beyond the monitor's resolution over the period, ms (0 when unknown). */
  loopDelayMs: number;
  /** Scheduled starts (arrival-rate iterations, VU starts) in the period, and how many began > START_LAG_WARN_MS late. */
  starts: number;
  lateStarts: number;
  maxStartLagMs: number;
}

export class HealthCounters {
  /** Incremented when a schedule-driven VU starts iterating, decremented when it is ramped down or the scenario ends. */
  scheduledVus = 0;
  #starts = 0;
  #lateStarts = 0;
  #maxStartLagMs = 0;

  /** A scheduled start began `lagMs` after it was due. More than a tenth late ⇔ the period's p90 lag is over the limit. */
  noteStart(lagMs: number): void {
    this.#starts++;
    if (lagMs > START_LAG_WARN_MS) this.#lateStarts++;
    if (lagMs > this.#maxStartLagMs) this.#maxStartLagMs = lagMs;
  }

  /** The period's report; the start counters begin a new period. */
  take(atEpochMs: number, loopDelayMs: number): ThreadHealth {
    const health: ThreadHealth = {
      atEpochMs,
      scheduledVus: this.scheduledVus,
      loopDelayMs,
      starts: this.#starts,
      lateStarts: this.#lateStarts,
      maxStartLagMs: this.#maxStartLagMs,
    };
    this.#starts = 0;
    this.#lateStarts = 0;
    this.#maxStartLagMs = 0;
    return health;
  }
}
