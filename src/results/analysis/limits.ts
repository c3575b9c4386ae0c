// The numbers the run analyses judge by, in one place so docs/analysis.md, the criteria and the
// tests name the same values. Durations are full-scale and follow LOAD_SCALE through `scaledMs`.
// Runs in: Node.

/** The general release limits (DESIGN.md): p95 below this many ms, error rate (0..1) below this. */
const P95_LIMIT_MS = 500;
export const ERROR_RATE_LIMIT = 0.01;

/**
 * The local runner's own warning limits: above a `local_iteration_start_lag` p99 of START_LAG_LIMIT_MS
 * or a per-second event-loop delay p99 of LOOP_DELAY_LIMIT_MS, the generator set the pace, not the target.
 */
export {
  EVENT_LOOP_DELAY_WARN_MS as LOOP_DELAY_LIMIT_MS,
  START_LAG_WARN_MS as START_LAG_LIMIT_MS,
} from '../../runner/run-warnings.ts';

/** A window counts as generator-overloaded when at least this share of it lagged. */
export const LAGGED_SHARE_LIMIT = 0.25;

/** Warm-up left out of every pre-fault band: this share of the run, at most WARM_UP_MAX_MS. */
export const WARM_UP_SHARE = 0.1;
export const WARM_UP_MAX_MS = 30_000;

/** Band = p95 ≤ max(factor × reference, reference + slack); errors ≤ max(factor × ref, ref + slack). */
export const BAND_P95_FACTOR = 1.5;
export const BAND_P95_SLACK_MS = 20;
export const BAND_ERROR_FACTOR = 2;
export const BAND_ERROR_SLACK = 0.01;
/** Seconds with requests a reference window needs before a band is drawn from it. */
export const MIN_BAND_S = 3;

/** "Stays in band": this many seconds, or to the end of the series when at least MIN_STAY_AT_END_S. */
export const STAY_S = 5;
export const MIN_STAY_AT_END_S = 3;

/**
 * Recovery allowance: 60 s at full scale, never below 10 s: the stand-in's restart delay and a
 * replica's start-up do not shrink with LOAD_SCALE, so a quick run must not judge them by 2 s.
 */
export const RECOVERY_ALLOWANCE_MS = 60_000;
export const RECOVERY_ALLOWANCE_FLOOR_MS = 10_000;
/** Error rate (0..1) of the worst service during a fault must stay below this. */
export const FAULT_ERROR_RATE_LIMIT = 0.05;

/** Soak buckets: a minute at full scale, never below a second; at least this many to fit a slope. */
export const DRIFT_BUCKET_MS = 60_000;
export const DRIFT_BUCKET_FLOOR_MS = 1_000;
export const MIN_DRIFT_BUCKETS = 3;
/** p95 may grow by this share of the run's p95 per hour, or by the floor, whichever is larger. */
export const P95_DRIFT_SHARE_PER_HOUR = 0.1;
export const P95_DRIFT_FLOOR_MS_PER_HOUR = 5;
/** Error rate may grow by 0.1 percentage point per hour. */
export const ERROR_DRIFT_LIMIT_PER_HOUR = 0.001;
/** A replica's memory may grow by this share of its median per hour, or by the floor. */
export const MEMORY_DRIFT_SHARE_PER_HOUR = 0.05;
export const MEMORY_DRIFT_FLOOR_BYTES_PER_HOUR = 1024 * 1024;
/** Drift is not judged when more than this share of the buckets had a lagging generator. */
export const MAX_LAGGED_BUCKET_SHARE = 0.1;

/** Normal profile, when Prometheus is there (DESIGN.md §2): CPU below 50 % of requests, memory below 60 % of limits. */
export const CPU_OF_REQUESTS_LIMIT = 0.5;
export const MEMORY_OF_LIMITS_LIMIT = 0.6;
/**
 * Soak, "no memory growth": a service's memory of limits may grow by MEMORY_DRIFT_SHARE_PER_HOUR of
 * its median per (scaled) hour, or by this floor (0.1 point of its limit: 256 KiB/h at 256Mi).
 */
export const MEMORY_GROWTH_FLOOR_PER_HOUR = 0.001;

/** Breakpoint: rates are measured over 10 s windows at full scale, never shorter than 2 s. */
export const SUSTAIN_WINDOW_MS = 10_000;
export const SUSTAIN_WINDOW_FLOOR_MS = 2_000;

/** A full-scale duration at `loadScale`, never below `floorMs`, in whole seconds. */
export function scaledMs(nominalMs: number, loadScale: number, floorMs: number): number {
  return Math.max(floorMs, Math.round((nominalMs * loadScale) / 1000) * 1000);
}

/** True when a slice breaks the release limits (p95 ≥ 500 ms or errors ≥ 1 %). */
export function breaksLimits(p95Ms: number | null, errorRate: number | null): boolean {
  return (p95Ms ?? 0) >= P95_LIMIT_MS || (errorRate ?? 0) >= ERROR_RATE_LIMIT;
}
