// Phase 1, validate: everything a run needs is checked before any process starts — the engine, the
// chaos manifests (and the chaos-mesh preflight), a real target's health, the results folder, the
// Prometheus remote-write settings (K6_PROMETHEUS_RW_*) when they are set — and
// every problem is reported at once (ConfigError, exit 104). Only then is the run folder claimed.
// Starts nothing; cleans nothing. Runs in: Node.
import type { RunConfig } from '../../config.ts';
import { remoteWriteProblems } from '../../engine/remote-write-env.ts';
import { selectEngine } from '../../engine/select-engine.ts';
import type { Engine } from '../../engine/types.ts';
import { ConfigError } from '../../errors.ts';
import { prometheusWarning } from '../../results/resources/check-prometheus.ts';
import { DEFAULT_API_HOST } from '../../vu/env.ts';
import { type ChaosPlan, prepareChaos } from './6-chaos-timeline.ts';
import { checkTargetReachable } from './check-target.ts';
import { checkResultsFolder, claimRunFolder } from './results-folder.ts';

export interface RunPlan {
  readonly config: RunConfig;
  readonly engine: Engine;
  readonly chaos: ChaosPlan;
}

export async function validateRun(
  config: RunConfig,
  pathEnv: string | undefined,
  log: (line: string) => void,
): Promise<RunPlan> {
  const problems: string[] = [];
  // A Prometheus that does not answer is a warning, not a problem: resources are then not measured.
  const prometheusCheck = config.prometheusUrl ? prometheusWarning(config.prometheusUrl) : undefined;
  const [engine, chaos, targetProblems, folderProblems] = await Promise.all([
    collect(problems, () => selectEngine(config.engine, config.k6Bin, pathEnv)),
    collect(problems, () => prepareChaos(config, log)),
    config.targetUrl ? checkTargetReachable(config.targetUrl, config.apiHost ?? DEFAULT_API_HOST) : [],
    checkResultsFolder(config),
  ]);
  problems.push(...targetProblems, ...folderProblems, ...remoteWriteProblems(process.env, engine?.name));
  const prometheusNote = await prometheusCheck;
  if (prometheusNote) log(prometheusNote);
  if (problems.length > 0 || !engine || !chaos) throw new ConfigError('cannot start the run:', problems);
  await claimRunFolder(config);
  return { config, engine, chaos };
}

/** Runs a check; a ConfigError's problems join the list, anything else is a real failure. */
async function collect<T>(problems: string[], check: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...(error.problems.length ? error.problems : [error.message]));
    return undefined;
  }
}
