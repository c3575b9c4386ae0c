// The profile's threshold criteria judged from the k6 end-of-test summary (the handleSummary shape
// both engines write), named by criterion id, with "no data" kept apart from a pass. Runs in: Node.
import { resolveCriteria, type Scales } from '../vu/options.ts';
import type { Profile } from '../vu/profiles.ts';
import type { CriterionResult } from './types.ts';

interface SummaryMetric {
  type?: string;
  values?: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}
export interface SummaryLike {
  metrics?: Record<string, SummaryMetric>;
}

/** The aggregation an expression compares: `p(95)` in `p(95)<500`, `rate` in `rate<0.01`. */
function aggregationOf(expression: string): string | undefined {
  return expression.match(/^\s*([a-z]+(?:\([\d.]+\))?)/)?.[1];
}

function unitOf(metric: string, aggregation: string | undefined): CriterionResult['unit'] {
  if (aggregation === 'rate' && metric.startsWith('iterations')) return 'rps';
  if (aggregation === 'rate') return 'ratio';
  if (aggregation === 'count') return 'count';
  return metric.startsWith('http_req_duration') || metric.startsWith('iteration_duration') ? 'ms' : undefined;
}

/** Samples behind a metric, or undefined when a counter cannot tell (its `count` is a sum). */
function sampleCount(metric: SummaryMetric | undefined): number | undefined {
  const v = metric?.values;
  if (!metric || !v) return 0;
  if (metric.type === 'trend') return v.count ?? 0;
  if (metric.type === 'rate') return (v.passes ?? 0) + (v.fails ?? 0);
  return undefined;
}

/** `gateway_overflows{phase:post}` → `{phase:post}`; '' without a selector. */
function selectorOf(metricKey: string): string {
  const open = metricKey.indexOf('{');
  return open < 0 ? '' : metricKey.slice(open);
}

/**
 * Whether the slice a criterion looks at saw any traffic: a counter's own sum cannot say (0 is a
 * valid reading), so it is judged by the requests of the same tag selector when that is surfaced.
 */
function hasData(summary: SummaryLike, metricKey: string): boolean {
  const own = sampleCount(summary.metrics?.[metricKey]);
  if (own !== undefined) return own > 0;
  const selector = selectorOf(metricKey);
  if (!selector) return true;
  const requests = sampleCount(summary.metrics?.[`http_req_duration${selector}`]);
  return requests === undefined || requests > 0;
}

export function thresholdCriteria(profile: Profile, scales: Scales, summary: SummaryLike): CriterionResult[] {
  return resolveCriteria(profile, scales)
    .filter((criterion) => !(profile.name === 'breakpoint' && criterion.abortOnFail))
    .map((criterion) => {
      const metric = summary.metrics?.[criterion.metric];
      const aggregation = aggregationOf(criterion.expression);
      const observedRaw = aggregation ? metric?.values?.[aggregation] : undefined;
      const observed = typeof observedRaw === 'number' ? observedRaw : null;
      const verdict = metric?.thresholds?.[criterion.expression];
      const base = {
        id: criterion.id,
        description: criterion.description,
        limit: `${criterion.metric} ${criterion.expression}`,
        observed,
        unit: unitOf(criterion.metric, aggregation),
        source: 'threshold' as const,
      };
      if (!hasData(summary, criterion.metric) || verdict === undefined) {
        return {
          ...base,
          observed: null,
          pass: null,
          status: 'inconclusive' as const,
          inconclusive: 'no data' as const,
        };
      }
      return { ...base, pass: verdict.ok, status: verdict.ok ? ('pass' as const) : ('fail' as const) };
    });
}
