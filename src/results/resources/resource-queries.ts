// The platform test plan's resource queries (golden signals: CPU of requests, memory of limits) and
// the PodDown alert's expression, per service and namespace, with the rate window and query step
// fitted to the run's length. One place, so resources.json, the docs and the tests name the same
// PromQL. Runs in: Node.
import { SERVICES } from '../../vu/services.ts';

/** The plan's rate window, s: `rate(…[5m])`. */
export const PLAN_RATE_WINDOW_S = 300;
/** Scrapes a rate window spans at least, so a missed scrape still leaves two samples to rate. */
const SCRAPES_PER_RATE_WINDOW = 4;
/** Points a range query aims at over the run; the step never exceeds the alert rules' 30 s interval. */
const TARGET_POINTS = 240;
const MAX_STEP_S = 30;

/**
 * The rate window of the CPU query: the plan's 5 m, shortened to the run's length so a short run's
 * rate covers the run rather than mostly the idle time before it, but never below four scrape
 * intervals.
 */
export function rateWindowS(runS: number, scrapeIntervalS: number): number {
  return Math.ceil(Math.max(SCRAPES_PER_RATE_WINDOW * scrapeIntervalS, Math.min(PLAN_RATE_WINDOW_S, runS)));
}

/** The query_range step: about 240 points over the run, 1 s at least and 30 s (an alert evaluation) at most. */
export function queryStepS(runS: number): number {
  return Math.min(MAX_STEP_S, Math.max(1, Math.ceil(runS / TARGET_POINTS)));
}

/**
 * The pod selector of a service: the plan's `pod=~"<service>-.*"`, also accepting pods named after
 * the Deployment (`order-api-…`), since the plan itself uses both names for one service.
 */
export function podPattern(service: string): string {
  const route = SERVICES.find((s) => s.name === service);
  const names = route && route.app !== route.name ? [route.name, route.app] : [service];
  return names.map((name) => `${name}-.*`).join('|');
}

export interface ServiceQueries {
  /** sum(rate(container CPU)) / sum(CPU requests). */
  cpuOfRequests: string;
  /** sum(working set) / sum(memory limits). */
  memoryOfLimits: string;
}

export function serviceQueries(service: string, namespace: string, rateWindow: number): ServiceQueries {
  const pods = `namespace="${namespace}",pod=~"${podPattern(service)}"`;
  return {
    cpuOfRequests: `sum(rate(container_cpu_usage_seconds_total{${pods}}[${rateWindow}s])) / sum(kube_pod_container_resource_requests{${pods},resource="cpu"})`,
    memoryOfLimits: `sum(container_memory_working_set_bytes{${pods}}) / sum(kube_pod_container_resource_limits{${pods},resource="memory"})`,
  };
}

/** The metrics behind each query, asked for one by one when a ratio comes back empty, to say which is missing. */
export function queryInputs(service: string, namespace: string): Record<keyof ServiceQueries, string[]> {
  const pods = `namespace="${namespace}",pod=~"${podPattern(service)}"`;
  return {
    cpuOfRequests: [
      `container_cpu_usage_seconds_total{${pods}}`,
      `kube_pod_container_resource_requests{${pods},resource="cpu"}`,
    ],
    memoryOfLimits: [
      `container_memory_working_set_bytes{${pods}}`,
      `kube_pod_container_resource_limits{${pods},resource="memory"}`,
    ],
  };
}

/**
 * The PodDown alert's condition per deployment as 0/1 (`< bool`), so "never down" (0) differs from
 * "no kube-state-metrics series" (no result).
 */
export function podDownQuery(namespace: string): string {
  return `kube_deployment_status_replicas_available{namespace="${namespace}"} < bool kube_deployment_spec_replicas{namespace="${namespace}"}`;
}
