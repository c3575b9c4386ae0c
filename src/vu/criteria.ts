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

interface MetricSamples {
  type?: string;
  values?: Record<string, number>;
}

/** Samples behind a metric, or undefined when a counter cannot tell (its `count` is a sum). */
function sampleCount(metric: MetricSamples | undefined): number | undefined {
  const v = metric?.values;
  if (!metric || !v) return 0;
  if (metric.type === 'trend') return v.count ?? 0;
  if (metric.type === 'rate') return (v.passes ?? 0) + (v.fails ?? 0);
  return undefined;
}

/**
 * Whether the slice a criterion looks at saw any traffic, so "no data" is never shown as a pass
 * (k6 evaluates a threshold on an empty metric as 0). A counter's own sum cannot say — 0 is a valid
 * reading — so it is judged by the requests of the same tag selector when that is in the summary.
 */
export function sliceHasData(metrics: Readonly<Record<string, MetricSamples>>, metricKey: string): boolean {
  const own = sampleCount(metrics[metricKey]);
  if (own !== undefined) return own > 0;
  const open = metricKey.indexOf('{');
  if (open < 0) return true;
  const requests = metrics[`http_req_duration${metricKey.slice(open)}`];
  return requests === undefined || (sampleCount(requests) ?? 1) > 0;
}

export function evaluateCriteria(profile: Profile, scales: Scales, data: SummaryData): CriterionResult[] {
  return resolveCriteria(profile, scales).map((criterion) => {
    const metric = data.metrics[criterion.metric];
    const verdict = metric?.thresholds?.[criterion.expression];
    const hasData = sliceHasData(data.metrics, criterion.metric);
    return {
      ...criterion,
      ok: verdict !== undefined && hasData ? verdict.ok : null,
      observed: hasData ? observedValue(metric?.values, criterion.expression) : null,
    };
  });
}
