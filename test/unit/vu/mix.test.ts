import { describe, expect, test } from 'vitest';
import { TRAFFIC_MIX, createPicker } from '../../../src/vu/mix.ts';
import { createRandom, seedForVu } from '../../../src/vu/seeded-random.ts';

describe('traffic mix', () => {
  test('shares are 30/40/20/10 and sum to 1', () => {
    expect(TRAFFIC_MIX).toEqual({ customer_read: 0.3, product_read: 0.4, order_create: 0.2, payment: 0.1 });
  });

  test.each([1, 42, 0xdeadbeef])('100k seeded picks converge within 1 %% (seed %i)', (seed) => {
    const pick = createPicker(TRAFFIC_MIX, createRandom(seed));
    const counts: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) {
      const op = pick();
      counts[op] = (counts[op] ?? 0) + 1;
    }
    for (const [op, share] of Object.entries(TRAFFIC_MIX)) {
      expect(Math.abs(counts[op] / 100_000 - share)).toBeLessThan(0.01);
    }
  });

  test('the same seed gives the same sequence; another VU another one', () => {
    const run = (seed: number) => {
      const pick = createPicker(TRAFFIC_MIX, createRandom(seed));
      return Array.from({ length: 50 }, pick).join();
    };
    expect(run(seedForVu(7, 1))).toBe(run(seedForVu(7, 1)));
    expect(run(seedForVu(7, 1))).not.toBe(run(seedForVu(7, 2)));
  });

  test('rejects weights that cannot be picked from', () => {
    expect(() => createPicker({ a: 0, b: 0 }, Math.random)).toThrow(/weights/);
    expect(() => createPicker({ a: -1, b: 2 }, Math.random)).toThrow(/weights/);
  });
});
