// Breakpoint: highest arrival rate sustained within the limits, and where it broke.
import { expect, test } from 'vitest';
import type { CriterionResult } from '../../../../src/results/types.ts';
import { analyzeRun } from '../../../../src/results/analysis/analyze-run.ts';
import { buildSeries, type SecondSpec, START_T } from '../synthetic-series.ts';

// At LOAD_SCALE 0.0125 the rate windows are 2 s (10 s × 0.0125 is below the 2 s floor).
const loadScale = 0.0125;
/** Rate 20 + 10·s iterations/s: the 2 s window k averages 25 + 20·k. */
const ramp = (s: number, p95Ms: number, extra: Partial<SecondSpec> = {}): SecondSpec => ({
  rps: 100,
  iterations: 20 + 10 * s,
  p95Ms,
  ...extra,
});

function breakpoint(length: number, specOf: (s: number) => SecondSpec) {
  const series = buildSeries(Array.from({ length }, (_, s) => specOf(s)));
  return analyzeRun({ profile: 'breakpoint', series, loadScale, vuScale: 0.4, runStartMs: START_T * 1000 });
}
const criterion = (criteria: CriterionResult[]) =>
  criteria.find((c) => c.id === 'highest-sustained-rate-found')!;

test('sustained up to the window before the first failing one', () => {
  const { results, criteria } = breakpoint(34, (s) => ramp(s, s >= 30 ? 800 : 100));
  expect(results.breakpoint).toEqual({ highestSustainedRate: 305, brokeAtRate: 325 });
  expect(criterion(criteria)).toMatchObject({ status: 'pass', observed: 305, unit: 'rps' });
  expect(criterion(criteria).description).toContain('broke at 325.0 iterations/s');
});

test('errors break a window as latency does', () => {
  const { results } = breakpoint(34, (s) => ramp(s, 100, { errorRate: s >= 20 ? 0.02 : 0 }));
  expect(results.breakpoint).toEqual({ highestSustainedRate: 205, brokeAtRate: 225 });
});

test('never broke: brokeAtRate null, the highest window is the last', () => {
  const { results, criteria } = breakpoint(20, (s) => ramp(s, 100));
  expect(results.breakpoint).toEqual({ highestSustainedRate: 205, brokeAtRate: null });
  expect(criterion(criteria).status).toBe('pass');
});

test('broken from the start: no sustained rate, the criterion fails', () => {
  const { results, criteria } = breakpoint(10, (s) => ramp(s, 900));
  expect(results.breakpoint).toEqual({ highestSustainedRate: null, brokeAtRate: 25 });
  expect(criterion(criteria)).toMatchObject({ status: 'fail', observed: null });
});

test('generator lag early is skipped; lag after the highest window makes the figure inconclusive', () => {
  const early = breakpoint(34, (s) => ramp(s, s >= 30 ? 800 : 100, { startLagMs: s < 4 ? 30 : 1 }));
  expect(early.results.breakpoint!.highestSustainedRate).toBe(305);
  expect(criterion(early.criteria).status).toBe('pass');
  const late = breakpoint(34, (s) => ramp(s, s >= 30 ? 800 : 100, { startLagMs: s === 28 ? 30 : 1 }));
  expect(late.results.breakpoint!.highestSustainedRate).toBe(285);
  expect(criterion(late.criteria)).toMatchObject({
    status: 'inconclusive',
    inconclusive: 'generator overloaded',
  });
});

test('an empty run is too short to judge', () => {
  const { criteria } = breakpoint(0, (s) => ramp(s, 100));
  expect(criterion(criteria)).toMatchObject({ status: 'inconclusive', inconclusive: 'too short to judge' });
});
