// Turns a profile (full-scale data) into k6 `options` at a given LOAD_SCALE / VU_SCALE, keeping
// the profile's shape: every duration × loadScale, every VU count and rate × vuScale.
// Runs in: VU (scenario init) and Node (tests, reports).
import type { Options, Scenario } from 'k6/options';
import { parseDurationMs, scaleCount, scaleDuration } from './duration.ts';
import type { Criterion, Phase, Profile } from './profiles.ts';
import { SERVICES } from './services.ts';

/** Scales applied to a profile; see VuEnv for ranges. */
export interface Scales {
  readonly loadScale: number;
  readonly vuScale: number;
}

/** Graceful stop / ramp-down never shrink below this, so in-flight requests can finish. */
const GRACE_FLOOR_MS = 2000;
// maxDuration of an iteration-based executor is a safety cap, not the profile's length: scaling it
// would cut smoke's pass over every route short, so it is left as is.
const DURATION_FIELDS = ['duration', 'startTime'] as const;
const GRACE_FIELDS = ['gracefulStop', 'gracefulRampDown'] as const;
const COUNT_FIELDS = ['vus', 'startVUs', 'rate', 'startRate', 'preAllocatedVUs', 'maxVUs'] as const;

const SUMMARY_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'];

/** A copy of `scenario` with durations and counts scaled; iteration counts are kept (smoke). */
export function scaleScenario(scenario: Scenario, { loadScale, vuScale }: Scales): Scenario {
  const scaled: Record<string, unknown> = { ...scenario };
  for (const field of DURATION_FIELDS) {
    const value = scaled[field];
    if (typeof value === 'string') scaled[field] = scaleDuration(value, loadScale);
  }
  for (const field of GRACE_FIELDS) {
    scaled[field] = scaleDuration(String(scaled[field] ?? '30s'), loadScale, GRACE_FLOOR_MS);
  }
  for (const field of COUNT_FIELDS) {
    const value = scaled[field];
    if (typeof value === 'number') scaled[field] = scaleCount(value, vuScale);
  }
  const stages = scaled.stages as { duration: string; target: number }[] | undefined;
  if (stages) {
    scaled.stages = stages.map((stage) => ({
      duration: scaleDuration(stage.duration, loadScale),
      target: scaleCount(stage.target, vuScale),
    }));
  }
  if (typeof scaled.preAllocatedVUs === 'number' && typeof scaled.maxVUs === 'number') {
    scaled.maxVUs = Math.max(scaled.maxVUs, scaled.preAllocatedVUs);
  }
  // gracefulRampDown only exists on ramping-vus; k6 rejects it elsewhere.
  if (scenario.executor !== 'ramping-vus') delete scaled.gracefulRampDown;
  return scaled as unknown as Scenario;
}

type ThresholdEntry = string | { threshold: string; abortOnFail?: boolean; delayAbortEval?: string };

/** k6 thresholds for the criteria, plus empty entries that surface per-service/op/phase sub-metrics. */
function buildThresholds(profile: Profile, scales: Scales): Record<string, ThresholdEntry[]> {
  const thresholds: Record<string, ThresholdEntry[]> = {};
  for (const key of surfacedSubmetrics(profile)) thresholds[key] = [];
  for (const criterion of resolveCriteria(profile, scales)) {
    thresholds[criterion.metric] = [...(thresholds[criterion.metric] ?? []), toThresholdEntry(criterion)];
  }
  return thresholds;
}

/** The profile's criteria at `scales`: rates follow VU_SCALE, abort delays follow LOAD_SCALE. */
export function resolveCriteria(profile: Profile, { loadScale, vuScale }: Scales): Criterion[] {
  return profile.criteria.map((criterion) => ({
    ...criterion,
    expression: criterion.rateTarget
      ? `rate>=${Number((criterion.rateTarget.share * scaleCount(criterion.rateTarget.perSecond, vuScale)).toFixed(3))}`
      : criterion.expression,
    ...(criterion.abortOnFail
      ? { delayAbortEval: scaleDuration(criterion.delayAbortEval ?? '0s', loadScale, GRACE_FLOOR_MS) }
      : {}),
  }));
}

function toThresholdEntry(criterion: Criterion): ThresholdEntry {
  if (!criterion.abortOnFail) return criterion.expression;
  return { threshold: criterion.expression, abortOnFail: true, delayAbortEval: criterion.delayAbortEval };
}

/**
 * Sub-metrics that the results break down by: per service, per operation and per phase. k6 only
 * reports a sub-metric that a threshold names, hence the empty threshold lists.
 */
function surfacedSubmetrics(profile: Profile): string[] {
  const keys: string[] = [];
  for (const service of SERVICES) {
    keys.push(`http_req_duration{service:${service.name}}`, `http_req_failed{service:${service.name}}`);
  }
  for (const phase of profile.phases) {
    keys.push(`http_req_duration{phase:${phase.name}}`, `http_req_failed{phase:${phase.name}}`);
  }
  return keys;
}

/** Full k6 options for `profile` at `scales`: one scenario named after the profile. */
export function buildOptions(profile: Profile, scales: Scales): Options {
  return {
    scenarios: { [profile.name]: scaleScenario(profile.scenario, scales) },
    thresholds: buildThresholds(profile, scales) as Options['thresholds'],
    summaryTrendStats: SUMMARY_TREND_STATS,
    setupTimeout: '60s',
    teardownTimeout: '60s',
  };
}

/** A phase with its window in milliseconds from the scenario start, at `loadScale`. */
interface PhaseWindow {
  readonly name: string;
  readonly fromMs: number;
  readonly toMs: number;
}

export function phaseWindows(phases: readonly Phase[], loadScale: number): PhaseWindow[] {
  return phases.map((phase) => ({
    name: phase.name,
    fromMs: parseDurationMs(phase.from) * loadScale,
    toMs: parseDurationMs(phase.to) * loadScale,
  }));
}

/** The name of the phase that `elapsedMs` falls in; the last phase past the end, '' without phases. */
export function phaseAt(windows: readonly PhaseWindow[], elapsedMs: number): string {
  for (const window of windows) {
    if (elapsedMs < window.toMs) return window.name;
  }
  return windows.length ? windows[windows.length - 1].name : '';
}

/** Nominal length of the scaled profile (stages or duration), for progress and docs. */
export function nominalDurationMs(profile: Profile, scales: Scales): number {
  const scenario = scaleScenario(profile.scenario, scales) as unknown as Record<string, unknown>;
  const stages = scenario.stages as { duration: string }[] | undefined;
  if (stages) return stages.reduce((sum, stage) => sum + parseDurationMs(stage.duration), 0);
  const text = (scenario.duration ?? scenario.maxDuration) as string | undefined;
  return text ? parseDurationMs(text) : 0;
}
