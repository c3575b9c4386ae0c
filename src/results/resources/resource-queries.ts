// The platform test plan's resource queries (golden signals: CPU of requests, memory of limits) and
// the PodDown alert's expression, per service within a scope (the namespace, narrowed to one scrape
// target's `instance` for the stand-in a run started), with the rate window and query step fitted to
// the run's length. One place, so resources.json, the docs and the tests name the same PromQL.
// Runs in: Node.
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

/**
 * Which series are the target's. A real target: its namespace, as the plan asks (the cluster's own
 * cAdvisor and kube-state-metrics scrapes). The stand-in a run started: also the `instance` label
 * Prometheus gives its one scrape target (`/metrics/cluster` on the admin port), because every
 * stand-in has the same namespace and pod names — by namespace alone, another stand-in that
 * Prometheus scrapes (`npm run target`) would be reported as this run's.
 */
export interface QueryScope {
  namespace: string;
  /** `host:port` values of `instance` accepted; absent: any (a real target). */
  instances?: readonly string[];
}

/** `instance` values of a scrape of `adminUrl`: the address as given and as `localhost`, the two ways a scrape config names it. */
export function standinInstances(adminUrl: string): string[] {
  const { hostname, port } = new URL(adminUrl);
  return [...new Set([`${hostname}:${port}`, `localhost:${port}`])];
}

/** A regex matching exactly `text`, as RE2 reads it. */
const regexLiteral = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `text` inside a PromQL double-quoted string. */
const promString = (text: string) => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/** The label matchers of a scope: `namespace="…"` and, when scoped to instances, `instance=~"…"`. */
export function scopeMatchers(scope: QueryScope): string {
  const namespace = `namespace="${scope.namespace}"`;
  if (!scope.instances?.length) return namespace;
  return `${namespace},instance=~"${promString(scope.instances.map(regexLiteral).join('|'))}"`;
}

export interface ServiceQueries {
  /** sum(rate(container CPU)) / sum(CPU requests). */
  cpuOfRequests: string;
  /** sum(working set) / sum(memory limits). */
  memoryOfLimits: string;
}

const podMatchers = (service: string, scope: QueryScope) =>
  `${scopeMatchers(scope)},pod=~"${podPattern(service)}"`;

export function serviceQueries(service: string, scope: QueryScope, rateWindow: number): ServiceQueries {
  const pods = podMatchers(service, scope);
  return {
    cpuOfRequests: `sum(rate(container_cpu_usage_seconds_total{${pods}}[${rateWindow}s])) / sum(kube_pod_container_resource_requests{${pods},resource="cpu"})`,
    memoryOfLimits: `sum(container_memory_working_set_bytes{${pods}}) / sum(kube_pod_container_resource_limits{${pods},resource="memory"})`,
  };
}

/** The metrics behind each query, asked for one by one when a ratio comes back empty, to say which is missing. */
export function queryInputs(service: string, scope: QueryScope): Record<keyof ServiceQueries, string[]> {
  const pods = podMatchers(service, scope);
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
 * "no kube-state-metrics series" (no result). Both sides carry the same `instance`, so `< bool`
 * still pairs them one to one.
 */
export function podDownQuery(scope: QueryScope): string {
  const matchers = scopeMatchers(scope);
  return `kube_deployment_status_replicas_available{${matchers}} < bool kube_deployment_spec_replicas{${matchers}}`;
}
