// Asks Prometheus (PROMETHEUS_URL) for the target's CPU of requests and memory of limits per service
// and the PodDown condition per deployment over the run's load window, with the plan's queries
// (resource-queries.ts) — for the stand-in a run started, of its own scrape only, never another
// stand-in's. Never throws: no URL, an unreachable server or empty answers become a "not measured"
// file with the reason (for an unscraped stand-in, how to get it scraped), and each partial problem a
// warning — a missing Prometheus is a gap in the findings, not a failed run. Runs in: Node.
import { SERVICE_NAMES } from '../../vu/services.ts';
import { PrometheusApi, type RangeSeries } from './prometheus-api.ts';
import { displayPrometheusUrl } from './prometheus-url.ts';
import {
  podDownQuery,
  type QueryScope,
  queryInputs,
  queryStepS,
  rateWindowS,
  scopeMatchers,
  serviceQueries,
} from './resource-queries.ts';
import {
  type DeploymentDownSpans,
  type Points,
  RESOURCES_SCHEMA,
  type ResourcesFile,
  type ResourcesScope,
  type ServiceResourceSeries,
} from './resources-file.ts';

/** Assumed when the server does not show its configuration: the usual `scrape_interval: 15s`. */
export const ASSUMED_SCRAPE_INTERVAL_S = 15;

export interface CollectResourcesInput {
  /** PROMETHEUS_URL; undefined: not measured. */
  prometheusUrl: string | undefined;
  namespace: string;
  /**
   * The stand-in this run started: the `instance` values of its one scrape (its admin address, see
   * standinInstances), the only series taken as the target's. Absent: a real target, by namespace.
   */
  standin?: {
    instances: readonly string[];
    /** Its admin port was fixed (C4ANG_PERF_STANDIN_ADMIN_PORT): the fix is then to scrape it, not to fix it. */
    fixedAdminPort: boolean;
  };
  /** The load window, Unix ms. */
  fromMs: number;
  toMs: number;
  /** Per-request timeout, ms. */
  timeoutMs?: number;
}

/** The PromQL scope of the input: namespace, and the stand-in's own scrape when the run started one. */
function queryScope(input: CollectResourcesInput): QueryScope {
  return input.standin
    ? { namespace: input.namespace, instances: input.standin.instances }
    : { namespace: input.namespace };
}

function scopeRecord(input: CollectResourcesInput): ResourcesScope {
  return input.standin
    ? { by: 'instance', namespace: input.namespace, instances: [...input.standin.instances] }
    : { by: 'namespace', namespace: input.namespace };
}

/** Six significant digits: enough for a share of requests, and resources.json stays small. */
const round = (value: number) => Number(value.toPrecision(6));

/** The file's frame with defaults for what was not asked; `extra` fills in what was. */
function resourcesFile(input: CollectResourcesInput, extra: Partial<ResourcesFile>): ResourcesFile {
  const runS = Math.max(1, (input.toMs - input.fromMs) / 1000);
  return {
    schema: RESOURCES_SCHEMA,
    prometheus: input.prometheusUrl ? displayPrometheusUrl(input.prometheusUrl) : null,
    namespace: input.namespace,
    scope: scopeRecord(input),
    fromMs: input.fromMs,
    toMs: input.toMs,
    stepS: queryStepS(runS),
    rateWindowS: rateWindowS(runS, ASSUMED_SCRAPE_INTERVAL_S),
    scrapeIntervalS: ASSUMED_SCRAPE_INTERVAL_S,
    warnings: [],
    services: [],
    podDown: null,
    podDownQuery: podDownQuery(queryScope(input)),
    ...extra,
  };
}

function notMeasuredFile(input: CollectResourcesInput, reason: string): ResourcesFile {
  return resourcesFile(input, { notMeasured: reason });
}

/** The single series of a `sum(…) / sum(…)` query as rounded points; null when there is none. */
function ratioPoints(result: RangeSeries[]): Points | null {
  const values = result[0]?.values ?? [];
  return values.length > 0 ? values.map(([t, v]): [number, number] => [t, round(v)]) : null;
}

/** Consecutive samples with the condition true (1), merged into [first, last] spans. */
export function downSpans(values: Points, stepS: number): [number, number][] {
  const spans: [number, number][] = [];
  for (const [t, v] of values) {
    if (v !== 1) continue;
    const last = spans[spans.length - 1];
    if (last && t - last[1] <= stepS * 1.5) last[1] = t;
    else spans.push([t, t]);
  }
  return spans;
}

export async function collectResources(input: CollectResourcesInput): Promise<ResourcesFile> {
  if (!input.prometheusUrl) return notMeasuredFile(input, 'PROMETHEUS_URL not set');
  const shown = displayPrometheusUrl(input.prometheusUrl);
  const api = new PrometheusApi(input.prometheusUrl, input.timeoutMs);
  const warnings: string[] = [];
  const runS = Math.max(1, (input.toMs - input.fromMs) / 1000);
  // One trivial query first: a server that does not answer costs one timeout, not one per query.
  try {
    await api.query('vector(1)', input.toMs / 1000);
  } catch (error) {
    return notMeasuredFile(input, `Prometheus at ${shown}: ${(error as Error).message}`);
  }
  const scrape = await api.scrapeIntervalS();
  const scrapeIntervalS = scrape ?? ASSUMED_SCRAPE_INTERVAL_S;
  const window = rateWindowS(runS, scrapeIntervalS);
  const stepS = queryStepS(runS);
  const startS = Math.floor(input.fromMs / 1000);
  const endS = Math.ceil(input.toMs / 1000);
  const range = (promql: string) => api.queryRange(promql, startS, endS, stepS);
  const scope = queryScope(input);

  const asked = SERVICE_NAMES.map((service) => ({
    service,
    queries: serviceQueries(service, scope, window),
  }));
  const kinds = ['cpuOfRequests', 'memoryOfLimits'] as const;
  const [serviceAnswers, podDownAnswer] = await Promise.all([
    Promise.all(asked.map(({ queries }) => Promise.allSettled(kinds.map((kind) => range(queries[kind]))))),
    range(podDownQuery(scope)).then(
      (result) => ({ ok: true as const, result }),
      (error: Error) => ({ ok: false as const, error }),
    ),
  ]);
  const failures = serviceAnswers.flat().filter((a): a is PromiseRejectedResult => a.status === 'rejected');
  if (failures.length === serviceAnswers.flat().length) {
    const reason = (failures[0]?.reason as Error)?.message ?? 'no answer';
    return notMeasuredFile(input, `Prometheus at ${shown}: ${reason}`);
  }
  if (scrape === undefined)
    warnings.push(
      `Prometheus does not show its scrape interval (GET /api/v1/status/config); assumed ${ASSUMED_SCRAPE_INTERVAL_S} s for the rate window`,
    );

  const services: ServiceResourceSeries[] = await Promise.all(
    asked.map(async ({ service, queries }, i) => {
      const entry: ServiceResourceSeries = { service, queries, cpuOfRequests: null, memoryOfLimits: null };
      const missing: NonNullable<ServiceResourceSeries['missing']> = {};
      for (const [k, kind] of kinds.entries()) {
        const answer = serviceAnswers[i]![k]!;
        if (answer.status === 'rejected') {
          missing[kind] = `query failed: ${(answer.reason as Error).message}`;
          warnings.push(`${service} ${kind}: ${missing[kind]}`);
          continue;
        }
        entry[kind] = ratioPoints(answer.value);
        if (entry[kind] === null)
          missing[kind] = await whyEmpty(api, queryInputs(service, scope)[kind], endS, runS);
      }
      if (Object.keys(missing).length > 0) entry.missing = missing;
      return entry;
    }),
  );

  const file = resourcesFile(input, {
    stepS,
    rateWindowS: window,
    scrapeIntervalS,
    warnings,
    services,
    ...podDownOf(podDownAnswer, stepS, scope, warnings),
  });
  if (services.every((s) => s.cpuOfRequests === null && s.memoryOfLimits === null)) {
    const detail = services[0]?.missing?.cpuOfRequests ?? 'no data';
    // At least the rate window (four scrapes) back: a one-second run may fall between two scrapes.
    const lookbackS = Math.max(runS, window);
    file.notMeasured = input.standin
      ? await unscrapedStandin(api, shown, input.namespace, input.standin, endS, lookbackS)
      : `Prometheus at ${shown} has no series for the target's pods in namespace ${input.namespace} over the run (${detail}); is it scraping the target?`;
  }
  return file;
}

/**
 * Why the run's own stand-in was not measured, and what to do: it listens where no scrape config
 * looks (a port chosen at start), or its fixed port is not scraped. When Prometheus has another
 * target's stand-in series (`npm run target`'s), says so — the user may think those are this run's —
 * offers --target to load that one, which is scraped already, and suggests no port it holds.
 */
async function unscrapedStandin(
  api: PrometheusApi,
  shown: string,
  namespace: string,
  standin: NonNullable<CollectResourcesInput['standin']>,
  endS: number,
  lookbackS: number,
): Promise<string> {
  const own = standin.instances[0] ?? '';
  const others = await otherInstances(api, namespace, standin.instances, endS, lookbackS);
  const how = standin.fixedAdminPort
    ? 'C4ANG_PERF_STANDIN_ADMIN_PORT'
    : 'a port chosen at start that no scrape config knows';
  const seen = others.length
    ? `; those it has in namespace ${namespace} are another target's: ${others.join(', ')}, not this run's`
    : '';
  const target = others.length
    ? 'pass --target <gateway URL> to load the stand-in it does scrape'
    : 'run `npm run target`, have it scraped, and pass --target <its gateway URL>';
  const scrape = standin.fixedAdminPort
    ? `add ${own} (metrics_path /metrics/cluster) to its scrape config`
    : scrapeFixedPort(others);
  return `Prometheus at ${shown} has no series from this run's stand-in (admin ${own}, ${how}) over the run${seen}. To measure it: ${scrape}; or ${target}`;
}

/** The fix for a stand-in on a port chosen at start: a fixed admin port (8090, or the next one no other target has), scraped. */
function scrapeFixedPort(others: readonly string[]): string {
  let port = 8090;
  while (others.some((instance) => instance.endsWith(`:${port}`))) port++;
  return `set C4ANG_PERF_STANDIN_ADMIN_PORT=${port} and add 127.0.0.1:${port} (metrics_path /metrics/cluster) to the scrape config`;
}

/** `instance` values with container series in the namespace over the run, other than the stand-in's own. */
async function otherInstances(
  api: PrometheusApi,
  namespace: string,
  own: readonly string[],
  endS: number,
  lookbackS: number,
): Promise<string[]> {
  try {
    const found = await api.query(
      `count by (instance) (last_over_time(container_memory_working_set_bytes{${scopeMatchers({ namespace })}}[${Math.ceil(lookbackS)}s]))`,
      endS,
    );
    return found
      .map((series) => series.metric.instance)
      .filter((instance): instance is string => !!instance && !own.includes(instance))
      .sort();
  } catch {
    return []; // only the diagnosis is lost
  }
}

function podDownOf(
  answer: { ok: true; result: RangeSeries[] } | { ok: false; error: Error },
  stepS: number,
  scope: QueryScope,
  warnings: string[],
): Pick<ResourcesFile, 'podDown' | 'podDownMissing'> {
  if (!answer.ok) {
    warnings.push(`PodDown: query failed: ${answer.error.message}`);
    return { podDown: null, podDownMissing: `query failed: ${answer.error.message}` };
  }
  if (answer.result.length === 0)
    return {
      podDown: null,
      podDownMissing: `no kube_deployment_status_replicas_available / kube_deployment_spec_replicas series in namespace ${scope.namespace}${scope.instances ? ` from ${scope.instances.join(' or ')}` : ''}`,
    };
  const podDown: DeploymentDownSpans[] = answer.result
    .map((series) => ({
      deployment: series.metric.deployment ?? JSON.stringify(series.metric),
      downSpans: downSpans(series.values, stepS),
    }))
    .sort((a, b) => (a.deployment < b.deployment ? -1 : 1));
  return { podDown };
}

/** Which of a ratio's input metrics Prometheus has no series of over the run, as one reason. */
async function whyEmpty(
  api: PrometheusApi,
  inputs: readonly string[],
  endS: number,
  runS: number,
): Promise<string> {
  const lookback = `${Math.ceil(runS)}s`;
  const absent: string[] = [];
  for (const selector of inputs) {
    try {
      const found = await api.query(`count(last_over_time(${selector}[${lookback}]))`, endS);
      if (found.length === 0) absent.push(selector.split('{')[0] as string);
    } catch {
      // The ratio's own answer stands; only the diagnosis is lost.
    }
  }
  return absent.length > 0 ? `no ${absent.join(' or ')} series` : 'the query returned no points';
}
