// A finished run in which no request was answered (a target that hangs, or answers more slowly than
// the run lasts) fails on `requests-answered`, named first in the reason; a run with answers, an
// interrupted run and a summary without the metric get no such criterion.
import { expect, test } from 'vitest';
import { noAnswerCriterion } from '../../../src/results/no-answer-criterion.ts';
import type { SummaryLike } from '../../../src/results/threshold-criteria.ts';
import { buildSeries } from './synthetic-series.ts';
import { normalSummary, runRecord, verdictOf } from './verdict-inputs.ts';

const unanswered = (): SummaryLike => {
  const summary = normalSummary({ requests: 0, iterationRate: 0 });
  summary.metrics!.dropped_iterations = { type: 'counter', values: { count: 850, rate: 42 } };
  return summary;
};

test('no request answered: the verdict fails on requests-answered, and says so first', () => {
  const verdict = verdictOf({ summary: unanswered(), series: buildSeries([]), engineExitCode: 99 });
  expect(verdict).toMatchObject({ pass: false, exitCode: 99 });
  expect(verdict.criteria[0]).toMatchObject({
    id: 'requests-answered',
    status: 'fail',
    observed: 0,
    source: 'analysis',
    description:
      'no request was answered during the run: the target hung or answers more slowly than the run lasted; 850 iterations dropped for want of a free VU',
  });
  expect(verdict.reason).toMatch(/^requests-answered: observed 0, limit ≥ 1 answered/);
});

test('answered requests, an interrupted run or no such metric: no criterion', () => {
  expect(noAnswerCriterion(normalSummary())).toBeUndefined();
  expect(noAnswerCriterion({ metrics: {} })).toBeUndefined();
  const interrupted = verdictOf({
    record: runRecord({ status: 'interrupted' }),
    summary: unanswered(),
    series: buildSeries([]),
  });
  expect(interrupted.criteria.map((c) => c.id)).not.toContain('requests-answered');
  expect(verdictOf().criteria.map((c) => c.id)).not.toContain('requests-answered');
});
