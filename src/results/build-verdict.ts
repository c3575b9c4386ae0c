// Turns what a run left (run record, k6 summary, time series, chaos record, Prometheus' resources)
// into its versioned verdict: every criterion from thresholds, analyses, a canary's v2-vs-v1
// comparison, resources and alert rules, one pass/fail over the conclusive ones, a one-line reason and
// the exit code. Both engines' results feed it; `npm run report` reuses it. Runs in: Node.
import type { ChaosRecord } from '../chaos/record.ts';
import type { RunRecord } from '../orchestrate/run-record.ts';
import { PROFILES, type ProfileName } from '../vu/profiles.ts';
import { alertCriteria } from './alerts/alert-criteria.ts';
import { analyzeRun } from './analysis/analyze-run.ts';
import { analysisContext } from './analysis/context.ts';
import { analyzeCanary, type CanaryReference } from './canary/canary-criteria.ts';
import { formatPlain } from './format-values.ts';
import { nameWorstService } from './name-worst-service.ts';
import { noAnswerCriterion } from './no-answer-criterion.ts';
import { resourceCriteria } from './resources/resource-criteria.ts';
import type { ResourcesFile } from './resources/resources-file.ts';
import { mtlsCriteria, nameFailedProbes } from './security/security-criteria.ts';
import type { SecurityFile } from './security/security-file.ts';
import { type SummaryLike, thresholdCriteria } from './threshold-criteria.ts';
import { VERDICT_SCHEMA, type CriterionResult, type RunSeries, type Verdict } from './types.ts';
import { exitCodeForRun } from './verdict-exit-code.ts';

export interface ChaosFile {
  experiments: ChaosRecord[];
  failures: string[];
}

export interface VerdictInputs {
  record: RunRecord;
  summary: SummaryLike | undefined;
  series: RunSeries;
  chaos: ChaosFile | undefined;
  /** resources.json of the run; undefined when the folder has none (resource criteria not measured). */
  resources?: ResourcesFile | undefined;
  /** Inconclusive criteria fail the run too. */
  strict: boolean;
  /** The exit code of the harness error that ended the run, when one did. */
  errorExitCode?: number;
  engineExitCode?: number | null;
  /** security.json of a security run (mTLS); undefined: none. */
  security?: SecurityFile | undefined;
  /** A canary step without v1 of its own (100 %): the earlier steps' v1 (read by write-run-results). */
  canaryReference?: CanaryReference;
}

function chaosPlanCriterion(chaos: ChaosFile): CriterionResult {
  const failed = chaos.failures.length > 0;
  return {
    id: 'chaos-as-planned',
    description: failed
      ? `chaos did not go as planned: ${chaos.failures.join('; ')}`
      : 'every experiment was injected and its targets were ready again',
    limit: '0 failures',
    observed: chaos.failures.length,
    unit: 'count',
    pass: !failed,
    status: failed ? 'fail' : 'pass',
    source: 'analysis',
  };
}

/**
 * `id: observed 612 ms, limit p(95)<500`: what a headline or a CI log line says. The observed value is
 * raw (a ratio stays 0.002, not "0.2 %") so it compares with the limit as k6 wrote it.
 */
function describeFailure(criterion: CriterionResult): string {
  const observed =
    criterion.observed === null
      ? 'no data'
      : `${formatPlain(criterion.observed)}${criterion.unit === 'ms' ? ' ms' : ''}`;
  return `${criterion.id}: observed ${observed}, limit ${criterion.limit}`;
}

export function buildVerdict(inputs: VerdictInputs): Verdict {
  const { record, summary, series, chaos, strict } = inputs;
  const profileName = record.profile as ProfileName;
  const profile = PROFILES[profileName];
  const scales = { loadScale: record.loadScale, vuScale: record.vuScale };
  const runStartMs = series.startT * 1000;
  const analysed = analyzeRun({
    profile: profileName,
    series,
    ...scales,
    runStartMs,
    ...(chaos ? { chaos: chaos.experiments } : {}),
  });
  const ctx = analysisContext(series, runStartMs, record.loadScale);
  // Compared after the warm-up, as every reference band is: a 100 % step's v1 comes from other runs.
  const canary =
    record.canary &&
    analyzeCanary(series.points, record.canary, {
      reference: inputs.canaryReference,
      fromMs: ctx.warmUpEndMs,
    });
  if (canary) analysed.results.canary = canary.analysis;
  const resources = resourceCriteria(profileName, inputs.resources, record.loadScale);
  if (resources.analysis) analysed.results.resources = resources.analysis;
  const alerts = alertCriteria({
    profile: profileName,
    points: series.points,
    runStartMs,
    seriesEndMs: ctx.seriesEndMs,
    lag: ctx.lag,
    resources: inputs.resources,
  });
  const noAnswer = summary && record.status === 'finished' ? noAnswerCriterion(summary) : undefined;
  const criteria: CriterionResult[] = [
    ...(noAnswer ? [noAnswer] : []),
    ...(summary
      ? nameFailedProbes(
          nameWorstService(thresholdCriteria(profile, scales, summary), analysed.results.services),
          summary,
        )
      : []),
    ...analysed.criteria,
    ...(canary ? canary.criteria : []),
    ...(chaos && (chaos.experiments.length > 0 || chaos.failures.length > 0)
      ? [chaosPlanCriterion(chaos)]
      : []),
    ...mtlsCriteria(profileName, inputs.security),
    ...resources.criteria,
    ...alerts,
  ];
  // Only these two decide: not-measured and reported criteria never fail a run, even with --strict.
  const failed = criteria.filter((c) => c.status === 'fail');
  const inconclusive = criteria.filter((c) => c.status === 'inconclusive');
  const finished = record.status === 'finished';
  const pass =
    finished && summary !== undefined && failed.length === 0 && (!strict || inconclusive.length === 0);
  const exitCode = exitCodeForRun({
    pass,
    status: record.status,
    ...(inputs.errorExitCode !== undefined ? { errorExitCode: inputs.errorExitCode } : {}),
    engineExitCode: inputs.engineExitCode ?? null,
  });
  return {
    schema: VERDICT_SCHEMA,
    runId: record.runId,
    profile: profileName,
    pass,
    reason: reasonOf({ record, summary, failed, inconclusive, strict }),
    exitCode,
    strict,
    inconclusive: inconclusive.map((c) => c.id),
    run: {
      engine: record.engine ?? null,
      engineReason: record.engineReason ?? null,
      target: record.target,
      targetKind: record.target === 'embedded' ? 'embedded' : 'remote',
      loadScale: record.loadScale,
      vuScale: record.vuScale,
      chaos: record.chaos,
      startedAt: record.startedAt,
      loadStartedAt: record.loadStartedAt ?? null,
      finishedAt: record.finishedAt ?? null,
      status: record.status,
      engineExitCode: inputs.engineExitCode ?? null,
      ...(record.error ? { error: record.error } : {}),
    },
    criteria,
    analysis: analysed.results,
  };
}

function reasonOf(input: {
  record: RunRecord;
  summary: SummaryLike | undefined;
  failed: CriterionResult[];
  inconclusive: CriterionResult[];
  strict: boolean;
}): string {
  const { record, summary, failed, inconclusive, strict } = input;
  if (record.status === 'interrupted') return 'interrupted before the end: figures cover the run so far';
  if (record.status === 'failed') return `the run failed: ${record.error?.split('\n')[0] ?? 'unknown error'}`;
  if (!summary) return 'the engine left no summary.json';
  if (failed.length > 0) {
    const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
    return `${describeFailure(failed[0])}${more}`;
  }
  if (strict && inconclusive.length > 0)
    return `--strict: ${inconclusive.length} inconclusive criterion(s): ${inconclusive.map((c) => c.id).join(', ')}`;
  const note = inconclusive.length > 0 ? `; ${inconclusive.length} inconclusive` : '';
  return `every conclusive criterion passed${note}`;
}
