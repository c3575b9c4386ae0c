// Stress: the first step whose p95 reached 500 ms or whose errors reached 1 % (the breaking
// point), with its VUs and throughput, and per-service error rates there — plus the criterion
// that errors of the service breaking first do not spread to the others. Runs in: Node.
import { breakdown, sliceStats, worstRow } from '../slice-stats.ts';
import type { BreakingPointAnalysis, CriterionResult, SeriesPoint } from '../types.ts';
import { formatPercent } from '../format-values.ts';
import { inconclusive, judged } from './criterion.ts';
import { breaksLimits, ERROR_RATE_LIMIT } from './limits.ts';

/** A step of the profile in Unix ms (phase window shifted by the run start). */
export interface StepWindow {
  name: string;
  fromMs: number;
  toMs: number;
}

/** Steps without requests (the run ended before them) are left out. */
export function analyzeBreakingPoint(
  points: readonly SeriesPoint[],
  steps: readonly StepWindow[],
): BreakingPointAnalysis {
  const measured = steps
    .map((step) => {
      const stats = sliceStats(points, step.fromMs, step.toMs);
      const vus = Math.max(
        0,
        ...points.filter((p) => p.t * 1000 >= step.fromMs && p.t * 1000 < step.toMs).map((p) => p.vus ?? 0),
      );
      return {
        ...step,
        vus,
        rps: stats.rps,
        p95Ms: stats.p95Ms,
        errorRate: stats.errorRate,
        requests: stats.requests,
      };
    })
    .filter((step) => step.requests > 0);
  const broken = measured.find((step) => breaksLimits(step.p95Ms, step.errorRate));
  const judgedStep = broken ?? measured[measured.length - 1];
  const serviceErrorRates: Record<string, number | null> = {};
  if (judgedStep) {
    for (const row of breakdown(points, 'byService', judgedStep.fromMs, judgedStep.toMs))
      serviceErrorRates[row.name] = row.errorRate;
  }
  const strip = ({ name, vus, rps, p95Ms, errorRate }: (typeof measured)[number]) => ({
    name,
    vus,
    rps,
    p95Ms,
    errorRate,
  });
  return {
    step: broken ? { ...strip(broken), fromMs: broken.fromMs, toMs: broken.toMs } : null,
    serviceErrorRates,
    steps: measured.map(strip),
  };
}

/**
 * At the breaking step (or the last step when none broke), every service but the one breaking
 * first — the worst one there: highest error rate, then p95 — stays below 1 % errors.
 */
export function errorsDoNotSpread(
  points: readonly SeriesPoint[],
  analysis: BreakingPointAnalysis,
  steps: readonly StepWindow[],
): CriterionResult {
  const stepName = analysis.step?.name ?? analysis.steps[analysis.steps.length - 1]?.name;
  const step = steps.find((s) => s.name === stepName);
  const rows = step ? breakdown(points, 'byService', step.fromMs, step.toMs) : [];
  const first = worstRow(rows);
  const facts = {
    id: 'errors-do-not-spread',
    description: 'errors of the service breaking first do not spread to the others',
    limit: `< ${formatPercent(ERROR_RATE_LIMIT)} for every other service`,
    observed: null as number | null,
    unit: 'ratio' as const,
  };
  if (!step || !first) return inconclusive(facts, 'no data');
  const others = rows.filter((row) => row !== first && row.requests > 0);
  const spread = others.filter((row) => (row.errorRate ?? 0) >= ERROR_RATE_LIMIT).map((row) => row.name);
  const observed = Math.max(0, ...others.map((row) => row.errorRate ?? 0));
  const where = analysis.step
    ? `at breaking step ${step.name}`
    : `at the last step ${step.name} (no breaking point)`;
  const description = spread.length
    ? `${first.name} broke first ${where}; errors spread to ${spread.join(', ')}`
    : `services other than ${first.name} stay below ${formatPercent(ERROR_RATE_LIMIT)} errors ${where}`;
  return judged({ ...facts, description, observed }, spread.length === 0);
}
