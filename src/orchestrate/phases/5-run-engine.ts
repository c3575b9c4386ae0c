// Phase 5, run engine: k6 or the local runner runs the bundle against the target until the profile
// ends or the run is interrupted; its summary and per-second series land in the run folder. The
// engine's child process (k6) is recorded in the live-run file. On real k6, long runs leave summary
// and thresholds to the harness (engine/k6-summary-mode.ts). The VU env carries the security profile's
// SECURITY_* options and, for a stand-in with its security rules on, its token; a canary run's, its
// CANARY_SPLIT and CANARY_HEADER. Runs in: Node.
import path from 'node:path';
import { planK6Summary } from '../../engine/k6-summary-mode.ts';
import type { EngineResult } from '../../engine/types.ts';
import { nominalDurationMs } from '../../vu/options.ts';
import { PROFILES } from '../../vu/profiles.ts';
import { canaryVuEnv } from '../../canary/canary-env.ts';
import { securityVuEnv } from '../../target/security/run-security.ts';
import type { StandinSecurity } from '../../target/security/standin-security.ts';
import type { LiveRunHandle } from '../live-runs.ts';
import type { RunPlan } from './1-validate.ts';

export async function runEngine(
  plan: RunPlan,
  bundlePath: string,
  baseUrl: string,
  liveRun: LiveRunHandle,
  signal: AbortSignal,
  standinSecurity?: StandinSecurity,
): Promise<EngineResult> {
  const { config, engine } = plan;
  // The VU environment (__ENV). AUTH_TOKEN is a secret: engines pass it on in memory or through a
  // child's environment, never on a command line.
  const env: Record<string, string> = {
    BASE_URL: baseUrl,
    LOAD_SCALE: String(config.loadScale),
    VU_SCALE: String(config.vuScale),
    RUN_ID: config.runId,
    RESULTS_DIR: config.resultsDir,
  };
  if (config.apiHost) env.API_HOST = config.apiHost;
  if (config.authToken) env.AUTH_TOKEN = config.authToken;
  if (config.seed !== undefined) env.SEED = String(config.seed);
  // SECURITY_* options; with the stand-in's rules on, its token (a secret, as AUTH_TOKEN) and origin.
  Object.assign(env, securityVuEnv(config, standinSecurity));
  // A canary run: the VUs send this share of iterations as v2 (src/vu/canary.ts).
  Object.assign(env, canaryVuEnv(config.canary));
  return engine.run({
    bundlePath,
    env,
    resultsDir: config.resultsDir,
    timeSeriesPath: path.join(config.resultsDir, 'timeseries.ndjson'),
    signal,
    quiet: config.quiet,
    onSpawn: (pid) => void liveRun.setProcesses(engine.name, [pid]).catch(() => undefined),
    ...(config.workers ? { workers: config.workers } : {}),
    k6Summary: planK6Summary(
      config.k6Summary,
      config.profile,
      nominalDurationMs(PROFILES[config.profile], config),
    ),
  });
}
