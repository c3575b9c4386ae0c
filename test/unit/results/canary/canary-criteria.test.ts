// The canary criteria on synthetic series with known answers: a healthy v2 passes both, a 3× slower
// v2 fails the p95 comparison and a failing v2 the error-rate one, a handful of v2 requests says "not
// enough samples to tell" (below the minimum, or with bounds straddling the tolerance), a run without
// requests has no data, and a 100 % step is compared with the earlier steps' v1.
import { describe, expect, test } from 'vitest';
import {
  analyzeCanary,
  CANARY_ERROR_CRITERION,
  CANARY_P95_CRITERION,
} from '../../../../src/results/canary/canary-criteria.ts';
import type { CanarySettings } from '../../../../src/results/canary/canary-settings.ts';
import { versionTotals } from '../../../../src/results/canary/version-totals.ts';
import type { CriterionResult } from '../../../../src/results/types.ts';
import { canaryPoints } from './canary-series.ts';

const settings: CanarySettings = {
  splitPercent: 10,
  header: 'x-version=v2',
  errorTolerancePoints: 0.5,
  p95TolerancePercent: 10,
};
const byId = (criteria: CriterionResult[], id: string) => criteria.find((c) => c.id === id)!;

describe('analyzeCanary', () => {
  test('a healthy v2 (same latency, same error rate, enough requests) passes both criteria', () => {
    // 120 s × (270 v1 + 30 v2) requests/s: 3,600 v2 requests.
    const points = canaryPoints(120, {
      v1: { rps: 270, medianMs: 10, errorRate: 0.001 },
      v2: { rps: 30, medianMs: 10, errorRate: 0.001 },
    });
    const { analysis, criteria } = analyzeCanary(points, settings);
    expect(byId(criteria, CANARY_ERROR_CRITERION)).toMatchObject({
      status: 'pass',
      pass: true,
      unit: 'ratio',
    });
    expect(byId(criteria, CANARY_P95_CRITERION)).toMatchObject({
      status: 'pass',
      pass: true,
      limit: 'v2 ÷ v1 ≤ 1.1',
    });
    expect(analysis.v2Share).toBeCloseTo(0.1, 9);
    expect(analysis.v2.requests).toBe(3600);
    expect(analysis.p95.upper!).toBeLessThanOrEqual(1.1);
    expect(analysis.services.map((s) => s.name)).toEqual(['order-service']);
  });

  test('a 3× slower v2 fails the p95 comparison, naming both p95s and the bounds', () => {
    const points = canaryPoints(60, { v1: { rps: 90, medianMs: 10 }, v2: { rps: 10, medianMs: 30 } });
    const p95 = byId(analyzeCanary(points, settings).criteria, CANARY_P95_CRITERION);
    expect(p95).toMatchObject({ status: 'fail', pass: false });
    expect(p95.observed!).toBeGreaterThan(2.5);
    expect(p95.observed!).toBeLessThan(3.5);
    expect(p95.description).toMatch(
      /v2 \d+(\.\d+)? ms of 600, v1 \d+(\.\d+)? ms of 5,400; ratio \d\.\d\d–\d\.\d\d/,
    );
  });

  test('a v2 failing 3 % of requests against v1 at 0.2 % fails the error-rate comparison', () => {
    const points = canaryPoints(60, {
      v1: { rps: 90, medianMs: 10, errorRate: 0.002 },
      v2: { rps: 10, medianMs: 10, errorRate: 0.03 },
    });
    const errors = byId(analyzeCanary(points, settings).criteria, CANARY_ERROR_CRITERION);
    expect(errors).toMatchObject({ status: 'fail', pass: false, limit: 'v2 − v1 ≤ 0.5 pt' });
    expect(errors.observed!).toBeGreaterThan(0.015);
    expect(errors.description).toMatch(/z = \d/);
  });

  test('a tiny v2 sample says "not enough samples to tell", naming the count and the minimum', () => {
    const points = canaryPoints(30, { v1: { rps: 95, medianMs: 10 }, v2: { rps: 1, medianMs: 30 } });
    const { criteria } = analyzeCanary(points, settings);
    for (const criterion of criteria) {
      expect(criterion).toMatchObject({
        status: 'inconclusive',
        pass: null,
        inconclusive: 'not enough samples to tell',
      });
      expect(criterion.description).toMatch(
        /not enough samples to tell: v2 30 request\(s\), at least (100|200) each needed/,
      );
    }
  });

  test('enough for the minimum, too few to tell: bounds straddling the tolerance stay inconclusive', () => {
    // 300 v2 requests at the same latency: the p95 ratio's upper bound lies above 1.1.
    const points = canaryPoints(30, {
      v1: { rps: 90, medianMs: 10, sigma: 0.8 },
      v2: { rps: 10, medianMs: 10, sigma: 0.8 },
    });
    const { criteria, analysis } = analyzeCanary(points, settings);
    const p95 = byId(criteria, CANARY_P95_CRITERION);
    expect(p95).toMatchObject({ status: 'inconclusive', inconclusive: 'not enough samples to tell' });
    expect(p95.description).toContain('the bounds straddle 1.1');
    expect(analysis.p95.lower!).toBeLessThanOrEqual(1.1);
    expect(analysis.p95.upper!).toBeGreaterThan(1.1);
    // No failure among 300 clean v2 requests cannot rule out +0.5 points either.
    expect(byId(criteria, CANARY_ERROR_CRITERION)).toMatchObject({ status: 'inconclusive' });
  });

  test('no requests at all: no data, not a question of sample size', () => {
    const { criteria } = analyzeCanary([], settings);
    for (const criterion of criteria)
      expect(criterion).toMatchObject({ status: 'inconclusive', inconclusive: 'no data', observed: null });
  });

  test('requests that all fell in the warm-up are too few to tell, not "no data"', () => {
    // A smoke-shaped run: its few requests are over before the warm-up ends.
    const points = canaryPoints(2, { v1: { rps: 15, medianMs: 10 }, v2: { rps: 15, medianMs: 10 } });
    const afterEverything = (points.at(-1)!.t + 1) * 1000;
    const { criteria } = analyzeCanary(points, settings, { fromMs: afterEverything });
    for (const criterion of criteria) {
      expect(criterion).toMatchObject({ status: 'inconclusive', inconclusive: 'not enough samples to tell' });
      expect(criterion.description).toContain('v2 0, v1 0 request(s)');
    }
  });

  test('tolerances are the settings’: a 1.3× slower v2 fails at +10 % and passes at +100 %', () => {
    const points = canaryPoints(120, {
      v1: { rps: 200, medianMs: 10, sigma: 0.3 },
      v2: { rps: 100, medianMs: 13, sigma: 0.3 },
    });
    expect(byId(analyzeCanary(points, settings).criteria, CANARY_P95_CRITERION).status).toBe('fail');
    const loose = { ...settings, p95TolerancePercent: 100 };
    expect(byId(analyzeCanary(points, loose).criteria, CANARY_P95_CRITERION)).toMatchObject({
      status: 'pass',
      limit: 'v2 ÷ v1 ≤ 2',
    });
  });

  test('a 100 % step compares its v2 with the earlier steps’ v1 (the reference)', () => {
    const earlier = canaryPoints(60, { v1: { rps: 90, medianMs: 10 }, v2: { rps: 10, medianMs: 10 } }, 3);
    const full = canaryPoints(60, { v2: { rps: 100, medianMs: 30 } }, 4);
    const reference = { totals: versionTotals(earlier, 'v1'), runs: ['step-1', 'step-2'], missing: [] };
    const { criteria, analysis } = analyzeCanary(full, { ...settings, splitPercent: 100 }, { reference });
    expect(analysis.reference).toEqual({ kind: 'earlier steps', runs: ['step-1', 'step-2'], missing: [] });
    expect(analysis.v1.requests).toBe(5400);
    expect(analysis.v2Share).toBe(1);
    expect(byId(criteria, CANARY_P95_CRITERION).status).toBe('fail');
    expect(byId(criteria, CANARY_P95_CRITERION).description).toContain('; v1 from step-1, step-2)');
    // Without the reference the same step has no v1 at all.
    const alone = analyzeCanary(full, { ...settings, splitPercent: 100 });
    expect(byId(alone.criteria, CANARY_P95_CRITERION).description).toContain('v1 0 request(s)');
  });
});
