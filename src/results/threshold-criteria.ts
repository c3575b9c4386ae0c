// The profile's threshold criteria judged from the k6 end-of-test summary (the handleSummary shape
// both engines write), named by criterion id, with "no data" kept apart from a pass. Runs in: Node.
import { compareThreshold, parseThresholdExpression } from '../runner/thresholds/threshold-expression.ts';
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
      if (!sliceHasData(summary.metrics ?? {}, criterion.metric)) {
        return {
          ...base,
          observed: null,
          pass: null,
          status: 'inconclusive' as const,
          inconclusive: 'no data' as const,
        };
      }
      // Thresholds not evaluated by the engine (k6 --no-thresholds on long runs): judged here from
      // the same summary value with k6's comparison.
      const ok = verdict?.ok ?? judgeExpression(criterion.expression, observed);
      if (ok === undefined) {
        return { ...base, pass: null, status: 'inconclusive' as const, inconclusive: 'no data' as const };
      }
      return { ...base, pass: ok, status: ok ? ('pass' as const) : ('fail' as const) };
    });
}

function judgeExpression(expression: string, observed: number | null): boolean | undefined {
  const parsed = parseThresholdExpression(expression);
  if (!parsed.ok || observed === null) return undefined;
  return compareThreshold(observed, parsed.value.operator, parsed.value.value);
}
