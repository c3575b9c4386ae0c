// Resolves a load run's configuration once, at the edge: defaults < environment < flags, into one
// frozen object passed down. Collects every problem instead of stopping at the first. Runs in: Node.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { findVuEnvProblems } from './vu/env.ts';
import { PROFILE_NAMES, PROFILES, type ProfileName } from './vu/profiles.ts';
import { K6_SUMMARY_CHOICES, type K6SummaryChoice } from './engine/k6-summary-mode.ts';
import { ConfigError } from './errors.ts';
import { resolveK6OperatorSettings } from './config/k6-operator-settings.ts';
import { executableProblem, number, oneOf, percent } from './config/setting-values.ts';
import { normalizePrometheusUrl, prometheusUrlProblem } from './results/resources/prometheus-url.ts';
import { NAMESPACE } from './target/defaults.ts';
import { resolveStandinPorts, type StandinPorts } from './target/standin-ports.ts';
import { resolveRunSecurity, type RunSecurity } from './target/security/run-security.ts';
import { parseStandinV2, STANDIN_V2_ENV, type StandinV2Spec } from './target/standin-v2.ts';
import type { CanarySettings } from './results/canary/canary-settings.ts';

export type EngineChoice = 'auto' | 'k6' | 'local' | 'k6-operator';
export type ChaosProviderName = 'local' | 'chaos-mesh';

export interface RunConfig extends RunSecurity {
  readonly profile: ProfileName;
  readonly runId: string;
  /** Folder holding every run's folder and history.ndjson. */
  readonly resultsRoot: string;
  /** `resultsRoot/runId`. */
  readonly resultsDir: string;
  /** Undefined: start the embedded stand-in; else the gateway URL of a real target. */
  readonly targetUrl: string | undefined;
  readonly apiHost: string | undefined;
  readonly authToken: string | undefined;
  /** 0 < loadScale ≤ 1; the embedded default is the profile's quick scale, 1 for real targets. */
  readonly loadScale: number;
  /** 0 < vuScale ≤ 10. */
  readonly vuScale: number;
  readonly seed: number | undefined;
  readonly engine: EngineChoice;
  /** Path of a k6 binary given by K6_BIN or --k6-bin; else PATH is searched. */
  readonly k6Bin: string | undefined;
  /** Real k6: who keeps summary and thresholds (--k6-summary / C4ANG_PERF_K6_SUMMARY; auto: the harness on long runs). */
  readonly k6Summary: K6SummaryChoice;
  /** Worker threads for the local runner; undefined lets it choose. */
  readonly workers: number | undefined;
  readonly chaosFiles: readonly string[];
  /** When chaos starts, as a fraction 0..1 of the scaled profile length. */
  readonly chaosAt: number;
  readonly chaosProvider: ChaosProviderName;
  readonly allowProductionContext: boolean;
  readonly quiet: boolean;
  /** Inconclusive criteria fail the run too (exit 99). */
  readonly strict: boolean;
  /** Embedded stand-in only: every service's latency × this factor (≥ 1; C4ANG_PERF_STANDIN_SLOWDOWN). */
  readonly standinSlowdown: number;
  /** Embedded stand-in only: its gateway and admin ports, 0 = any free (C4ANG_PERF_STANDIN_GATEWAY_PORT, C4ANG_PERF_STANDIN_ADMIN_PORT). */
  readonly standinPorts: StandinPorts;
  /** Embedded stand-in only: a v2 of one service, routed by the canary header (C4ANG_PERF_STANDIN_V2). */
  readonly standinV2: StandinV2Spec | undefined;
  /** A canary run (npm run load:canary, set by src/canary/): split, header, tolerances; else undefined. */
  readonly canary?: CanarySettings;
  /** GitHub Actions' job summary file (GITHUB_STEP_SUMMARY): report.md is appended to it. */
  readonly stepSummaryPath: string | undefined;
  /** Prometheus asked for the target's CPU and memory after the run (PROMETHEUS_URL); unset: not measured. */
  readonly prometheusUrl: string | undefined;
  /** Kubernetes namespace of the target's pods in Prometheus (C4ANG_PERF_NAMESPACE, default ecommerce). */
  readonly namespace: string;
  /** k6-operator only: runner pods sharing the load (--parallelism, default 1). */
  readonly parallelism: number;
  /** k6-operator only: print the manifests a run would apply and contact nothing (--dry-run). */
  readonly dryRun: boolean;
  /** k6-operator only: namespace of the TestRun, its ConfigMap and Secret (C4ANG_PERF_K6_NAMESPACE). */
  readonly k6OperatorNamespace: string;
  /** k6-operator only: the harness image its runner pods run (C4ANG_PERF_RUNNER_IMAGE). */
  readonly runnerImage: string;
}

/** Flags as commander hands them over (all strings or booleans, all optional). */
export interface LoadFlags {
  target?: string;
  engine?: string;
  scale?: string;
  vuScale?: string;
  runId?: string;
  resultsDir?: string;
  seed?: string;
  k6Bin?: string;
  k6Summary?: string;
  workers?: string;
  chaos?: string[];
  chaosAt?: string;
  chaosProvider?: string;
  allowProductionContext?: boolean;
  quiet?: boolean;
  strict?: boolean;
  parallelism?: string;
  dryRun?: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Where run folders, history.ndjson and the chaos ledger live: --results-dir < C4ANG_PERF_RESULTS < results/. */
export function resolveResultsRoot(flag: string | undefined, env: Env, cwd = process.cwd()): string {
  return path.resolve(cwd, flag ?? env.C4ANG_PERF_RESULTS ?? 'results');
}

/** The chaos ledger folder inside a results root: one file per applied experiment. */
export function chaosLedgerDir(resultsRoot: string): string {
  return path.join(resultsRoot, 'chaos-ledger');
}

export function newRunId(profile: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  // Four random bytes: two runs started in the same second (a CI matrix) do not collide in practice.
  return `${profile}-${stamp}-${randomBytes(4).toString('hex')}`;
}

export function resolveRunConfig(
  profileName: string,
  flags: LoadFlags,
  env: Env,
  cwd = process.cwd(),
): RunConfig {
  const problems: string[] = [];
  if (!(PROFILE_NAMES as readonly string[]).includes(profileName)) {
    throw new ConfigError(`unknown profile "${profileName}"`, [
      `profile: must be one of ${PROFILE_NAMES.join(', ')}`,
    ]);
  }
  const profile = profileName as ProfileName;
  const targetUrl = flags.target ?? env.BASE_URL;
  const quick = PROFILES[profile].embeddedScale;
  const loadScale =
    number(flags.scale, '--scale', 0, 1, problems) ?? number(env.LOAD_SCALE, 'LOAD_SCALE', 0, 1, problems);
  const vuScale =
    number(flags.vuScale, '--vu-scale', 0, 10, problems) ?? number(env.VU_SCALE, 'VU_SCALE', 0, 10, problems);
  const slowdown = number(env.C4ANG_PERF_STANDIN_SLOWDOWN, 'C4ANG_PERF_STANDIN_SLOWDOWN', 0, 100, problems);
  const workers = number(flags.workers, '--workers', 0, 64, problems);
  const chaosAtPercent = percent(flags.chaosAt, '--chaos-at', problems);
  const runId = flags.runId ?? env.RUN_ID ?? newRunId(profile);
  const seedText = flags.seed ?? env.SEED;
  const vuProblems = findVuEnvProblems({
    BASE_URL: targetUrl,
    API_HOST: env.API_HOST,
    RUN_ID: runId,
    SEED: seedText,
    AUTH_TOKEN: env.AUTH_TOKEN,
  });
  problems.push(
    ...vuProblems.map((p) =>
      p
        .replace(/^BASE_URL/, flags.target !== undefined ? '--target' : 'BASE_URL')
        .replace(/^SEED/, flags.seed !== undefined ? '--seed' : 'SEED')
        .replace(/^RUN_ID/, flags.runId !== undefined ? '--run-id' : 'RUN_ID'),
    ),
  );
  if (workers !== undefined && !Number.isInteger(workers))
    problems.push(`--workers: must be a whole number (got "${flags.workers}")`);
  const engine = oneOf(
    flags.engine ?? env.C4ANG_PERF_ENGINE,
    flags.engine !== undefined ? '--engine' : 'C4ANG_PERF_ENGINE',
    ['auto', 'k6', 'local', 'k6-operator'] as const,
    'auto',
    problems,
  );
  // An empty K6_BIN is unset; a binary named on purpose must run (the local engine never uses it).
  const k6Bin = flags.k6Bin ?? (env.K6_BIN || undefined);
  if (k6Bin !== undefined && engine !== 'local' && engine !== 'k6-operator') {
    const problem = executableProblem(k6Bin, cwd);
    const label = flags.k6Bin !== undefined ? '--k6-bin' : 'K6_BIN';
    if (problem)
      problems.push(
        `${label}: ${problem}; fix the path, or drop ${label} to use k6 from PATH or the local runner`,
      );
  }
  // An empty PROMETHEUS_URL is unset, as a CI template that leaves it blank means.
  const prometheusUrl = env.PROMETHEUS_URL || undefined;
  const prometheusProblem = prometheusUrl && prometheusUrlProblem(prometheusUrl);
  if (prometheusProblem) problems.push(`PROMETHEUS_URL: ${prometheusProblem}`);
  const namespace = env.C4ANG_PERF_NAMESPACE || NAMESPACE;
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace))
    problems.push(
      `C4ANG_PERF_NAMESPACE: must be a Kubernetes namespace name such as ${NAMESPACE} (got "${namespace}")`,
    );
  const config: RunConfig = {
    profile,
    runId,
    resultsRoot: resolveResultsRoot(flags.resultsDir, env, cwd),
    resultsDir: path.join(resolveResultsRoot(flags.resultsDir, env, cwd), runId),
    targetUrl: targetUrl?.replace(/\/+$/, ''),
    apiHost: env.API_HOST,
    authToken: env.AUTH_TOKEN,
    loadScale: loadScale ?? (targetUrl ? 1 : quick.load),
    vuScale: vuScale ?? (targetUrl ? 1 : quick.vu),
    seed: seedText === undefined ? undefined : Number(seedText),
    engine,
    k6Bin,
    k6Summary: oneOf(
      flags.k6Summary ?? env.C4ANG_PERF_K6_SUMMARY,
      flags.k6Summary !== undefined ? '--k6-summary' : 'C4ANG_PERF_K6_SUMMARY',
      K6_SUMMARY_CHOICES,
      'auto',
      problems,
    ),
    workers,
    chaosFiles: (flags.chaos ?? []).map((file) => path.resolve(cwd, file)),
    chaosAt: (chaosAtPercent ?? 33) / 100,
    chaosProvider: oneOf(
      flags.chaosProvider ?? env.C4ANG_PERF_CHAOS_PROVIDER,
      flags.chaosProvider !== undefined ? '--chaos-provider' : 'C4ANG_PERF_CHAOS_PROVIDER',
      ['local', 'chaos-mesh'] as const,
      targetUrl ? 'chaos-mesh' : 'local',
      problems,
    ),
    allowProductionContext: flags.allowProductionContext ?? false,
    quiet: flags.quiet ?? env.CI === 'true',
    strict: flags.strict ?? false,
    standinSlowdown: slowdown ?? 1,
    standinPorts: resolveStandinPorts(env, problems),
    // C4ANG_PERF_STANDIN_SECURITY and the security profile's SECURITY_* options (issue 14).
    ...resolveRunSecurity(env, problems),
    standinV2: parseStandinV2(env[STANDIN_V2_ENV], STANDIN_V2_ENV, problems),
    stepSummaryPath: env.GITHUB_STEP_SUMMARY || undefined,
    prometheusUrl: prometheusUrl && !prometheusProblem ? normalizePrometheusUrl(prometheusUrl) : undefined,
    namespace,
    ...resolveK6OperatorSettings(flags, env, engine, targetUrl, problems),
  };
  if (config.chaosProvider === 'local' && targetUrl && config.chaosFiles.length > 0) {
    problems.push(
      '--chaos-provider: the local provider acts on the embedded target only; use chaos-mesh with --target',
    );
  }
  if (problems.length > 0) throw new ConfigError('invalid run configuration:', problems);
  return Object.freeze(config);
}
