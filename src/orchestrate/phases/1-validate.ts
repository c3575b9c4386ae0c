// Phase 1, validate: everything a run needs is checked before any process starts — the engine, the
// chaos manifests (and the chaos-mesh preflight), a real target's health (else the embedded stand-in's
// fixed ports being free), the results folder, the Prometheus remote-write settings
// (K6_PROMETHEUS_RW_*) when they are set — and every problem is reported at once (ConfigError, exit
// 104). Only then is the run folder claimed. Starts nothing; cleans nothing. Runs in: Node.
import type { RunConfig } from '../../config.ts';
import { prepareK6OperatorEngine } from '../../engine/k6-operator/k6-operator-engine.ts';
import { remoteWriteProblems } from '../../engine/remote-write-env.ts';
import { selectEngine } from '../../engine/select-engine.ts';
import type { Engine } from '../../engine/types.ts';
import { ConfigError } from '../../errors.ts';
import { prometheusWarning } from '../../results/resources/check-prometheus.ts';
import { standinPortProblems } from '../../target/standin-ports.ts';
import { DEFAULT_API_HOST } from '../../vu/env.ts';
import { buildBundle } from './3-build.ts';
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
    collect(problems, () =>
      // The operator's preflight needs the bundle (ConfigMap size, dry run): it builds it here.
      config.engine === 'k6-operator'
        ? prepareK6OperatorEngine(config, { buildBundle, log })
        : selectEngine(config.engine, config.k6Bin, pathEnv),
    ),
    collect(problems, () => prepareChaos(config, log)),
    // k6-operator's runners reach the target from the cluster, not from here: nothing to probe locally.
    config.targetUrl && config.engine !== 'k6-operator'
      ? checkTargetReachable(config.targetUrl, config.apiHost ?? DEFAULT_API_HOST)
      : [],
    checkResultsFolder(config),
  ]);
  problems.push(
    ...targetProblems,
    ...folderProblems,
    ...(engine?.name === 'k6-operator' ? [] : remoteWriteProblems(process.env, engine?.name)),
  );
  // A fixed port of the stand-in (C4ANG_PERF_STANDIN_*_PORT) already in use: a 104 now, not a failed start.
  if (!config.targetUrl) problems.push(...(await standinPortProblems(config.standinPorts)));
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
