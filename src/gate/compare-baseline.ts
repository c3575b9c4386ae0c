// Compares a gate run with its stored baseline: refuses runs that are not comparable (profile,
// scales, engine, target kind, chaos differ) and turns each overall figure into a check against
// baseline + tolerance. Pure functions. Runs in: Node.
import { formatPlain } from '../results/format-values.ts';
import { formatTolerance } from './tolerance-text.ts';
import {
  type BaselineStep,
  type GateCheck,
  MIN_REQUESTS_TO_COMPARE,
  type StepIdentity,
  type StepStats,
  type Tolerances,
} from './types.ts';

const IDENTITY_FIELDS = ['profile', 'scale', 'vuScale', 'engine', 'targetKind', 'chaos', 'canary'] as const;

/**
 * Every way paired steps differ from their baseline, one line each
 * (`steps[1] (normal): scale differs (baseline 0.05, now 0.03) …`); empty when comparable.
 * `engine: null` on either side (not known yet) is not compared.
 */
export function findBaselineMismatches(
  now: readonly StepIdentity[],
  baseline: readonly StepIdentity[],
): string[] {
  const problems: string[] = [];
  now.forEach((step, index) => {
    const base = baseline[index];
    if (!base) return;
    for (const field of IDENTITY_FIELDS) {
      const a = base[field];
      const b = step[field];
      if (field === 'engine' && (a === null || b === null)) continue;
      if (JSON.stringify(a) === JSON.stringify(b)) continue;
      problems.push(
        `steps[${index}] (${step.profile}): ${field} differs (baseline ${JSON.stringify(a)}, now ${JSON.stringify(b)}) — runs of different ${PLURAL[field] ?? `${field}s`} are not comparable`,
      );
    }
  });
  return problems;
}

/** One check per overall figure: p95 and p99 may rise, the error rate may rise, throughput may fall. */
/** Plural forms for the mismatch message where adding an s reads wrong. */
const PLURAL: Partial<Record<string, string>> = {
  vuScale: 'VU scales',
  chaos: 'chaos experiments',
  canary: 'canary settings',
};

export function compareWithBaseline(
  now: StepStats,
  base: BaselineStep['overall'],
  tolerances: Tolerances,
): GateCheck[] {
  const fewest = Math.min(now.requests ?? Infinity, base.requests ?? Infinity);
  if (fewest < MIN_REQUESTS_TO_COMPARE) return [tooFewRequests(fewest)];
  return [
    latencyCheck('p95', now.p95Ms, base.p95Ms, tolerances.p95Rise, tolerances.latencyNoiseMs),
    latencyCheck('p99', now.p99Ms, base.p99Ms, tolerances.p99Rise, tolerances.latencyNoiseMs),
    errorRateCheck(now.errorRate, base.errorRate, tolerances.errorRateRisePoints),
    throughputCheck(now.rps, base.rps, tolerances.rpsFall),
  ];
}

function latencyCheck(
  name: 'p95' | 'p99',
  observed: number | null,
  baseline: number | null,
  rise: number,
  noiseMs: number,
): GateCheck {
  const limitValue = baseline === null ? null : Math.max(baseline * (1 + rise), baseline + noiseMs);
  const noise = noiseMs > 0 ? `, at least +${formatTolerance(noiseMs, 'ms')}` : '';
  return {
    kind: 'baseline',
    id: `baseline-${name}`,
    description: `${name} within ${formatTolerance(rise, 'rise-percent')}${noise} of the baseline`,
    limit: limitValue === null ? '—' : `≤ ${formatPlain(limitValue)} ms`,
    limitValue,
    baseline,
    observed,
    unit: 'ms',
    change: baseline === null || observed === null || baseline === 0 ? null : observed / baseline - 1,
    status: judge(observed, limitValue, (o, l) => o <= l + 1e-9),
  };
}

function errorRateCheck(observed: number | null, baseline: number | null, risePoints: number): GateCheck {
  const limitValue = baseline === null ? null : Math.min(1, baseline + risePoints / 100);
  return {
    kind: 'baseline',
    id: 'baseline-error-rate',
    description: `error rate within ${formatTolerance(risePoints, 'rise-points')} of the baseline`,
    limit: limitValue === null ? '—' : `≤ ${formatPlain(limitValue * 100)} %`,
    limitValue,
    baseline,
    observed,
    unit: 'ratio',
    // Points, not a share: 0 → 0.4 % is "+0.4 pt", not "+∞ %".
    change: baseline === null || observed === null ? null : (observed - baseline) * 100,
    status: judge(observed, limitValue, (o, l) => o <= l + 1e-12),
  };
}

function throughputCheck(observed: number, baseline: number, fall: number): GateCheck {
  const limitValue = baseline * (1 - fall);
  return {
    kind: 'baseline',
    id: 'baseline-throughput',
    description: `throughput within ${formatTolerance(fall, 'fall-percent')} of the baseline`,
    limit: `≥ ${formatPlain(limitValue)} req/s`,
    limitValue,
    baseline,
    observed,
    unit: 'rps',
    change: baseline === 0 ? null : observed / baseline - 1,
    status: judge(observed, limitValue, (o, l) => o >= l - 1e-9),
  };
}

/** A smoke-sized run: its p95 is its slowest request or two, so comparing it would only be noise. */
function tooFewRequests(requests: number): GateCheck {
  return {
    kind: 'baseline',
    id: 'baseline-not-compared',
    description: `too few requests to compare with the baseline (${requests} < ${MIN_REQUESTS_TO_COMPARE})`,
    limit: `≥ ${MIN_REQUESTS_TO_COMPARE} requests`,
    limitValue: MIN_REQUESTS_TO_COMPARE,
    baseline: null,
    observed: requests,
    unit: 'count',
    change: null,
    status: 'inconclusive',
  };
}

function judge(
  observed: number | null,
  limit: number | null,
  ok: (observed: number, limit: number) => boolean,
): GateCheck['status'] {
  if (observed === null || limit === null) return 'inconclusive';
  return ok(observed, limit) ? 'pass' : 'fail';
}
