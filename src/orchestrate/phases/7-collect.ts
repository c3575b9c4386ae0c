// Phase 7, collect: chaos recovered and verified (chaos.json written) once load has ended; the
// target's CPU, memory and replicas over the load window asked of Prometheus (resources.json, or why
// not: PROMETHEUS_URL unset, unreachable, empty) — of the run's own stand-in's scrape when it started
// one, since every stand-in has the same pod names; the run's series then compacted
// (results/compact-run-series.ts) after cleanup — so the verdict, and `npm run report` later, read a
// complete, bounded run folder. Chaos that did not go as planned is a finding of the run (its
// criterion fails), and a Prometheus that does not answer is a warning (resources not measured):
// neither is a harness failure. Runs in: Node.
import type { RunConfig } from '../../config.ts';
import { ChaosError } from '../../errors.ts';
import { collectResources } from '../../results/resources/collect-resources.ts';
import { standinInstances } from '../../results/resources/resource-queries.ts';
import { RESOURCES_FILE, writeResourcesFile } from '../../results/resources/resources-file.ts';
import type { RunRecord } from '../run-record.ts';
import type { ChaosPlan } from './6-chaos-timeline.ts';

export async function finishChaos(chaos: ChaosPlan, log: (line: string) => void): Promise<void> {
  try {
    await chaos.finish();
  } catch (error) {
    if (!(error instanceof ChaosError)) throw error;
    log(error.message);
  }
}

/**
 * resources.json for a run whose load started: the load window is from `loadStartedAt` to now (the
 * engine has ended); `standinAdminUrl` is the admin API of the stand-in the run started (absent for a
 * real target). Never throws: a file that cannot be written is logged and the resource criteria are
 * then "not measured".
 */
export async function collectRunResources(
  config: RunConfig,
  record: RunRecord,
  log: (line: string) => void,
  standinAdminUrl?: string,
): Promise<void> {
  if (!record.loadStartedAt) return;
  let resources: Awaited<ReturnType<typeof collectResources>>;
  try {
    resources = await collectResources({
      prometheusUrl: config.prometheusUrl,
      namespace: config.namespace,
      ...(standinAdminUrl && {
        standin: {
          instances: standinInstances(standinAdminUrl),
          fixedAdminPort: config.standinPorts.adminPort !== 0,
        },
      }),
      fromMs: Date.parse(record.loadStartedAt),
      toMs: Date.now(),
    });
  } catch (error) {
    // A bug here must not cost the run its verdict: the resources are then simply not measured.
    log(`internal error while collecting resources: ${(error as Error)?.stack ?? error}`);
    return;
  }
  if (config.prometheusUrl && resources.notMeasured)
    log(`WARN resources not measured: ${resources.notMeasured}`);
  for (const warning of resources.warnings) log(`WARN resources: ${warning}`);
  await writeResourcesFile(config.resultsDir, resources).catch((error: Error) =>
    log(`cannot write ${RESOURCES_FILE}: ${error.message}; resources will show as not measured`),
  );
}
