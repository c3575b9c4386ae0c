// Who keeps the end-of-test summary and the thresholds of a real-k6 run. k6 itself keeps every Trend
// sample in memory for them (grafana/k6#763, #4670: ~200 bytes per request measured), fine for a
// short run but ~3.5 GB over a 24 h soak at 200 req/s. So long runs hand the job to the harness:
// k6 runs with both off and streams its samples into bounded aggregates (src/engine/k6-stream/).
// "Long" is the soak profile at any scale, or a nominal duration over 30 minutes: at 30 minutes
// even 1,000 req/s is ~360 MB in k6, within a load generator's headroom; the normal profile (30 min,
// ~100 req/s) keeps k6's own evaluation, stress (60 min), breakpoint (2 h) and soak stream.
// Runs in: Node (phase 5; the local runner ignores it: its aggregates are bounded anyway).

export type K6SummaryChoice = 'auto' | 'k6' | 'harness';
export type K6SummaryMode = 'k6' | 'harness';

export interface K6SummaryPlan {
  readonly mode: K6SummaryMode;
  /** For the run log: why this mode. */
  readonly why: string;
}

export const K6_SUMMARY_CHOICES: readonly K6SummaryChoice[] = ['auto', 'k6', 'harness'];
/** Runs longer than this (nominal, as scaled) stream k6's samples to the harness. */
export const LONG_RUN_MS = 30 * 60_000;
const ALWAYS_STREAMED_PROFILES: ReadonlySet<string> = new Set(['soak']);

export function planK6Summary(choice: K6SummaryChoice, profile: string, nominalMs: number): K6SummaryPlan {
  if (choice !== 'auto') return { mode: choice, why: `--k6-summary ${choice}` };
  const minutes = `${Math.round(nominalMs / 6000) / 10} min`;
  if (ALWAYS_STREAMED_PROFILES.has(profile)) return { mode: 'harness', why: `${profile} profile (long run)` };
  if (nominalMs > LONG_RUN_MS) return { mode: 'harness', why: `a ${minutes} run (over 30 min)` };
  return { mode: 'k6', why: `a ${minutes} run (30 min or less)` };
}
