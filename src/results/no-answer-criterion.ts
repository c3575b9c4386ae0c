// A finished run in which not one request was answered — the target hung, or answers more slowly than
// the run lasted (its requests were still waiting when the graceful stop ran out) — fails on that,
// by name, instead of on a rate not reached beside latency and error criteria all "no data". A target
// that refuses connections does not count here: refused requests complete, as failures. Runs in: Node.
import type { SummaryLike } from './threshold-criteria.ts';
import type { CriterionResult } from './types.ts';

export const NO_ANSWER_ID = 'requests-answered';

/** The failing criterion when the summary's http_req_duration holds no sample at all; else undefined. */
export function noAnswerCriterion(summary: SummaryLike): CriterionResult | undefined {
  const answered = summary.metrics?.http_req_duration?.values?.count;
  if (answered !== 0) return undefined;
  const dropped = summary.metrics?.dropped_iterations?.values?.count ?? 0;
  const droppedNote = dropped > 0 ? `; ${dropped} iterations dropped for want of a free VU` : '';
  return {
    id: NO_ANSWER_ID,
    description: `no request was answered during the run: the target hung or answers more slowly than the run lasted${droppedNote}`,
    limit: '≥ 1 answered',
    observed: 0,
    unit: 'count',
    pass: false,
    status: 'fail',
    source: 'analysis',
  };
}
