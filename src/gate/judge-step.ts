// Judges one step on its own: the run's verdict criteria become gate checks as they are (nothing is
// decided again: a not-measured or reported criterion stays so and never fails the gate), and the
// step's limits are checked against the run's overall stats. Pure. Runs in: Node.
import type { CriterionResult } from '../results/types.ts';
import type { GateCheck, StepLimits, StepStats } from './types.ts';

export function checksFromCriteria(criteria: readonly CriterionResult[]): GateCheck[] {
  return criteria.map((c) => ({
    kind: 'criterion',
    id: c.id,
    description: c.description,
    limit: c.limit,
    limitValue: null,
    baseline: null,
    observed: c.observed,
    unit: c.unit,
    change: null,
    status: c.status,
    ...(c.notMeasured ? { note: c.notMeasured } : {}),
  }));
}

const LIMITS: Record<
  keyof StepLimits,
  { id: string; unit: GateCheck['unit']; observed: (s: StepStats) => number | null; atLeast?: true }
> = {
  p95Ms: { id: 'limit-p95', unit: 'ms', observed: (s) => s.p95Ms },
  p99Ms: { id: 'limit-p99', unit: 'ms', observed: (s) => s.p99Ms },
  errorRate: { id: 'limit-error-rate', unit: 'ratio', observed: (s) => s.errorRate },
  minRps: { id: 'limit-throughput', unit: 'rps', observed: (s) => s.rps, atLeast: true },
};

/** One check per configured limit; without stats (the run wrote no verdict) each is inconclusive. */
export function judgeLimits(limits: StepLimits, overall: StepStats | null): GateCheck[] {
  const checks: GateCheck[] = [];
  for (const [field, spec] of Object.entries(LIMITS)) {
    const limitValue = limits[field as keyof StepLimits];
    if (limitValue === undefined) continue;
    const observed = overall ? spec.observed(overall) : null;
    const shown =
      spec.unit === 'ratio'
        ? `${limitValue * 100} %`
        : `${limitValue} ${spec.unit === 'ms' ? 'ms' : 'req/s'}`;
    const name = field === 'minRps' ? 'throughput' : field === 'errorRate' ? 'error rate' : field.slice(0, 3);
    checks.push({
      kind: 'limit',
      id: spec.id,
      description: `${name} ${spec.atLeast ? 'at least' : 'at most'} ${shown} (gate limit)`,
      limit: `${spec.atLeast ? '≥' : '≤'} ${shown}`,
      limitValue,
      baseline: null,
      observed,
      unit: spec.unit,
      change: null,
      status:
        observed === null
          ? 'inconclusive'
          : (spec.atLeast ? observed >= limitValue : observed <= limitValue)
            ? 'pass'
            : 'fail',
    });
  }
  return checks;
}
