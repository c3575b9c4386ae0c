// Spike: errors during the spike, recovery to the pre-spike band after it, overflows afterwards.
import { expect, test } from 'vitest';
import type { CriterionResult } from '../../../../src/results/types.ts';
import { analyzeRun } from '../../../../src/results/analysis/analyze-run.ts';
import { buildSeries, type SecondSpec, START_T, seconds } from '../synthetic-series.ts';

// At LOAD_SCALE 0.04: pre [0 s, 24 s), spike [24 s, 36 s), post [36 s, 60 s).
const loadScale = 0.04;
const calm: SecondSpec = { rps: 50, p95Ms: 80, vus: 20 };
const surge: SecondSpec = { rps: 150, p95Ms: 700, errorRate: 0.03, vus: 200 };

function spike(specs: (SecondSpec | null)[]) {
  const series = buildSeries(specs);
  return analyzeRun({ profile: 'spike', series, loadScale, vuScale: 0.4, runStartMs: START_T * 1000 });
}
const recovered = (criteria: CriterionResult[]) => criteria.find((c) => c.id === 'spike-recovered')!;

test('recovers 3 s after the spike; overflows after it are counted', () => {
  const { results, criteria } = spike([
    ...seconds(24, calm),
    ...seconds(12, surge),
    ...seconds(3, { ...calm, p95Ms: 400, overflows: 2 }),
    ...seconds(21, calm),
  ]);
  expect(results.spike).toMatchObject({ recoveryMs: 3000, overflowsAfter: 6 });
  expect(results.spike!.spikeErrorRate).toBeCloseTo(0.03, 2);
  expect(results.spike!.band!.p95MaxMs).toBeCloseTo(120, -1);
  expect(recovered(criteria)).toMatchObject({ status: 'pass', observed: 3000, limit: '≤ 10 s' });
});

test('slow to recover fails; never recovering fails with null', () => {
  const slow = spike([...seconds(24, calm), ...seconds(24, surge), ...seconds(12, calm)]);
  expect(recovered(slow.criteria)).toMatchObject({ status: 'fail', observed: 12_000 });
  const never = spike([...seconds(24, calm), ...seconds(36, surge)]);
  expect(recovered(never.criteria)).toMatchObject({ status: 'fail', observed: null });
});

test('too short to judge: the run ends right after the spike, or no pre-spike band', () => {
  const ended = spike([...seconds(24, calm), ...seconds(14, surge)]);
  expect(recovered(ended.criteria)).toMatchObject({
    status: 'inconclusive',
    inconclusive: 'too short to judge',
  });
  const noPre = spike([...seconds(24, null), ...seconds(12, surge), ...seconds(24, calm)]);
  expect(noPre.results.spike!.band).toBeNull();
  expect(recovered(noPre.criteria).inconclusive).toBe('too short to judge');
});
