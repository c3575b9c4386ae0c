// Theil–Sen slope: the median of the slopes between pairs of points, robust to outliers (a GC
// pause, one slow minute). Past MAX_PAIRS pairs a fixed-seed sample of pairs bounds the cost, so
// the same series always gives the same slope. Runs in: Node.
import { createRandom } from '../../vu/seeded-random.ts';

/** Pairs examined at most: every pair up to ~316 points, a deterministic sample beyond. */
export const MAX_PAIRS = 50_000;
const SAMPLE_SEED = 0x5eed;

/** Median of the pairwise slopes dy/dx; null with fewer than two distinct x. */
export function theilSenSlope(xs: readonly number[], ys: readonly number[]): number | null {
  const n = Math.min(xs.length, ys.length);
  const slopes: number[] = [];
  const pairs = (n * (n - 1)) / 2;
  const add = (i: number, j: number) => {
    const dx = xs[j] - xs[i];
    if (dx !== 0) slopes.push((ys[j] - ys[i]) / dx);
  };
  if (pairs <= MAX_PAIRS) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) add(i, j);
  } else {
    const random = createRandom(SAMPLE_SEED);
    for (let k = 0; k < MAX_PAIRS; k++) {
      const i = Math.floor(random() * n);
      const j = Math.floor(random() * n);
      if (i !== j) add(Math.min(i, j), Math.max(i, j));
    }
  }
  return median(slopes);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
