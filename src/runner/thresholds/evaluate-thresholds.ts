// Evaluates thresholds over the whole test so far (k6 semantics: no sliding window) and decides when
// a failing abortOnFail threshold stops the run. Runs in: Node (runner main thread).
import type { MetricRegistry } from '../metrics/registry.ts';
import type { ThresholdSpec } from './parse-threshold.ts';
import { compareThreshold } from './threshold-expression.ts';

export interface ThresholdResult {
  spec: ThresholdSpec;
  ok: boolean;
  /** The aggregated value compared (ms for time trends); undefined when the metric is missing or skipped. */
  observed: number | undefined;
}

interface EvaluateOptions {
  /**
   * Skip metrics without samples (reported ok, observed undefined). k6 does this in its periodic
   * (every 2 s) evaluation but not at the end of the test, where an empty metric is evaluated with
   * zero values (count 0, rate 0, trend stats 0): since k6 v0.38 thresholds on metrics without
   * samples are always evaluated and shown (grafana/k6#1346, #2540; `ignoreEmptySinks` in k6's
   * internal/metrics/engine/engine.go). So `count>0` on an unused counter fails the run at the end.
   */
  skipEmpty?: boolean;
}

export function evaluateThresholds(
  specs: readonly ThresholdSpec[],
  registry: Pick<MetricRegistry, 'get'>,
  testDurationMs: number,
  options: EvaluateOptions = {},
): ThresholdResult[] {
  return specs.map((spec) => {
    const aggregate = registry.get(spec.metricKey);
    // A sub-metric key nobody declared: a wiring bug in the caller, reported as a failure, not hidden.
    if (aggregate === undefined) return { spec, ok: false, observed: undefined };
    if (options.skipEmpty && aggregate.count === 0) return { spec, ok: true, observed: undefined };
    const observed = aggregate.value(spec.aggregation, testDurationMs);
    if (observed === undefined) return { spec, ok: false, observed };
    return { spec, ok: compareThreshold(observed, spec.operator, spec.value), observed };
  });
}

/** The first failed abortOnFail threshold whose delayAbortEval has passed (k6: delay < time in test). */
export function findAbortingThreshold(
  results: readonly ThresholdResult[],
  testDurationMs: number,
): ThresholdResult | undefined {
  return results.find((r) => !r.ok && r.spec.abortOnFail && r.spec.delayAbortEvalMs < testDurationMs);
}
