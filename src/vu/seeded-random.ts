// Seeded pseudo-random numbers (mulberry32) so traffic mixes and test data are reproducible per run
// and testable. Pure TS. Runs in: VU and Node (tests).

/** A function returning uniform floats in [0, 1). */
export type RandomSource = () => number;

/** mulberry32: tiny, fast, good enough for picking traffic; `seed` is a 32-bit unsigned integer. */
export function createRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [min, max] (inclusive). */
export function randomInt(random: RandomSource, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Derive a per-VU seed from the run seed so VUs don't replay the same sequence. */
export function seedForVu(runSeed: number, vuId: number): number {
  return (Math.imul(runSeed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(vuId, 0xc2b2ae35)) >>> 0;
}
