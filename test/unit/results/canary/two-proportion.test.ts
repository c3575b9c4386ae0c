// The canary's two-proportion test on synthetic data with known answers: with a zero margin it is the
// textbook pooled z-test; with a margin its restricted MLE matches Farrington–Manning's closed form
// (computed here independently) and zeroes the score; no failures at all still give a finite z that
// grows with the sample; and at the margin itself it rejects about 5 % of seeded simulated runs.
import { describe, expect, test } from 'vitest';
import { createRandom } from '../../../../src/vu/seeded-random.ts';
import { differenceTest, restrictedReference } from '../../../../src/results/canary/two-proportion.ts';

/** Farrington & Manning (1990)'s closed-form restricted MLE for H0: p1 − p2 = s0 (group 1 the higher). */
function closedForm(x1: number, n1: number, x2: number, n2: number, s0: number): { p1: number; p2: number } {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const theta = n2 / n1;
  const a = 1 + theta;
  const b = -(1 + theta + p1 + theta * p2 + s0 * (theta + 2));
  const c = s0 * s0 + s0 * (2 * p1 + theta + 1) + p1 + theta * p2;
  const d = -p1 * s0 * (1 + s0);
  const v = b ** 3 / (27 * a ** 3) - (b * c) / (6 * a * a) + d / (2 * a);
  const u = Math.sign(v) * Math.sqrt((b * b) / (9 * a * a) - c / (3 * a));
  const w = (Math.PI + Math.acos(v / u ** 3)) / 3;
  const r1 = 2 * u * Math.cos(w) - b / (3 * a);
  return { p1: r1, p2: r1 - s0 };
}

describe('differenceTest (Farrington–Manning)', () => {
  test('margin 0 is the pooled two-proportion z-test: 60/500 vs 40/500 gives z = 2.108', () => {
    // pooled p = 0.1, SE = √(0.1·0.9·(1/500 + 1/500)) = 0.018974, z = 0.04 / 0.018974
    const result = differenceTest({ events: 60, trials: 500 }, { events: 40, trials: 500 }, 0);
    expect(result.difference).toBeCloseTo(0.04, 12);
    expect(result.z).toBeCloseTo(2.10819, 4);
    expect(result.pWorse).toBeCloseTo(0.01751, 4);
  });

  test('with a margin the restricted MLE is the closed form and zeroes the score', () => {
    const a = { events: 30, trials: 1000 };
    const b = { events: 100, trials: 9000 };
    const margin = 0.005;
    const pB = restrictedReference(a, b, margin);
    const expected = closedForm(a.events, a.trials, b.events, b.trials, margin);
    expect(pB).toBeCloseTo(expected.p2, 9);
    const pA = pB + margin;
    const score =
      a.events / pA - (a.trials - a.events) / (1 - pA) + b.events / pB - (b.trials - b.events) / (1 - pB);
    expect(Math.abs(score)).toBeLessThan(1e-6);
    const z =
      (30 / 1000 - 100 / 9000 - margin) /
      Math.sqrt((expected.p1 * (1 - expected.p1)) / 1000 + (expected.p2 * (1 - expected.p2)) / 9000);
    expect(differenceTest(a, b, margin).z).toBeCloseTo(z, 6);
  });

  test('no failure in either version: finite z = −√(n·m/(1−m)), within only with enough requests', () => {
    // Restricted MLE at the boundary: pB = 0, pA = m, SE = √(m(1−m)/nA).
    const margin = 0.005;
    const at = (n: number) => differenceTest({ events: 0, trials: n }, { events: 0, trials: 9 * n }, margin);
    expect(at(1000).z).toBeCloseTo(-Math.sqrt((1000 * margin) / (1 - margin)), 9);
    expect(at(1000).pWithin).toBeLessThan(0.05);
    // 300 clean requests cannot rule out a 0.5-point rise (rule of three: up to 1 % is plausible).
    expect(at(300).pWithin).toBeGreaterThan(0.05);
    expect(at(300).pWorse).toBeGreaterThan(0.5);
  });

  test('a clearly worse v2 is rejected, a clean one is not', () => {
    expect(
      differenceTest({ events: 40, trials: 1000 }, { events: 45, trials: 9000 }, 0.005).pWorse,
    ).toBeLessThan(1e-6);
    expect(
      differenceTest({ events: 5, trials: 1000 }, { events: 45, trials: 9000 }, 0.005).pWorse,
    ).toBeGreaterThan(0.5);
  });

  test('at the margin itself about 5 % of seeded runs are called worse (size of the test)', () => {
    const random = createRandom(20_240_601);
    const binomial = (n: number, p: number) => {
      let k = 0;
      for (let i = 0; i < n; i++) if (random() < p) k++;
      return k;
    };
    const runs = 2000;
    let rejected = 0;
    for (let i = 0; i < runs; i++) {
      const v2 = { events: binomial(1000, 0.025), trials: 1000 };
      const v1 = { events: binomial(4000, 0.02), trials: 4000 };
      if (differenceTest(v2, v1, 0.005).pWorse < 0.05) rejected++;
    }
    expect(rejected / runs).toBeGreaterThan(0.035);
    expect(rejected / runs).toBeLessThan(0.07);
  });

  test('needs a trial in each sample', () => {
    expect(() => differenceTest({ events: 0, trials: 0 }, { events: 0, trials: 10 }, 0)).toThrow(RangeError);
  });
});
