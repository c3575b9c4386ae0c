// A canary run's verdict: its record's settings bring the two canary criteria and the canary analysis
// in after the profile's own; a slower v2 fails the run (exit 99, the reason naming the p95
// criterion); too few samples are inconclusive and fail only with --strict; a run without canary
// settings has neither. The comparison leaves the warm-up out and can focus on one service.
import { describe, expect, test } from 'vitest';
import {
  analyzeCanary,
  CANARY_ERROR_CRITERION,
  CANARY_P95_CRITERION,
} from '../../../../src/results/canary/canary-criteria.ts';
import type { CanarySettings } from '../../../../src/results/canary/canary-settings.ts';
import { runRecord, verdictOf } from '../verdict-inputs.ts';
import { canaryPoints, START_T } from './canary-series.ts';

const canary: CanarySettings = {
  splitPercent: 10,
  header: 'x-version=v2',
  errorTolerancePoints: 0.5,
  p95TolerancePercent: 10,
};
const seriesOf = (points: ReturnType<typeof canaryPoints>) => ({
  points,
  startT: points[0]!.t,
  endT: points[points.length - 1]!.t,
});

describe('the verdict of a canary run', () => {
  test('a 3× slower v2 fails the run with exit 99, naming the p95 criterion', () => {
    const series = seriesOf(
      canaryPoints(60, { v1: { rps: 90, medianMs: 10 }, v2: { rps: 10, medianMs: 30 } }),
    );
    const verdict = verdictOf({ record: runRecord({ canary }), series });
    const ids = verdict.criteria.map((c) => c.id);
    expect(ids.slice(ids.indexOf(CANARY_ERROR_CRITERION))).toEqual(
      expect.arrayContaining([CANARY_ERROR_CRITERION, CANARY_P95_CRITERION]),
    );
    expect(verdict).toMatchObject({ pass: false, exitCode: 99 });
    expect(verdict.reason).toMatch(/^canary-v2-p95: observed \d\.\d+, limit v2 ÷ v1 ≤ 1\.1/);
    expect(verdict.analysis.canary).toMatchObject({
      splitPercent: 10,
      header: 'x-version=v2',
      compared: 'all requests',
    });
  });

  test('too few v2 samples: inconclusive, exit 0 — and 99 with --strict', () => {
    const series = seriesOf(
      canaryPoints(30, { v1: { rps: 95, medianMs: 10 }, v2: { rps: 1, medianMs: 10 } }),
    );
    const relaxed = verdictOf({ record: runRecord({ canary }), series });
    expect(relaxed).toMatchObject({ pass: true, exitCode: 0 });
    expect(relaxed.inconclusive).toEqual(
      expect.arrayContaining([CANARY_ERROR_CRITERION, CANARY_P95_CRITERION]),
    );
    const strict = verdictOf({ record: runRecord({ canary }), series, strict: true });
    expect(strict).toMatchObject({ pass: false, exitCode: 99 });
    expect(strict.reason).toContain('--strict');
  });

  test('no canary settings: no canary criteria, no canary analysis', () => {
    const verdict = verdictOf();
    expect(verdict.criteria.some((c) => c.id.startsWith('canary-'))).toBe(false);
    expect(verdict.analysis.canary).toBeUndefined();
  });
});

describe('what is compared', () => {
  test('the warm-up is left out: a slow first stretch seen by v2 alone does not count', () => {
    // 10 s where only v2 is slow, then 90 s alike: from the 10th second on they are the same.
    const slowStart = canaryPoints(10, { v1: { rps: 270, medianMs: 10 }, v2: { rps: 30, medianMs: 40 } }, 5);
    const alike = canaryPoints(90, { v1: { rps: 270, medianMs: 10 }, v2: { rps: 30, medianMs: 10 } }, 6).map(
      (point, i) => ({ ...point, t: START_T + 10 + i }),
    );
    const points = [...slowStart, ...alike];
    const withWarmUp = analyzeCanary(points, canary);
    const afterWarmUp = analyzeCanary(points, canary, { fromMs: (START_T + 10) * 1000 });
    expect(withWarmUp.analysis.p95.ratio!).toBeGreaterThan(1.2);
    expect(afterWarmUp.analysis.p95.ratio!).toBeLessThan(1.1);
  });

  test('--service: only that service’s requests are judged; every service is still shown', () => {
    const points = canaryPoints(60, {
      v1: { rps: 90, medianMs: 10, service: 'order-service' },
      v2: { rps: 10, medianMs: 30, service: 'order-service' },
    }).concat(
      canaryPoints(
        60,
        {
          v1: { rps: 900, medianMs: 10, service: 'product-service' },
          v2: { rps: 100, medianMs: 10, service: 'product-service' },
        },
        9,
      ),
    );
    const focused = analyzeCanary(points, { ...canary, service: 'order-service' });
    expect(focused.analysis).toMatchObject({ compared: 'order-service', v2: { requests: 600 } });
    expect(focused.analysis.services.map((s) => s.name)).toEqual(['order-service', 'product-service']);
    const p95 = focused.criteria.find((c) => c.id === CANARY_P95_CRITERION)!;
    expect(p95.status).toBe('fail');
    expect(p95.description).toContain("v2's p95 on order-service at most 10 %");
  });
});
