// Reads each profile criterion's verdict and observed value out of k6's summary data, so results and
// reports name criteria ("p95-under-500ms") rather than raw threshold keys. Runs in: VU and Node.
import { resolveCriteria, type Scales } from './options.ts';
import type { Criterion, Profile } from './profiles.ts';
import type { SummaryData } from './summary-data.ts';

/** One criterion's outcome, as written to summary.json under `c4ang.criteria`. */
export interface CriterionResult extends Criterion {
  /** true passed, false failed, null not evaluated (thresholds disabled or no samples). */
  readonly ok: boolean | null;
  /** The aggregate the expression compared, e.g. the p(95) in ms; null when unknown. */
  readonly observed: number | null;
}

/** The value a threshold expression looks at, read from a summary metric's values. */
function observedValue(values: Record<string, number> | undefined, expression: string): number | null {
  if (!values) return null;
  const aggregation = expression.match(/^\s*([a-z]+(?:\([\d.]+\))?)/)?.[1];
  if (!aggregation) return null;
  const value = values[aggregation] ?? (aggregation === 'rate' ? values.value : undefined);
  return typeof value === 'number' ? value : null;
}

export function evaluateCriteria(profile: Profile, scales: Scales, data: SummaryData): CriterionResult[] {
  return resolveCriteria(profile, scales).map((criterion) => {
    const metric = data.metrics[criterion.metric];
    const verdict = metric?.thresholds?.[criterion.expression];
    return {
      ...criterion,
      ok: verdict ? verdict.ok : null,
      observed: observedValue(metric?.values, criterion.expression),
    };
  });
}
