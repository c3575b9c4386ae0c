// The two-proportion test of a canary's error rate: is v2's failure share more than a margin above
// v1's? Farrington–Manning's score test of the difference of two proportions: the standard error is
// taken at the proportions most likely under "the difference is exactly the margin" (restricted
// maximum likelihood), so it stays meaningful when both versions saw no failure at all — where the
// textbook Wald statistic divides by zero and would call 0 of 50 "surely within". With a zero margin
// it is the pooled two-proportion z-test. Pure. Runs in: Node.
import { normalCdf } from '../normal-score.ts';

export interface ProportionSample {
  /** Failures (successes of the event counted). */
  events: number;
  /** Trials. */
  trials: number;
}

export interface DifferenceTest {
  /** p̂ of the compared group (v2) minus p̂ of the reference (v1). */
  difference: number;
  /** (difference − margin) / SE at the restricted MLE: > 0 means above the margin. */
  z: number;
  /** One-sided p-value of "no more than margin above": small → the compared group is worse. */
  pWorse: number;
  /** One-sided p-value of "at least margin above": small → the compared group is within the margin. */
  pWithin: number;
}

/** Steps of the bisection for the restricted MLE (the interval halves each time: 1e-18 after 60). */
const BISECTION_STEPS = 80;

/**
 * The reference proportion pB maximising the likelihood of both samples under pA = pB + margin, on
 * the interval where both are probabilities. The log-likelihood is concave there, so its derivative
 * falls and a root (or a boundary) is found by bisection.
 */
export function restrictedReference(a: ProportionSample, b: ProportionSample, margin: number): number {
  const low = Math.max(0, -margin);
  const high = Math.min(1, 1 - margin);
  // A count of zero contributes nothing, also at the boundary where its log term would be infinite.
  const term = (count: number, denominator: number) => (count === 0 ? 0 : count / denominator);
  const slope = (pB: number) => {
    const pA = pB + margin;
    return (
      term(a.events, pA) -
      term(a.trials - a.events, 1 - pA) +
      term(b.events, pB) -
      term(b.trials - b.events, 1 - pB)
    );
  };
  if (slope(low) <= 0) return low;
  if (slope(high) >= 0) return high;
  let lo = low;
  let hi = high;
  for (let i = 0; i < BISECTION_STEPS; i++) {
    const mid = (lo + hi) / 2;
    if (slope(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Farrington–Manning test of H0: pA − pB = margin for sample A (the canary, v2) against sample B
 * (the reference, v1). Both samples need at least one trial.
 */
export function differenceTest(a: ProportionSample, b: ProportionSample, margin: number): DifferenceTest {
  if (!(a.trials > 0 && b.trials > 0)) throw new RangeError('both samples need at least one trial');
  const pA = a.events / a.trials;
  const pB = b.events / b.trials;
  const difference = pA - pB;
  const restrictedB = restrictedReference(a, b, margin);
  const restrictedA = restrictedB + margin;
  const variance =
    (restrictedA * (1 - restrictedA)) / a.trials + (restrictedB * (1 - restrictedB)) / b.trials;
  // Zero variance: both restricted proportions at 0 or 1 (margin 0 and no event anywhere, or all
  // events): the observed difference is then exactly the margin.
  const z = variance > 0 ? (difference - margin) / Math.sqrt(variance) : 0;
  return { difference, z, pWorse: 1 - normalCdf(z), pWithin: normalCdf(z) };
}
