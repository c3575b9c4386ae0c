// What a canary run asked for, as run.json keeps it (so `npm run report` judges the folder again the
// same way), and the numbers its comparison judges by: defaults from the platform's plan (seed plan
// §2.1: 10 % to v2 on `x-version: v2`) and the statistical limits docs/analysis.md explains.
// Runs in: Node.

export interface CanarySettings {
  /** Share of iterations sent as v2, percent (0 < s ≤ 100). */
  splitPercent: number;
  /** The canary header as `name=value`, e.g. `x-version=v2`. */
  header: string;
  /** v2's error rate may be at most this many percentage points above v1's. */
  errorTolerancePoints: number;
  /** v2's p95 may be at most this many percent above v1's. */
  p95TolerancePercent: number;
  /**
   * Compare only this service's requests (the one with a v2, as the plan's canary is order-api's);
   * undefined: every request of the v1 and v2 iterations.
   */
  service?: string;
  /** Set on a run of a progression (`--steps`): which step of how many. */
  step?: { index: number; of: number };
  /**
   * Earlier steps of the progression whose v1 traffic is this step's reference: a 100 % step sends no
   * v1 of its own, so its v2 is compared with the v1 the earlier steps saw under the same load shape.
   */
  referenceRuns?: string[];
}

/** The plan's share for v2 and the header its VirtualService routes on. */
export const DEFAULT_SPLIT_PERCENT = 10;
export const DEFAULT_ERROR_TOLERANCE_POINTS = 0.5;
export const DEFAULT_P95_TOLERANCE_PERCENT = 10;

/** One-sided significance of each decision: fail when v2 is worse with 95 % confidence, pass when within. */
export const CANARY_ALPHA = 0.05;

/**
 * Requests each version needs before its error rate is compared: below, the normal approximation of
 * the test statistic does not hold and a handful of failures would decide.
 */
export const MIN_REQUESTS_FOR_ERROR_RATE = 100;

/**
 * Requests each version needs before its p95 is compared: n·0.95·0.05 ≥ 9.5, so the order-statistic
 * bounds exist and about ten requests lie above the 95th percentile.
 */
export const MIN_REQUESTS_FOR_P95 = 200;
