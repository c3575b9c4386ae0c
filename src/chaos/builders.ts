// Builders for the experiments the harness uses, so code and tests make typed objects instead of
// string templates. Defaults follow the C4ang layout: namespace `ecommerce`, pods labelled
// `app.kubernetes.io/name: <service>`, app container named like the service. Node side; pure.
import {
  CHAOS_API_VERSION,
  type HTTPChaos,
  type NetworkChaos,
  type PodChaos,
  type PodSelector,
  type Schedule,
  type SelectorMode,
} from './kinds/types.ts';
import { embeddedKey } from './kinds/types.ts';

const ECOMMERCE_NAMESPACE = 'ecommerce';
const APP_NAME_LABEL = 'app.kubernetes.io/name';

/** Pods of one C4ang service, namespaces explicit. */
export function serviceSelector(service: string, namespace = ECOMMERCE_NAMESPACE): PodSelector {
  return { namespaces: [namespace], labelSelectors: { [APP_NAME_LABEL]: service } };
}

interface TargetOptions {
  name: string;
  /** Namespace of the object and of the selected pods; default `ecommerce`. */
  namespace?: string;
  /** Value of `app.kubernetes.io/name`, e.g. `order-service`. */
  service: string;
  mode?: SelectorMode;
  /** Required for fixed / fixed-percent / random-max-percent, e.g. "1" or "50". */
  value?: string;
}

function meta(o: { name: string; namespace?: string }) {
  return { name: o.name, namespace: o.namespace ?? ECOMMERCE_NAMESPACE };
}

function targeting(o: TargetOptions) {
  const mode = o.mode ?? 'one';
  const selector = serviceSelector(o.service, o.namespace);
  return o.value === undefined ? { mode, selector } : { mode, value: o.value, selector };
}

export function podKill(o: TargetOptions & { gracePeriod?: number }): PodChaos {
  const { mode, ...rest } = targeting(o);
  const spec = { action: 'pod-kill' as const, mode, ...rest };
  return {
    apiVersion: CHAOS_API_VERSION,
    kind: 'PodChaos',
    metadata: meta(o),
    spec: o.gracePeriod === undefined ? spec : { ...spec, gracePeriod: o.gracePeriod },
  };
}

export function podFailure(o: TargetOptions & { duration: string }): PodChaos {
  return {
    apiVersion: CHAOS_API_VERSION,
    kind: 'PodChaos',
    metadata: meta(o),
    spec: { action: 'pod-failure', ...targeting(o), duration: o.duration },
  };
}

/** container-kill of the app container (default: the container named like the service). */
export function containerKill(o: TargetOptions & { containerNames?: string[] }): PodChaos {
  const containerNames = o.containerNames ?? [o.service];
  return {
    apiVersion: CHAOS_API_VERSION,
    kind: 'PodChaos',
    metadata: meta(o),
    spec: { action: 'container-kill', ...targeting(o), containerNames },
  };
}

/** Delay traffic from the `service` pods to the `to` service's pods (direction `to`). */
export function networkDelay(
  o: TargetOptions & { to: string; latency: string; jitter?: string; duration: string },
): NetworkChaos {
  const delay = o.jitter === undefined ? { latency: o.latency } : { latency: o.latency, jitter: o.jitter };
  const target = { mode: 'all' as const, selector: serviceSelector(o.to, o.namespace) };
  return {
    apiVersion: CHAOS_API_VERSION,
    kind: 'NetworkChaos',
    metadata: meta(o),
    spec: { action: 'delay', ...targeting(o), delay, direction: 'to', target, duration: o.duration },
  };
}

/** Abort requests to the `service` pods' server on `port` (default 8080) matching path/method. */
export function httpAbort(
  o: TargetOptions & { port?: number; path?: string; method?: string; duration: string },
): HTTPChaos {
  const matchers = { ...(o.path ? { path: o.path } : {}), ...(o.method ? { method: o.method } : {}) };
  return {
    apiVersion: CHAOS_API_VERSION,
    kind: 'HTTPChaos',
    metadata: meta(o),
    spec: {
      ...targeting(o),
      target: 'Request',
      port: o.port ?? 8080,
      ...matchers,
      abort: true,
      duration: o.duration,
    },
  };
}

/** Repeat an experiment on a cron (`@every 5m`, `*\/5 * * * *`); Forbid overlap, keep 5 runs. */
export function schedule(o: {
  name: string;
  cron: string;
  experiment: PodChaos | NetworkChaos | HTTPChaos;
  historyLimit?: number;
}): Schedule {
  const { experiment } = o;
  return {
    apiVersion: CHAOS_API_VERSION,
    kind: 'Schedule',
    metadata: meta({ name: o.name, namespace: experiment.metadata.namespace }),
    spec: {
      schedule: o.cron,
      type: experiment.kind,
      historyLimit: o.historyLimit ?? 5,
      concurrencyPolicy: 'Forbid',
      [embeddedKey(experiment.kind)]: experiment.spec,
    },
  };
}
