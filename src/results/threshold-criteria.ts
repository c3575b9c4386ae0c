// The profile's threshold criteria judged from the k6 end-of-test summary (the handleSummary shape
// both engines write), named by criterion id, with "no data" kept apart from a pass. Runs in: Node.
import { sliceHasData } from '../vu/criteria.ts';
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
      if (!sliceHasData(summary.metrics ?? {}, criterion.metric) || verdict === undefined) {
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
