// results/<runId>/resources.json: what Prometheus said about the target's CPU, memory and replicas
// over the run's load window — or why it said nothing — written by the collect phase, so the verdict
// (and `npm run report` later) judges the resource criteria and the PodDown alert from the run
// folder alone, without asking Prometheus again. Runs in: Node.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const RESOURCES_FILE = 'resources.json';
export const RESOURCES_SCHEMA = 'c4ang-perf/resources@1';

/** [Unix s, value] pairs of a range query. */
export type Points = [number, number][];

export interface ServiceResourceSeries {
  service: string;
  /** The PromQL asked, as run. */
  queries: { cpuOfRequests: string; memoryOfLimits: string };
  /** CPU used / requested over time; null when Prometheus returned nothing (see `missing`). */
  cpuOfRequests: Points | null;
  /** Working set / memory limit over time; null when Prometheus returned nothing. */
  memoryOfLimits: Points | null;
  /** Why a series is null, e.g. `no kube_pod_container_resource_limits series`. */
  missing?: { cpuOfRequests?: string; memoryOfLimits?: string };
}

/** One deployment's stretches with fewer available replicas than desired: [first, last] sample, Unix s. */
export interface DeploymentDownSpans {
  deployment: string;
  downSpans: [number, number][];
}

/**
 * Which series were taken as the target's: `namespace` for a real target; `instance` for the stand-in
 * the run started — only its own scrape (its admin address), since every stand-in has the same pod
 * names.
 */
export type ResourcesScope =
  | { by: 'namespace'; namespace: string }
  | { by: 'instance'; namespace: string; instances: string[] };

export interface ResourcesFile {
  schema: typeof RESOURCES_SCHEMA;
  /** The Prometheus asked, without credentials; null when PROMETHEUS_URL was not set. */
  prometheus: string | null;
  namespace: string;
  /** Absent in files written before runs were scoped (they were scoped by namespace). */
  scope?: ResourcesScope;
  /** The load window queried, Unix ms. */
  fromMs: number;
  toMs: number;
  stepS: number;
  rateWindowS: number;
  /** The scrape interval the rate window was fitted to, and where it came from. */
  scrapeIntervalS: number;
  /** Set when nothing was measured: the reason (`PROMETHEUS_URL not set`, `Prometheus … unreachable …`). */
  notMeasured?: string;
  /** Problems that did not stop the collection (one query failed, the scrape interval was assumed). */
  warnings: string[];
  services: ServiceResourceSeries[];
  /** The PodDown condition per deployment; null when there were no kube_deployment_* series. */
  podDown: DeploymentDownSpans[] | null;
  podDownQuery: string;
  /** Why podDown is null. */
  podDownMissing?: string;
}

export async function writeResourcesFile(runDir: string, file: ResourcesFile): Promise<void> {
  await writeFile(path.join(runDir, RESOURCES_FILE), `${JSON.stringify(file)}\n`);
}

/** resources.json of a run folder; undefined when there is none (a run from before it existed). */
export async function readResourcesFile(runDir: string): Promise<ResourcesFile | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(runDir, RESOURCES_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as ResourcesFile;
  if (parsed?.schema !== RESOURCES_SCHEMA)
    throw new Error(`${path.join(runDir, RESOURCES_FILE)}: not a ${RESOURCES_SCHEMA} file`);
  return parsed;
}
