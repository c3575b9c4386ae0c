// The traffic mix of every profile but smoke (DESIGN.md §2) and a weighted picker over it.
// Runs in: VU and Node (tests, reports).
import type { RandomSource } from './seeded-random.ts';

/** The four operations the mix chooses between, one per iteration. */
export type MixOperation = 'customer_read' | 'product_read' | 'order_create' | 'payment';

/** Share of iterations per operation; the shares sum to 1. */
export const TRAFFIC_MIX: Readonly<Record<MixOperation, number>> = Object.freeze({
  customer_read: 0.3,
  product_read: 0.4,
  order_create: 0.2,
  payment: 0.1,
});

/** A picker over `weights`: each call returns one key with probability weight / sum(weights). */
export function createPicker<K extends string>(
  weights: Readonly<Record<K, number>>,
  random: RandomSource,
): () => K {
  const keys = Object.keys(weights) as K[];
  const total = keys.reduce((sum, key) => sum + weights[key], 0);
  if (!(total > 0) || keys.some((key) => !(weights[key] >= 0))) {
    throw new Error(`mix weights must be non-negative and sum above 0 (got ${JSON.stringify(weights)})`);
  }
  const cumulative: number[] = [];
  let running = 0;
  for (const key of keys) {
    running += weights[key] / total;
    cumulative.push(running);
  }
  return () => {
    const draw = random();
    for (let i = 0; i < keys.length - 1; i++) {
      if (draw < cumulative[i]) return keys[i];
    }
    return keys[keys.length - 1];
  };
}
