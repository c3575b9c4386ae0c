// Confidence bounds of a percentile without assuming a latency distribution, and of the ratio of two
// versions' percentiles. A percentile's bounds are order statistics: of n independent requests, the
// number below the true p-quantile is Binomial(n, p), so the request of rank l lies below it with a
// probability read off that binomial. The ratio's bounds combine the two versions' bounds in log space
// by the method of variance estimates recovery (MOVER, Zou & Donner), which keeps each bound's own
// asymmetry. Pure. Runs in: Node.
import type { LatencyHistogram } from '../latency-histogram.ts';

/** Standard deviations around the binomial's mean summed exactly; the mass beyond is below 1e-20. */
const WINDOW_SDS = 10;

/**
 * Ranks (1-based) of the one-sided confidence bounds of the p-quantile of n samples at level 1 − alpha:
 * P(sample of rank `lower` ≤ quantile) ≥ 1 − alpha and P(sample of rank `upper` ≥ quantile) ≥ 1 − alpha.
 * Exact binomial, summed around the mean. null when n is too small for either bound to exist.
 */
export function orderStatisticRanks(
  n: number,
  p: number,
  alpha: number,
): { lower: number; upper: number } | null {
  if (!(n >= 1 && p > 0 && p < 1 && alpha > 0 && alpha < 0.5)) return null;
  const mean = n * p;
  const sd = Math.sqrt(n * p * (1 - p));
  const from = Math.max(0, Math.floor(mean - WINDOW_SDS * sd - 10));
  const to = Math.min(n, Math.ceil(mean + WINDOW_SDS * sd + 10));
  // Binomial weights relative to the mode (pmf(k+1)/pmf(k) = (n−k)/(k+1) · p/(1−p)), so nothing overflows.
  const mode = Math.min(to, Math.max(from, Math.floor((n + 1) * p)));
  const weights = new Float64Array(to - from + 1);
  weights[mode - from] = 1;
  const odds = p / (1 - p);
  for (let k = mode; k < to; k++) weights[k + 1 - from] = (weights[k - from] * (n - k) * odds) / (k + 1);
  for (let k = mode; k > from; k--) weights[k - 1 - from] = (weights[k - from] * k) / ((n - k + 1) * odds);
  let total = 0;
  for (const w of weights) total += w;
  // cdf(k) = P(X ≤ k), X = samples below the quantile. Rank r lies below it when X ≥ r.
  const cdf = new Float64Array(weights.length);
  let running = 0;
  for (let i = 0; i < weights.length; i++) {
    running += weights[i] / total;
    cdf[i] = running;
  }
  const cdfAt = (k: number) => (k < from ? 0 : k >= to ? 1 : cdf[k - from]);
  // lower: the largest rank l with P(X ≥ l) = 1 − cdf(l − 1) ≥ 1 − alpha.
  let lower = 0;
  for (let l = Math.max(1, from); l <= to + 1 && l <= n; l++) {
    if (cdfAt(l - 1) <= alpha) lower = l;
    else break;
  }
  // upper: the smallest rank u with P(X < u) = cdf(u − 1) ≥ 1 − alpha.
  let upper = 0;
  for (let u = Math.max(1, from); u <= n; u++) {
    if (cdfAt(u - 1) >= 1 - alpha) {
      upper = u;
      break;
    }
  }
  if (lower < 1 || upper < 1) return null;
  return { lower, upper };
}

/** A percentile with its one-sided confidence bounds, in the samples' unit. */
export interface QuantileEstimate {
  estimate: number;
  lower: number;
  upper: number;
  samples: number;
}

/**
 * The p-quantile of a latency histogram with bounds at level 1 − alpha each; null without enough
 * samples for both bounds. The histogram knows a rank's sample only to its 2 % bucket, so the lower
 * bound is that bucket's low edge and the upper bound its high edge: never narrower than the truth.
 */
export function histogramQuantileBounds(
  histogram: LatencyHistogram,
  p: number,
  alpha: number,
): QuantileEstimate | null {
  const n = Math.round(histogram.count);
  const ranks = orderStatisticRanks(n, p, alpha);
  if (!ranks) return null;
  const bucket = (rank: number) => histogram.quantileBucket(rank / n)!;
  return {
    estimate: histogram.quantile(p) as number,
    lower: bucket(ranks.lower).low,
    upper: bucket(ranks.upper).high,
    samples: n,
  };
}

/**
 * Bounds of `test.estimate / reference.estimate` from each one's bounds (MOVER on the logs): the
 * lower bound is reached when the test is at its lower bound and the reference at its upper, combined
 * as independent errors. Each input's bounds at one-sided level 1 − alpha give bounds of the ratio at
 * about that level. Values must be positive.
 */
export function ratioBounds(
  test: QuantileEstimate,
  reference: QuantileEstimate,
): { ratio: number; lower: number; upper: number } {
  const log = (value: number) => Math.log(Math.max(value, Number.MIN_VALUE));
  const t = log(test.estimate);
  const r = log(reference.estimate);
  const down = Math.hypot(t - log(test.lower), log(reference.upper) - r);
  const up = Math.hypot(log(test.upper) - t, r - log(reference.lower));
  return { ratio: Math.exp(t - r), lower: Math.exp(t - r - down), upper: Math.exp(t - r + up) };
}
