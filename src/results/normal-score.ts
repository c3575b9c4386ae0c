// The standard normal quantile (probit) for interpolating between stored latency quantiles on a
// normal-score scale: log-latency is close to normal, so a line drawn in (z, log v) passes through
// the real distribution where a straight (q, v) line would not. Runs in: Node.

/** Standard normal CDF via the Abramowitz–Stegun erf approximation (|error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

const cache = new Map<number, number>();
const CACHE_LIMIT = 10_000;

/** z with Φ(z) = q, for 0 < q < 1 (bisection: called for a small set of q values, cached). */
export function normalQuantile(q: number): number {
  const hit = cache.get(q);
  if (hit !== undefined) return hit;
  let low = -9;
  let high = 9;
  for (let i = 0; i < 50; i++) {
    const mid = (low + high) / 2;
    if (normalCdf(mid) < q) low = mid;
    else high = mid;
  }
  const z = (low + high) / 2;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(q, z);
  return z;
}
