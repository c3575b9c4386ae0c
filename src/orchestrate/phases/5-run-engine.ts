// Phase 5, run engine: k6 or the local runner runs the bundle against the target until the profile
// ends or the run is interrupted; its summary and per-second series land in the run folder. The
// engine's child process (k6) is recorded in the live-run file. On real k6, long runs leave summary
// and thresholds to the harness (engine/k6-summary-mode.ts). Runs in: Node.
import path from 'node:path';
import { planK6Summary } from '../../engine/k6-summary-mode.ts';
import type { EngineResult } from '../../engine/types.ts';
import { nominalDurationMs } from '../../vu/options.ts';
import { PROFILES } from '../../vu/profiles.ts';
import type { LiveRunHandle } from '../live-runs.ts';
import type { RunPlan } from './1-validate.ts';

export async function runEngine(
  plan: RunPlan,
  bundlePath: string,
  baseUrl: string,
  liveRun: LiveRunHandle,
  signal: AbortSignal,
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
