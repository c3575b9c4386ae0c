// A canary run's part of the verdict: v1 and v2 summed over the run after its warm-up (for a 100 %
// step, v1 from the earlier steps), every request or one service's, the per-service figures side by
// side, and the two criteria — `canary-v2-error-rate` and `canary-v2-p95` — with the figures that
// decided them in their description. Pure. Runs in: Node.
import { formatCount, formatMs, formatPercent } from '../format-values.ts';
import { inconclusive, judged, type CriterionFacts } from '../analysis/criterion.ts';
import { statsOf } from '../slice-stats.ts';
import type { CanaryAnalysis, CriterionResult, SeriesPoint } from '../types.ts';
import { type CanarySettings, MIN_REQUESTS_FOR_ERROR_RATE, MIN_REQUESTS_FOR_P95 } from './canary-settings.ts';
import { compareErrorRates, compareP95, type Decision } from './compare-versions.ts';
import {
  emptyTotals,
  serviceTotals,
  type Totals,
  type VersionTotals,
  versionTotals,
} from './version-totals.ts';

export const CANARY_ERROR_CRITERION = 'canary-v2-error-rate';
export const CANARY_P95_CRITERION = 'canary-v2-p95';

/** v1 of earlier steps, for a step without v1 traffic of its own. */
export interface CanaryReference {
  totals: VersionTotals;
  runs: string[];
  /** Runs named as reference whose folder or series could not be read. */
  missing: string[];
}

/** " on order-service" when the comparison is focused on one service. */
const scope = (settings: CanarySettings) => (settings.service ? ` on ${settings.service}` : '');

/** Where v1 came from, when not from this run: "; v1 from step-1, step-2 (not found: step-2)". */
function referenceNote(reference: CanaryReference | undefined): string {
  if (!reference) return '';
  const missing = reference.missing.length ? ` (not found: ${reference.missing.join(', ')})` : '';
  return `; v1 from ${reference.runs.join(', ')}${missing}`;
}

const stats = (totals: Totals, seconds: number) =>
  statsOf(totals.requests, totals.failed, totals.latency, seconds);

function criterionOf(facts: CriterionFacts, decision: Decision, noData: boolean): CriterionResult {
  if (decision === 'pass' || decision === 'fail') return judged(facts, decision === 'pass');
  // Neither version sent anything at all: the run never got to load, not a question of sample size.
  if (noData) return inconclusive({ ...facts, observed: null }, 'no data');
  return inconclusive(facts, 'not enough samples to tell');
}

/** Why a comparison was not decided, for its description. */
function shortfall(decision: Decision, v1: Totals, v2: Totals, minimum: number, unsure: string): string {
  if (decision === 'too few') {
    const short = [
      v2.requests < minimum ? `v2 ${v2.requests}` : '',
      v1.requests < minimum ? `v1 ${v1.requests}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    return `; not enough samples to tell: ${short} request(s), at least ${minimum} each needed`;
  }
  return decision === 'undecided' ? `; not enough samples to tell: ${unsure}` : '';
}

function errorRateCriterion(settings: CanarySettings, v1: Totals, v2: Totals, note: string, noData: boolean) {
  const comparison = compareErrorRates(
    { events: v2.failed, trials: v2.requests },
    { events: v1.failed, trials: v1.requests },
    settings.errorTolerancePoints,
  );
  const difference =
    v1.requests > 0 && v2.requests > 0 ? v2.failed / v2.requests - v1.failed / v1.requests : null;
  const rate = (t: Totals) =>
    `${formatPercent(t.requests > 0 ? t.failed / t.requests : null)} of ${formatCount(t.requests)}`;
  const z = comparison.test ? `; z = ${comparison.test.z.toFixed(2)}` : '';
  const description =
    `v2's error rate${scope(settings)} at most ${settings.errorTolerancePoints} points above v1's ` +
    `(v2 ${rate(v2)}, v1 ${rate(v1)}${z}${note})` +
    shortfall(
      comparison.decision,
      v1,
      v2,
      MIN_REQUESTS_FOR_ERROR_RATE,
      `at 95 % confidence the difference is neither above nor below ${settings.errorTolerancePoints} points`,
    );
  const facts: CriterionFacts = {
    id: CANARY_ERROR_CRITERION,
    description,
    // Text, not a bare threshold: observed is a difference, and `≤ 0.5 %` would read as v2's own rate.
    limit: `v2 − v1 ≤ ${settings.errorTolerancePoints} pt`,
    observed: difference,
    unit: 'ratio',
  };
  return {
    criterion: criterionOf(facts, comparison.decision, noData),
    difference,
    z: comparison.test?.z ?? null,
  };
}

function p95Criterion(settings: CanarySettings, v1: Totals, v2: Totals, note: string, noData: boolean) {
  const comparison = compareP95(v2.latency, v1.latency, settings.p95TolerancePercent);
  const limit = 1 + settings.p95TolerancePercent / 100;
  const v1p95 = v1.latency.quantile(0.95);
  const v2p95 = v2.latency.quantile(0.95);
  const ratio = comparison.ratio?.ratio ?? (v1p95 && v2p95 !== null ? v2p95 / v1p95 : null);
  const bounds = comparison.ratio
    ? `; ratio ${comparison.ratio.lower.toFixed(2)}–${comparison.ratio.upper.toFixed(2)} at 95 % confidence`
    : '';
  const description =
    `v2's p95${scope(settings)} at most ${settings.p95TolerancePercent} % above v1's ` +
    `(v2 ${formatMs(v2p95)} of ${formatCount(v2.requests)}, v1 ${formatMs(v1p95)} of ${formatCount(v1.requests)}${bounds}${note})` +
    shortfall(
      comparison.decision,
      v1,
      v2,
      MIN_REQUESTS_FOR_P95,
      `the bounds straddle ${Number(limit.toFixed(4))}`,
    );
  const facts: CriterionFacts = {
    id: CANARY_P95_CRITERION,
    description,
    limit: `v2 ÷ v1 ≤ ${Number(limit.toFixed(4))}`,
    observed: ratio === null ? null : Number(ratio.toFixed(4)),
  };
  return { criterion: criterionOf(facts, comparison.decision, noData), ratio: comparison.ratio };
}

/**
 * The canary analysis and criteria of a run's points from `fromMs` on (after the warm-up); `reference`
 * replaces v1 (a 100 % step). The per-service rows always show every service; the criteria judge the
 * settings' service alone when one is named.
 */
export function analyzeCanary(
  points: readonly SeriesPoint[],
  settings: CanarySettings,
  options: { reference?: CanaryReference | undefined; fromMs?: number } = {},
): { analysis: CanaryAnalysis; criteria: CriterionResult[] } {
  const { reference } = options;
  const allV2 = versionTotals(points, 'v2', options.fromMs);
  const allV1 = reference ? reference.totals : versionTotals(points, 'v1', options.fromMs);
  const focus = (totals: VersionTotals) =>
    settings.service ? serviceTotals(totals, settings.service) : totals;
  const v2 = focus(allV2);
  const v1 = focus(allV1);
  // "No data" only when nothing was sent at all; requests that all fell in the warm-up (a smoke-shaped
  // run is over within it) are too few to tell, like any other small sample.
  const noData =
    v1.requests === 0 &&
    v2.requests === 0 &&
    focus(versionTotals(points, 'v2')).requests === 0 &&
    (reference ? true : focus(versionTotals(points, 'v1')).requests === 0);
  const errors = errorRateCriterion(settings, v1, v2, referenceNote(reference), noData);
  const p95 = p95Criterion(settings, v1, v2, referenceNote(reference), noData);
  const names = [...new Set([...allV1.byService.keys(), ...allV2.byService.keys()])].sort();
  const serviceRow = (name: string) => ({
    name,
    v1: stats(allV1.byService.get(name) ?? emptyTotals(), allV1.seconds),
    v2: stats(allV2.byService.get(name) ?? emptyTotals(), allV2.seconds),
  });
  const concurrentRequests = reference ? 0 : allV1.requests;
  const analysis: CanaryAnalysis = {
    splitPercent: settings.splitPercent,
    header: settings.header,
    v2Share:
      allV2.requests + concurrentRequests > 0 ? allV2.requests / (allV2.requests + concurrentRequests) : null,
    compared: settings.service ?? 'all requests',
    reference: reference
      ? { kind: 'earlier steps', runs: reference.runs, missing: reference.missing }
      : { kind: 'concurrent' },
    v1: stats(v1, v1.seconds),
    v2: stats(v2, v2.seconds),
    services: names.map(serviceRow),
    errorRate: {
      difference: errors.difference,
      tolerancePoints: settings.errorTolerancePoints,
      z: errors.z,
    },
    p95: {
      ratio: p95.criterion.observed,
      lower: p95.ratio?.lower ?? null,
      upper: p95.ratio?.upper ?? null,
      tolerancePercent: settings.p95TolerancePercent,
    },
  };
  return { analysis, criteria: [errors.criterion, p95.criterion] };
}
