// What one k6-operator run creates, decided once from the run's configuration: the one name its
// TestRun, ConfigMap and Secret share (so cleanup deletes three objects by one name), the namespace,
// labels, the runner image and the runner pods' environment — split into what may be written into the
// TestRun (scales, run id, seed) and what must come from the Secret (the target URL, host header and
// token: a URL can hold credentials and a TestRun is readable by anyone who can list them).
// Runs in: Node; pure except for the random name suffix.
import { canaryVuEnv } from '../../canary/canary-env.ts';
import { runLabels, uniqueName } from '../../chaos/names.ts';
import type { RunConfig } from '../../config.ts';
import { ConfigError } from '../../errors.ts';
import { PROFILES, type ProfileName } from '../../vu/profiles.ts';
import { maxVusOf } from './max-vus.ts';

/** Where handleSummary writes inside a runner pod (an emptyDir; the harness never reads it). */
export const RUNNER_RESULTS_DIR = '/tmp/c4ang-perf-results';
/** Set in runner pods only: the image's `k6` wrapper then reports aggregates (deploy/k6-operator-runner.sh). */
export const RUNNER_SWITCH_ENV = 'C4ANG_PERF_K6_OPERATOR_RUNNER';
/** The run's profile, in runner pods: the runner aggregates its threshold keys over the whole run. */
export const PROFILE_ENV = 'C4ANG_PERF_PROFILE';
/** Seconds between two aggregate reports of a runner. */
export const REPORT_EVERY_ENV = 'C4ANG_PERF_REPORT_EVERY_S';
export const DEFAULT_REPORT_EVERY_S = 10;
/** The VU variables a Secret carries, never the TestRun. */
export const SECRET_ENV_NAMES = ['BASE_URL', 'API_HOST', 'AUTH_TOKEN'] as const;

export interface OperatorRunPlan {
  /** The TestRun's name; the ConfigMap and the Secret have the same one. */
  readonly name: string;
  readonly namespace: string;
  readonly runId: string;
  readonly profile: ProfileName;
  readonly parallelism: number;
  readonly runnerImage: string;
  /** The bundle's key in the ConfigMap; k6-operator mounts it as /test/<scriptFile>. */
  readonly scriptFile: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Written into the TestRun. */
  readonly inlineEnv: Readonly<Record<string, string>>;
  /** Written into the Secret; only the keys that have a value. */
  readonly secretEnv: Readonly<Partial<Record<(typeof SECRET_ENV_NAMES)[number], string>>>;
}

/**
 * A TestRun name the operator can derive all its object names from: runner Jobs `<name>-<n>`, the
 * `<name>-initializer` Job and `<name>-service-<n>` Services (RFC 1035: a letter first), each ≤ 63.
 */
export function maxTestRunNameLength(parallelism: number): number {
  return Math.min(63 - '-initializer'.length, 63 - '-service-'.length - String(parallelism).length);
}

export function planOperatorRun(config: RunConfig, suffix?: () => string): OperatorRunPlan {
  const profile = PROFILES[config.profile];
  const maxVus = maxVusOf(profile, config);
  if (config.parallelism > maxVus)
    throw new ConfigError('cannot split the load:', [
      `--parallelism: ${config.parallelism} runners for a ${config.profile} run of at most ${maxVus} VU(s) at VU scale ${config.vuScale}; k6-operator needs at least one VU per runner (use --parallelism ${maxVus} or less)`,
    ]);
  const name = uniqueName(`c4ang-perf-${config.profile}`, maxTestRunNameLength(config.parallelism), suffix);
  const inlineEnv: Record<string, string> = {
    LOAD_SCALE: String(config.loadScale),
    VU_SCALE: String(config.vuScale),
    RUN_ID: config.runId,
    RESULTS_DIR: RUNNER_RESULTS_DIR,
  };
  if (config.seed !== undefined) inlineEnv.SEED = String(config.seed);
  // A canary run: every runner splits its own iterations the same way (load:canary).
  Object.assign(inlineEnv, canaryVuEnv(config.canary));
  const secretEnv: Record<string, string> = {};
  if (config.targetUrl) secretEnv.BASE_URL = config.targetUrl;
  if (config.apiHost) secretEnv.API_HOST = config.apiHost;
  if (config.authToken) secretEnv.AUTH_TOKEN = config.authToken;
  return {
    name,
    namespace: config.k6OperatorNamespace,
    runId: config.runId,
    profile: config.profile,
    parallelism: config.parallelism,
    runnerImage: config.runnerImage,
    scriptFile: `${config.profile}.js`,
    labels: runLabels(config.runId),
    inlineEnv,
    secretEnv,
  };
}
