// abortOnFail while k6 runs without thresholds: the harness evaluates them on the aggregates as the
// stream arrives, as k6 would (every 2 s, metrics without samples skipped, delayAbortEval measured
// from the test's start), and says which threshold, if any, stops the run. Time is the stream's own
// (first sample to newest), so the decision does not depend on how fast lines are read.
// Runs in: Node.
import { type ThresholdResult, findAbortingThreshold } from '../../runner/thresholds/evaluate-thresholds.ts';
import type { ThresholdSpec } from '../../runner/thresholds/parse-threshold.ts';
import type { Aggregates } from './aggregates.ts';
import { evaluateThresholds } from './summary-from-aggregates.ts';

/** k6 evaluates thresholds locally every 2 s (internal/metrics/engine: thresholdsRate). */
export const THRESHOLD_EVALUATION_MS = 2000;

/** The first failed abortOnFail threshold whose delayAbortEval has passed, or undefined. */
export function abortingThreshold(
  aggregates: Aggregates,
  specs: readonly ThresholdSpec[],
): ThresholdResult | undefined {
  const aborting = specs.filter((s) => s.abortOnFail);
  if (aborting.length === 0) return undefined;
  const elapsedMs = aggregates.spanMs;
  const results = evaluateThresholds(aggregates, aborting, { testRunDurationMs: elapsedMs, skipEmpty: true });
  return findAbortingThreshold(results, elapsedMs);
}

/** k6's words when an abortOnFail threshold stops a test. */
export function describeAbort(result: ThresholdResult): string {
  return `thresholds on metrics '${result.spec.metricKey}' were crossed (${result.spec.expression}); at least one has abortOnFail enabled, stopping test prematurely`;
}
