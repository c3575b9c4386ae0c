// The two canary decisions, v2 against v1, each three-way: worse than the tolerance with 95 %
// confidence → fail; within it with 95 % confidence → pass; neither → "not enough samples to tell"
// (as is a version below its minimum of requests). Error rate: Farrington–Manning's two-proportion
// test; p95: the ratio of the versions' 95th percentiles with order-statistic bounds from the merged
// histograms. Pure. Runs in: Node.
import type { LatencyHistogram } from '../latency-histogram.ts';
import { CANARY_ALPHA, MIN_REQUESTS_FOR_ERROR_RATE, MIN_REQUESTS_FOR_P95 } from './canary-settings.ts';
import { histogramQuantileBounds, type QuantileEstimate, ratioBounds } from './quantile-bounds.ts';
import { differenceTest, type DifferenceTest, type ProportionSample } from './two-proportion.ts';

/** `pass`/`fail`: decided at 95 % confidence; `too few`: below a minimum; `undecided`: bounds straddle. */
export type Decision = 'pass' | 'fail' | 'too few' | 'undecided';

export interface ErrorRateComparison {
  decision: Decision;
  /** Absent below the minimum of requests. */
  test?: DifferenceTest;
}

export function compareErrorRates(
  v2: ProportionSample,
  v1: ProportionSample,
  tolerancePoints: number,
): ErrorRateComparison {
  if (v2.trials < MIN_REQUESTS_FOR_ERROR_RATE || v1.trials < MIN_REQUESTS_FOR_ERROR_RATE)
    return { decision: 'too few' };
  const test = differenceTest(v2, v1, tolerancePoints / 100);
  const decision = test.pWorse < CANARY_ALPHA ? 'fail' : test.pWithin < CANARY_ALPHA ? 'pass' : 'undecided';
  return { decision, test };
}

export interface P95Comparison {
  decision: Decision;
  /** Absent below the minimum of requests. */
  v2?: QuantileEstimate;
  v1?: QuantileEstimate;
  ratio?: { ratio: number; lower: number; upper: number };
}

export function compareP95(
  v2: LatencyHistogram,
  v1: LatencyHistogram,
  tolerancePercent: number,
): P95Comparison {
  if (v2.count < MIN_REQUESTS_FOR_P95 || v1.count < MIN_REQUESTS_FOR_P95) return { decision: 'too few' };
  const v2p95 = histogramQuantileBounds(v2, 0.95, CANARY_ALPHA);
  const v1p95 = histogramQuantileBounds(v1, 0.95, CANARY_ALPHA);
  if (!v2p95 || !v1p95) return { decision: 'too few' };
  const ratio = ratioBounds(v2p95, v1p95);
  const limit = 1 + tolerancePercent / 100;
  const decision = ratio.lower > limit ? 'fail' : ratio.upper <= limit ? 'pass' : 'undecided';
  return { decision, v2: v2p95, v1: v1p95, ratio };
}
