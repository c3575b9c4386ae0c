// `npm run load:canary` flags → the load runs of a canary: one run at `--split`, or one per step of
// `--steps` (the plan's progression, e.g. 10,50,100), each a whole load run of the chosen profile's
// shape lasting `--step-for`. Every run's configuration is resolved like a load run's before anything
// starts, and every problem — canary flags and load flags alike — is reported at once (exit 104).
// Runs in: Node.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type LoadFlags, newRunId, resolveRunConfig, type RunConfig } from '../config.ts';
import { ConfigError } from '../errors.ts';
import {
  type CanarySettings,
  DEFAULT_ERROR_TOLERANCE_POINTS,
  DEFAULT_P95_TOLERANCE_PERCENT,
  DEFAULT_SPLIT_PERCENT,
} from '../results/canary/canary-settings.ts';
import { DEFAULT_CANARY_HEADER, parseCanaryHeader, parseSplitPercent } from '../vu/canary.ts';
import { formatDurationMs, tryParseDurationMs } from '../vu/duration.ts';
import { nominalDurationMs } from '../vu/options.ts';
import { PROFILE_NAMES, PROFILES, type ProfileName } from '../vu/profiles.ts';
import { SERVICES } from '../vu/services.ts';

/** The load flags plus the canary's own. */
export interface CanaryFlags extends LoadFlags {
  profile?: string;
  split?: string;
  header?: string;
  steps?: string;
  stepFor?: string;
  errorTolerance?: string;
  p95Tolerance?: string;
  service?: string;
}

/** The plan's watch time per step (seed plan §2.1: 5 minutes), on a real target. */
export const PLAN_STEP_MS = 5 * 60_000;
/**
 * A step on the embedded stand-in, by default (its quick scale): two minutes, so a single run stays
 * well within three and still has about 1,500 v2 requests at the plan's 10 % to tell a 3× slower v2.
 */
export const STANDIN_STEP_MS = 120_000;
export const DEFAULT_CANARY_PROFILE: ProfileName = 'normal';

export interface CanaryPlan {
  /** The single run's id, or the progression's (its summary folder `<results>/<id>`). */
  id: string;
  profile: ProfileName;
  /** True with --steps: stop at the first failing step and write the progression's summary. */
  progression: boolean;
  /** One per step (one for --split), in order. */
  runs: RunConfig[];
  /** Where the progression's canary.json and canary.md go; undefined for a single run. */
  reportDir: string | undefined;
  /** Each run's length, ms (nominal, at its scale). */
  stepMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/** `10,50,100` → ascending splits; problems pushed naming --steps. */
function parseSteps(text: string, problems: string[]): number[] {
  const splits: number[] = [];
  for (const part of text.split(',')) {
    const split = parseSplitPercent(part);
    if (typeof split === 'string') {
      problems.push(`--steps: each step ${split}`);
      return [];
    }
    splits.push(split);
  }
  if (splits.some((split, i) => i > 0 && split <= splits[i - 1]!))
    problems.push(`--steps: shares must rise from step to step, e.g. 10,50,100 (got "${text}")`);
  return splits;
}

/** A non-negative number with an optional unit suffix (`0.5`, `0.5pt`, `10%`); problems named by flag. */
function tolerance(text: string | undefined, flag: string, suffix: RegExp, max: number, problems: string[]) {
  if (text === undefined) return undefined;
  const value = Number(text.trim().replace(suffix, ''));
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > max) {
    problems.push(`${flag}: must be a number with 0 ≤ value ≤ ${max} (got "${text}")`);
    return undefined;
  }
  return value;
}

/**
 * The LOAD_SCALE that makes one run of `profile` last `--step-for` (or the default step); undefined
 * leaves the scale to --scale / LOAD_SCALE / the profile's default, as for any load run.
 */
function stepScale(
  flags: CanaryFlags,
  env: Env,
  profile: ProfileName,
  problems: string[],
): number | undefined {
  const fullMs = nominalDurationMs(PROFILES[profile], { loadScale: 1, vuScale: 1 });
  if (flags.stepFor !== undefined) {
    const ms = tryParseDurationMs(flags.stepFor);
    if (flags.scale !== undefined) problems.push('--step-for: give --step-for or --scale, not both');
    if (ms === undefined || !(ms > 0))
      problems.push(`--step-for: must be a duration such as 5m or 90s (got "${flags.stepFor}")`);
    else if (ms > fullMs)
      problems.push(
        `--step-for: at most the ${profile} profile's own length, ${formatDurationMs(fullMs)} (got "${flags.stepFor}")`,
      );
    else return ms / fullMs;
    return undefined;
  }
  if (flags.scale !== undefined || env.LOAD_SCALE !== undefined) return undefined;
  const target = flags.target ?? env.BASE_URL;
  return Math.min(1, (target ? PLAN_STEP_MS : STANDIN_STEP_MS) / fullMs);
}

export function planCanary(flags: CanaryFlags, env: Env, cwd = process.cwd()): CanaryPlan {
  const problems: string[] = [];
  const profileText = flags.profile ?? DEFAULT_CANARY_PROFILE;
  if (!(PROFILE_NAMES as readonly string[]).includes(profileText))
    throw new ConfigError('invalid canary run:', [
      `--profile: must be one of ${PROFILE_NAMES.join(', ')} (got "${profileText}")`,
    ]);
  const profile = profileText as ProfileName;
  if (flags.split !== undefined && flags.steps !== undefined)
    problems.push('--steps: give --split (one run) or --steps (a progression), not both');
  let splits = [DEFAULT_SPLIT_PERCENT];
  if (flags.steps !== undefined) splits = parseSteps(flags.steps, problems);
  else if (flags.split !== undefined) {
    const split = parseSplitPercent(flags.split);
    if (typeof split === 'string') problems.push(`--split: ${split}`);
    else splits = [split];
  }
  const header = parseCanaryHeader(flags.header ?? DEFAULT_CANARY_HEADER);
  if (typeof header === 'string') problems.push(`--header: ${header}`);
  const errorTolerance = tolerance(flags.errorTolerance, '--error-tolerance', /\s*pts?$/, 100, problems);
  const p95Tolerance = tolerance(flags.p95Tolerance, '--p95-tolerance', /\s*%$/, 1000, problems);
  // `order-api` (the plan's name for the Deployment) names order-service, as everywhere.
  const service =
    flags.service === undefined || flags.service === 'all'
      ? undefined
      : SERVICES.find((s) => s.name === flags.service || s.app === flags.service)?.name;
  if (flags.service !== undefined && flags.service !== 'all' && !service)
    problems.push(
      `--service: must be all or one of ${SERVICES.map((s) => s.name).join(', ')} (got "${flags.service}")`,
    );
  const scale = stepScale(flags, env, profile, problems);
  const progression = flags.steps !== undefined;
  const id = flags.runId ?? env.RUN_ID ?? newRunId(`canary-${profile}`);
  const settings: CanarySettings = {
    splitPercent: splits[0] ?? DEFAULT_SPLIT_PERCENT,
    header: typeof header === 'string' ? DEFAULT_CANARY_HEADER : `${header.name}=${header.value}`,
    errorTolerancePoints: errorTolerance ?? DEFAULT_ERROR_TOLERANCE_POINTS,
    p95TolerancePercent: p95Tolerance ?? DEFAULT_P95_TOLERANCE_PERCENT,
    ...(service ? { service } : {}),
  };
  const runs: RunConfig[] = [];
  splits.forEach((split, index) => {
    const runId = progression ? `${id}-step${index + 1}-${split}pct` : id;
    try {
      const config = resolveRunConfig(
        profile,
        { ...flags, ...(scale !== undefined ? { scale: String(Number(scale.toPrecision(6))) } : {}), runId },
        env,
        cwd,
      );
      const earlier = runs.map((run) => run.runId);
      const canary: CanarySettings = {
        ...settings,
        splitPercent: split,
        ...(progression ? { step: { index: index + 1, of: splits.length } } : {}),
        // A step with no v1 of its own is compared with the v1 the earlier steps saw.
        ...(split === 100 && earlier.length > 0 ? { referenceRuns: earlier } : {}),
      };
      runs.push(Object.freeze({ ...config, canary }));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...(error.problems.length ? error.problems : [error.message]));
    }
  });
  const resultsRoot = runs[0]?.resultsRoot;
  const reportDir = progression && resultsRoot ? path.join(resultsRoot, id) : undefined;
  // Checked for every step now, not when a later step would start after minutes of load.
  for (const dir of [...(reportDir ? [reportDir] : []), ...runs.map((run) => run.resultsDir)])
    if (progression && existsSync(dir)) problems.push(`--run-id: ${dir} exists; a run never reuses a folder`);
  if (problems.length > 0) throw new ConfigError('invalid canary run:', [...new Set(problems)]);
  const first = runs[0]!;
  return {
    id,
    profile,
    progression,
    runs,
    reportDir,
    stepMs: nominalDurationMs(PROFILES[profile], first),
  };
}
